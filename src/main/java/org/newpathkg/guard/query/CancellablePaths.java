package org.newpathkg.guard.query;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.iterator.QueryIterPath;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * Property paths stop when ARQ cancels their query. ARQ's timeout (and {@code QueryExec.abort})
 * sets the query's cancel signal, which its iterators check before each solution
 * ({@code QueryIteratorBase.nextBinding}) and its and TDB2's pattern matchers check on each
 * match ({@code StageMatchTriple}, {@code StageMatchTuple}); that reaches every operator but one.
 * A property path computes a whole closure, or a sequence of closures
 * ({@code ?s (!<p>)* ?o . ?o (!<p>)* ?z}), inside one step of its iterator, reading the graph
 * directly; nothing under {@code org.apache.jena.sparql.path} looks at the signal (Jena 5.6.0).
 * This executor hands paths their graph through a view that checks the signal on every read, so
 * a path stops within one read of its timeout. Everything else is TDB2's executor
 * ({@code OpExecutorTDB2}, which falls back to ARQ's general one for other datasets).
 */
public final class CancellablePaths extends OpExecutorTDB2 {
    private static final OpExecutorFactory FACTORY = CancellablePaths::new;

    private CancellablePaths(ExecutionContext execCxt) {
        super(execCxt);
    }

    /** Makes queries run with {@code context} use this executor (ARQ looks the factory up there). */
    public static void install(Context context) {
        QC.setFactory(context, FACTORY);
    }

    @Override
    protected QueryIterator execute(OpPath opPath, QueryIterator input) {
        AtomicBoolean signal = execCxt.getCancelSignal();
        if (signal == null)
            return super.execute(opPath, input);
        ExecutionContext checked = ExecutionContext.copyChangeActiveGraph(execCxt, new Checked(execCxt.getActiveGraph(), signal));
        return new QueryIterPath(opPath.getTriplePath(), input, checked);
    }

    /** The path's graph: each read first checks the query's cancel signal. */
    static final class Checked extends GraphWrapper {
        private final AtomicBoolean signal;

        Checked(Graph graph, AtomicBoolean signal) {
            super(graph);
            this.signal = signal;
        }

        private void check() {
            if (signal.get())
                throw new QueryCancelledException();
        }

        @Override
        public ExtendedIterator<Triple> find(Triple m) {
            check();
            return get().find(m);
        }

        @Override
        public ExtendedIterator<Triple> find(Node s, Node p, Node o) {
            check();
            return get().find(s, p, o);
        }

        @Override
        public boolean contains(Node s, Node p, Node o) {
            check();
            return get().contains(s, p, o);
        }

        @Override
        public boolean contains(Triple t) {
            check();
            return get().contains(t);
        }
    }
}
