package org.newpathkg.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes every quad, sorted by graph then by the N-Triples form of subject, predicate and object,
 * so that the same data always gives the same file and exports can be diffed. Blank nodes are
 * relabelled {@code _:b0, _:b1...} in order of first appearance in that order.
 */
final class Export {
    private Export() {}

    static void write(DatasetGraph ds, boolean trig, PrintStream out) {
        List<Quad> quads = new ArrayList<>();
        Iterator<Quad> it = ds.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            if (!q.isDefaultGraph())
                quads.add(q);
        }
        quads.sort((a, b) -> key(a).compareTo(key(b)));
        Map<Node, String> labels = new HashMap<>();
        Node graph = null;
        for (Quad q : quads) {
            String triple = fmt(q.getSubject(), labels) + " " + fmt(q.getPredicate(), labels) + " "
                    + fmt(q.getObject(), labels);
            if (!trig) {
                out.println(triple + " " + fmt(q.getGraph(), labels) + " .");
                continue;
            }
            if (!q.getGraph().equals(graph)) {
                if (graph != null)
                    out.println("}\n");
                graph = q.getGraph();
                out.println("GRAPH " + fmt(graph, labels) + " {");
            }
            out.println("    " + triple + " .");
        }
        if (trig && graph != null)
            out.println("}");
    }

    private static String key(Quad q) {
        return blanked(q.getGraph()) + " " + blanked(q.getSubject()) + " " + blanked(q.getPredicate()) + " "
                + blanked(q.getObject());
    }

    private static String blanked(Node n) {
        return n.isBlank() ? "_:" : NodeFmtLib.strNT(n);
    }

    private static String fmt(Node n, Map<Node, String> labels) {
        if (n.isBlank())
            return labels.computeIfAbsent(n, k -> "_:b" + labels.size());
        return NodeFmtLib.strNT(n);
    }
}
