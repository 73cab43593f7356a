package org.newpathkg.guard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.QueryEngineTDB;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.junit.jupiter.api.Test;

/**
 * ARQ's cancellation (its timeout, {@code QueryExec.abort}) reaches a property path's closure
 * only through {@link CancellablePaths}: without it, a path cancelled in the middle of a closure
 * reads on to the end of the closure; with it, the path stops at its next read. Queries keep
 * TDB2's own engine and their answers.
 */
class CancellablePathsTest {
    static final String P = "PREFIX : <urn:x:> ";
    static final int CHAIN = 2_000;
    /** The read of the path during which its query is aborted, as its timeout would abort it. */
    static final int ABORT_AT = 50;

    static Node n(int i) {
        return NodeFactory.createURI("urn:x:n" + i);
    }

    /** A chain n0 -> n1 -> ... that counts the reads made of it and aborts the query on read {@link #ABORT_AT}. */
    static final class Counting extends GraphWrapper {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicReference<QueryExec> running = new AtomicReference<>();

        Counting() {
            super(chain());
        }

        static Graph chain() {
            Graph g = GraphFactory.createDefaultGraph();
            Node next = NodeFactory.createURI("urn:x:next");
            for (int i = 0; i < CHAIN; i++)
                g.add(n(i), next, n(i + 1));
            return g;
        }

        @Override
        public ExtendedIterator<Triple> find(Node s, Node p, Node o) {
            if (reads.incrementAndGet() == ABORT_AT)
                running.get().abort();
            return super.find(s, p, o);
        }

        @Override
        public ExtendedIterator<Triple> find(Triple t) {
            return find(t.getSubject(), t.getPredicate(), t.getObject());
        }
    }

    /** Reads of the chain made by {@code :n0 :next* ?o} when its query is aborted during read {@link #ABORT_AT}. */
    static int readsOfAnAbortedClosure(boolean cancellablePaths) {
        Counting graph = new Counting();
        DatasetGraph ds = DatasetGraphFactory.wrap(graph);
        if (cancellablePaths)
            CancellablePaths.install(ds.getContext());
        try (QueryExec qe = QueryExec.dataset(ds).query(P + "SELECT (COUNT(*) AS ?n) { :n0 :next* ?o }").build()) {
            graph.running.set(qe);
            assertThrows(QueryCancelledException.class, () -> qe.select().next());
        }
        return graph.reads.get();
    }

    @Test
    void anAbortedPathStopsAtItsNextReadOnlyWithTheCheck() {
        int without = readsOfAnAbortedClosure(false), with = readsOfAnAbortedClosure(true);
        assertTrue(without > CHAIN, "ARQ alone finishes the closure before it notices: " + without + " reads");
        assertEquals(ABORT_AT, with, "with the check the path stops at its next read");
    }

    /** A TDB2 chain of {@code n} links in one named graph, served as the union default graph. */
    static DatasetGraph tdb2Chain(int n) {
        DatasetGraph store = DatabaseMgr.createDatasetGraph();
        store.getContext().set(TDB2.symUnionDefaultGraph, true);
        Node g = NodeFactory.createURI("urn:x:g"), next = NodeFactory.createURI("urn:x:next");
        Txn.executeWrite(store, () -> {
            for (int i = 0; i < n; i++)
                store.add(g, n(i), next, n(i + 1));
        });
        return store;
    }

    /**
     * On TDB2's engine, the endpoint's way: {@code (:next*)*} from the head of a 3,000-link chain is
     * one step of about 4.5 million index reads (a closure from every node of a closure), and its
     * {@code OFFSET} makes ARQ take that step while it builds the plan, where ARQ's own timeout alarm
     * waits for a lock the query holds ({@link QueryBudget}). Its 100 ms budget stops it at the next
     * read; unchecked (and without QueryBudget), it ran 87 s past its 100 ms timeout on the project machine.
     */
    @Test
    void aTimedOutPathOnTdb2StopsWithinItsStepEvenWhileThePlanIsBuilt() {
        DatasetGraph store = tdb2Chain(3_000);
        CancellablePaths.install(store.getContext());
        long t0 = System.nanoTime();
        Txn.executeRead(store, () -> {
            try (QueryExec qe = QueryExec.dataset(store).query(P + "SELECT * { :n0 (:next*)* ?o } LIMIT 1 OFFSET 1000000").timeout(100).build();
                 QueryBudget budget = new QueryBudget(qe, 0, 100)) {
                assertThrows(QueryCancelledException.class, () -> qe.select().next());
            }
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < TDB2_UNCHECKED_S * 1_000 / 3, "stopped after " + ms + " ms");
    }

    static final int TDB2_UNCHECKED_S = 30;

    @Test
    void queriesKeepTdb2sEngineAndTheirAnswers() {
        DatasetGraph store = tdb2Chain(200);
        CancellablePaths.install(store.getContext());
        assertSame(QueryEngineTDB.getFactory(), QueryEngineRegistry.findFactory(QueryFactory.create(P + "ASK {}"), store, store.getContext()));
        for (String q : new String[] {"SELECT (COUNT(*) AS ?n) { ?s :next ?o }", "SELECT (COUNT(*) AS ?n) { :n0 :next+ ?o }",
                "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s :next ?o } }", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { :n0 :next+ ?o } }"}) {
            long n = Txn.calculateRead(store, () -> {
                try (QueryExec qe = QueryExec.dataset(store).query(P + q).build()) {
                    return Long.parseLong(qe.select().next().get("n").getLiteralLexicalForm());
                }
            });
            assertEquals(200, n, q);
        }
    }
}
