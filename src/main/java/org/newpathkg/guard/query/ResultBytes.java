package org.newpathkg.guard.query;

import java.util.Iterator;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.newpathkg.guard.http.Admission;

/**
 * The size of a result as it is collected, before anything is sent: each term counts its bytes
 * as the most expensive format writes them, escaped (a control character is {@code \u0001} in
 * JSON, a numeric reference in XML: {@value #CONTROL} bytes; {@code < > & " '} an XML entity),
 * plus a fixed {@link #CELL} for the markup around it. Every result is computed in full before
 * its first byte goes out, so the cap can cut it cleanly, like the row cap, instead of breaking a
 * document half sent. The bytes actually written are counted again on the wire
 * ({@link Admission}), which cuts the connection of an answer that outgrows the cap all the same.
 */
public final class ResultBytes {
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

    /** Bytes of a control character escaped in the most expensive format. */
    static final int CONTROL = 8;

    /** Bytes of {@code s} as the most expensive format writes it, escapes included. */
    static long utf8(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f)
                n += CONTROL;
            else if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'')
                n += 6;
            else if (c == '\\')
                n += 2;
            else
                n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
