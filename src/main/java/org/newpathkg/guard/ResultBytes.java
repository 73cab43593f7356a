package org.newpathkg.guard;

import java.util.Iterator;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * The size of a result as it is collected, before anything is sent: each term counts its UTF-8
 * bytes (lexical form, datatype IRI, language tag) plus a fixed {@link #CELL} for the markup
 * around it. Every result is computed in full before its first byte goes out, so the cap can cut
 * it cleanly, like the row cap, instead of breaking a document half sent. The figure is an
 * estimate of every format's size, not any one format's: XML spends more markup per cell, CSV
 * less; escaping can add more for control characters.
 */
final class ResultBytes {
    /** Markup of one term in the larger formats (JSON's {@code {"type":"literal","value":...}}, XML's {@code <binding>}). */
    static final int CELL = 48;
    private final long max;
    private long bytes;
    private boolean cut;

    ResultBytes(long max) {
        this.max = max;
    }

    /** Counts a row; false (and {@link #cut()} true) if it would take the result past the cap. */
    boolean add(Binding b) {
        long n = CELL;
        for (Iterator<Var> vars = b.vars(); vars.hasNext(); )
            n += term(b.get(vars.next()));
        return take(n);
    }

    boolean add(Quad q) {
        return take(CELL + term(q.getGraph()) + term(q.getSubject()) + term(q.getPredicate()) + term(q.getObject()));
    }

    boolean add(Triple t) {
        return take(CELL + term(t.getSubject()) + term(t.getPredicate()) + term(t.getObject()));
    }

    boolean add(JsonObject o) {
        return take(CELL + utf8(o.toString()));
    }

    /** Whether a result was cut here. */
    boolean cut() {
        return cut;
    }

    private boolean take(long n) {
        if (cut || bytes + n > max) {
            cut = true;
            return false;
        }
        bytes += n;
        return true;
    }

    static long term(Node n) {
        if (n == null)
            return 0;
        if (n.isURI())
            return CELL + utf8(n.getURI());
        if (n.isLiteral())
            return CELL + utf8(n.getLiteralLexicalForm()) + n.getLiteralDatatypeURI().length() + n.getLiteralLanguage().length();
        if (n.isTripleTerm())
            return CELL + term(n.getTriple().getSubject()) + term(n.getTriple().getPredicate()) + term(n.getTriple().getObject());
        return CELL + 16;
    }

    static long utf8(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
