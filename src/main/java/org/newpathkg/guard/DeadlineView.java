package org.newpathkg.guard;

import java.util.Iterator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * The served dataset as the query endpoint sees it: every {@code find} first checks the running
 * query's {@link Deadline}, so a query stops within one data access of its time limit whatever
 * operator it is in. Outside a query (no deadline on the thread) it is a plain pass-through.
 * It is a {@link DatasetGraphWrapperView}, so ARQ evaluates against this view rather than
 * unwrapping it.
 */
public final class DeadlineView extends DatasetGraphWrapper implements DatasetGraphWrapperView {

    public DeadlineView(DatasetGraph dsg) {
        super(dsg);
    }

    @Override
    public Graph getDefaultGraph() {
        return new Checked(getR().getDefaultGraph());
    }

    @Override
    public Graph getUnionGraph() {
        return new Checked(getR().getUnionGraph());
    }

    @Override
    public Graph getGraph(Node graphNode) {
        return new Checked(getR().getGraph(graphNode));
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        Deadline.check();
        return getR().find(g, s, p, o);
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        Deadline.check();
        return getR().find(quad);
    }

    @Override
    public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
        Deadline.check();
        return getR().findNG(g, s, p, o);
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        Deadline.check();
        return getR().contains(g, s, p, o);
    }

    /** A graph of the view: the same check before each read. */
    private static final class Checked extends GraphWrapper {
        Checked(Graph graph) {
            super(graph);
        }

        @Override
        public ExtendedIterator<Triple> find(Triple m) {
            Deadline.check();
            return get().find(m);
        }

        @Override
        public ExtendedIterator<Triple> find(Node s, Node p, Node o) {
            Deadline.check();
            return get().find(s, p, o);
        }

        @Override
        public boolean contains(Node s, Node p, Node o) {
            Deadline.check();
            return get().contains(s, p, o);
        }

        @Override
        public boolean contains(Triple t) {
            Deadline.check();
            return get().contains(t);
        }
    }
}
