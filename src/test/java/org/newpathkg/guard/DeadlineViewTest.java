package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.engine.QueryEngineFactoryWrapper;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.QueryEngineTDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline view over a TDB2 store, in process: queries keep TDB2's own engine (the served
 * dataset was chosen for it) and still stop at the deadline, property paths included.
 */
class DeadlineViewTest {
    static final String P = "PREFIX : <urn:x:> ";
    static final int CHAIN = 200;

    DatasetGraph store;
    DatasetGraph view;

    @BeforeEach
    void chain() {
        store = DatabaseMgr.createDatasetGraph();
        store.getContext().set(TDB2.symUnionDefaultGraph, true);
        Node g = NodeFactory.createURI("urn:x:g"), next = NodeFactory.createURI("urn:x:next");
        Txn.executeWrite(store, () -> {
            for (int i = 0; i < CHAIN; i++)
                store.add(g, NodeFactory.createURI("urn:x:n" + i), next, NodeFactory.createURI("urn:x:n" + (i + 1)));
        });
        view = new DeadlineView(store);
    }

    @AfterEach
    void clear() {
        Deadline.clear();
    }

    long count(DatasetGraph dsg, String query) {
        return Txn.calculateRead(dsg, () -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
                return Long.parseLong(qe.select().next().get("n").getLiteralLexicalForm());
            }
        });
    }

    @Test
    void queriesThroughTheViewAreHandedToTdb2sOwnEngine() {
        Query q = QueryFactory.create(P + "SELECT * { ?s :next ?o }");
        assertFalse(view instanceof DatasetGraphWrapperView, "a view would make ARQ use the general engine over the Graph API");
        assertSame(QueryEngineFactoryWrapper.get(), QueryEngineRegistry.findFactory(q, view, view.getContext()));
        assertSame(QueryEngineTDB.getFactory(), QueryEngineRegistry.findFactory(q, store, view.getContext()));
    }

    @Test
    void withoutADeadlineTheViewAnswersAsTheStoreDoes() {
        String bgp = P + "SELECT (COUNT(*) AS ?n) { ?s :next ?o }";
        String path = P + "SELECT (COUNT(*) AS ?n) { :n0 :next+ ?o }";
        String union = P + "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s :next ?o } }";
        assertEquals(CHAIN, count(view, bgp));
        assertEquals(CHAIN, count(view, path));
        assertEquals(CHAIN, count(view, union));
        assertEquals(count(store, bgp), count(view, bgp));
    }

    @Test
    void anExpiredDeadlineStopsJoinsAndPathsButOnlyThroughTheView() {
        Deadline.start(-1);
        for (String q : new String[] {
                P + "SELECT (COUNT(*) AS ?n) { ?a :next ?b . ?c :next ?d }",
                P + "SELECT (COUNT(*) AS ?n) { ?s :next* ?o }",
                P + "SELECT (COUNT(*) AS ?n) { ?s (!:other)+ ?o }"})
            assertThrows(QueryCancelledException.class, () -> count(view, q), q);
        // The store's own context is untouched: in-process callers (CLI, validation) have no deadline.
        assertEquals(CHAIN * CHAIN, count(store, P + "SELECT (COUNT(*) AS ?n) { ?a :next ?b . ?c :next ?d }"));
    }

    @Test
    void settingsMadeOnTheStoreAfterTheViewWasBuiltStillApply() {
        // The guard locks down extension functions on the dataset after the endpoint's view exists.
        Symbol later = Symbol.create("urn:x:set-later");
        store.getContext().set(later, "yes");
        assertEquals("yes", view.getContext().get(later));
        assertSame(DeadlineExecutor.FACTORY, org.apache.jena.sparql.engine.main.QC.getFactory(view.getContext()));
    }
}
