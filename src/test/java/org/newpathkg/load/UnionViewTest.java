package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.shared.AccessDeniedException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.QueryEngineFactoryWrapper;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.newpathkg.rdf.UnionView;

/**
 * The one read-only view over both stores it is used on: the parsed data in memory (what the
 * checks and inference query) and TDB2 (what is served). The same answers from both: the default
 * graph is the union of the named graphs as a set, named graphs are unchanged, every write is refused.
 */
class UnionViewTest {
    static final Node G1 = uri("g1"), G2 = uri("g2"), A = uri("a"), P = uri("p"), B = uri("b"), C = uri("c");
    static final String PX = "PREFIX : <urn:x:> ";

    static Node uri(String local) {
        return NodeFactory.createURI("urn:x:" + local);
    }

    /** g1 {a p b, a p c}, g2 {a p b}: three quads, two distinct triples. */
    static DatasetGraph fill(DatasetGraph store) {
        Txn.executeWrite(store, () -> {
            store.add(G1, A, P, B);
            store.add(G1, A, P, C);
            store.add(G2, A, P, B);
        });
        return store;
    }

    static Stream<Supplier<DatasetGraph>> stores() {
        return Stream.of(() -> fill(new IndexedUnion(DatasetGraphFactory.createGeneral())),
                () -> fill(DatabaseMgr.createDatasetGraph()));
    }

    static long count(DatasetGraph dsg, String where) {
        return Txn.calculateRead(dsg, () -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(PX + "SELECT (COUNT(*) AS ?n) { " + where + " }").build()) {
                return Long.parseLong(qe.select().next().get("n").getLiteralLexicalForm());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theDefaultGraphIsTheUnionOfTheNamedGraphsAsASet(Supplier<DatasetGraph> store) {
        DatasetGraph view = new UnionView(store.get());
        assertEquals(2, count(view, "?s ?p ?o"));
        assertEquals(1, count(view, "?s :p :c"));
        assertEquals(3, count(view, "GRAPH ?g { ?s ?p ?o }"));
        assertEquals(1, count(view, "GRAPH :g2 { ?s ?p ?o }"));
        Txn.executeRead(view, () -> {
            // The Graph API and the quad API agree with SPARQL.
            assertEquals(2, view.getDefaultGraph().find().toList().size());
            assertEquals(2, Iter.count(view.find(Quad.defaultGraphIRI, Node.ANY, Node.ANY, Node.ANY)));
            assertTrue(view.contains(Quad.defaultGraphIRI, A, P, C));
            assertTrue(view.getDefaultGraph().contains(A, P, C));
            assertFalse(view.contains(G2, A, P, C));
            assertEquals(3, Iter.count(view.find()));
        });
    }

    @ParameterizedTest
    @MethodSource("stores")
    void everyWriteIsRefusedAndTheStoreIsUnchanged(Supplier<DatasetGraph> store) {
        DatasetGraph base = store.get();
        DatasetGraph view = new UnionView(base);
        Quad q = Quad.create(G1, A, P, uri("d"));
        Triple t = q.asTriple();
        List<Runnable> writes = List.of(
                () -> view.add(q), () -> view.add(G1, A, P, uri("d")), () -> view.delete(Quad.create(G1, A, P, B)),
                () -> view.deleteAny(G1, Node.ANY, Node.ANY, Node.ANY), () -> view.removeGraph(G1),
                () -> view.addGraph(uri("g3"), org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph()), view::clear,
                () -> view.getDefaultGraph().add(t), () -> view.getDefaultGraph().delete(Triple.create(A, P, B)),
                () -> view.getGraph(G1).add(t), () -> view.getGraph(G1).delete(Triple.create(A, P, B)),
                () -> UpdateExec.dataset(view).update(PX + "INSERT DATA { GRAPH :g1 { :a :p :d } }").execute(),
                () -> UpdateExec.dataset(view).update(PX + "CLEAR ALL").execute());
        // Refused before the store is reached (no transaction is needed for that): the read-only
        // dataset's UnsupportedOperationException, the read-only graph's AddDeniedException or DeleteDeniedException.
        for (int i = 0; i < writes.size(); i++) {
            int n = i;
            RuntimeException e = assertThrows(RuntimeException.class, writes.get(i)::run, "write " + n);
            assertTrue(e instanceof UnsupportedOperationException || e instanceof AccessDeniedException, "write " + n + ": " + e);
        }
        assertEquals(3, count(base, "GRAPH ?g { ?s ?p ?o }"));
    }

    @Test
    void overTdb2QueriesAreHandedToTdb2sOwnEngineWithTheUnionAsDefaultGraph() {
        DatasetGraph store = fill(DatabaseMgr.createDatasetGraph());
        DatasetGraph view = new UnionView(store);
        assertFalse(view instanceof DatasetGraphWrapperView, "a view would make ARQ use the general engine over the Graph API");
        assertSame(QueryEngineFactoryWrapper.get(), QueryEngineRegistry.findFactory(QueryFactory.create("ASK {}"), view, view.getContext()));
        assertTrue(view.getContext().isTrue(TDB2.symUnionDefaultGraph));
    }

    @Test
    void aStoreThatWouldLoseTheUnionIsRefused() {
        // ARQ unwraps the view: over a plain dataset the default graph would be that dataset's own, empty one.
        assertThrows(IllegalArgumentException.class, () -> new UnionView(fill(DatasetGraphFactory.createGeneral())));
    }

    @Test
    void theParsedStoreRefusesWritesToItsDefaultGraph() {
        DatasetGraph store = fill(new IndexedUnion(DatasetGraphFactory.createGeneral()));
        assertThrows(UnsupportedOperationException.class, () -> store.add(Quad.defaultGraphIRI, A, P, uri("d")));
        assertThrows(UnsupportedOperationException.class, () -> store.add(Quad.defaultGraphNodeGenerated, A, P, uri("d")));
        store.delete(G1, A, P, C);
        assertFalse(store.getDefaultGraph().contains(A, P, C), "deleted from its only graph, gone from the union");
        store.delete(G1, A, P, B);
        assertTrue(store.getDefaultGraph().contains(A, P, B), "still in g2");
    }
}
