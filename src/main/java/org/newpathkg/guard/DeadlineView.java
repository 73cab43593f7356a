package org.newpathkg.guard;

import java.util.Iterator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * The served dataset as the query endpoint and the pages see it: every {@code find} first checks
 * the running query's {@link Deadline}, and SPARQL queries run with {@link DeadlineExecutor},
 * which checks it at every step of the plan. Outside a query (no deadline on the thread) both are
 * plain pass-throughs.
 * <p>
 * It is deliberately not a {@code DatasetGraphWrapperView}: ARQ unwraps it and hands queries to
 * TDB2's own engine, and the deadline travels in the context instead, where ARQ looks up the
 * operator executor.
 */
public final class DeadlineView extends DatasetGraphWrapper {

    public DeadlineView(DatasetGraph dsg) {
        super(dsg);
    }

    /**
     * The wrapped dataset's context, copied at each call so that settings made on the dataset
     * after this view was built (the query policy, the extension lock-down) always apply, with
     * {@link DeadlineExecutor} as the operator executor. The wrapped context itself (used by the
     * CLI and in-process callers) is left alone.
     */
    @Override
    public Context getContext() {
        Context context = getR().getContext().copy();
        QC.setFactory(context, DeadlineExecutor.FACTORY);
        return context;
    }

    @Override
    public Graph getDefaultGraph() {
        return new CheckedGraph(getR().getDefaultGraph());
    }

    @Override
    public Graph getUnionGraph() {
        return new CheckedGraph(getR().getUnionGraph());
    }

    @Override
    public Graph getGraph(Node graphNode) {
        return new CheckedGraph(getR().getGraph(graphNode));
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
    static final class CheckedGraph extends GraphWrapper {
        CheckedGraph(Graph graph) {
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
