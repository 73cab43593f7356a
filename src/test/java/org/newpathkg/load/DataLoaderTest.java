package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;
import org.newpathkg.vocab.Graphs;

class DataLoaderTest {

    @Test
    void ontologyFilesGoToTheOntologyGraphAndShapesAreNotServed() {
        DataLoader.Loaded l = DataLoader.load(SourceTree.directory(Fixtures.good()));
        assertTrue(l.dataset().getGraph(Graphs.ONTOLOGY).size() > 10);
        assertFalse(l.shapes().isEmpty());
        l.dataset().listGraphNodes().forEachRemaining(g -> assertFalse(g.getURI().contains("shapes")));
        assertTrue(l.dataset().containsGraph(NodeFactory.createURI(Graphs.CLAIM_NS + "c1")));
        assertEquals(5, l.files());
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn(@TempDir Path dir) {
        Fixtures.copyWith(dir, "syntax-error.trig");
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
        assertTrue(e.getMessage().startsWith("ontology/essay/syntax-error.trig:13:"), e.getMessage());
    }

    @Test
    void tripleOutsideGraphBlockIsRefusedWithFileAndLine(@TempDir Path dir) {
        Fixtures.copyWith(dir, "triple-outside-graph.trig");
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
        assertTrue(e.getMessage().startsWith("ontology/essay/triple-outside-graph.trig:13:"), e.getMessage());
        assertTrue(e.getMessage().contains("outside a GRAPH block"), e.getMessage());
    }

    @Test
    void graphOutsideTheLayoutIsRefused(@TempDir Path dir) {
        Fixtures.copyWith(dir, "unknown-graph.trig");
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
        assertTrue(e.getMessage().contains("unknown-graph.trig:11:"), e.getMessage());
        assertTrue(e.getMessage().contains("https://example.org/elsewhere"), e.getMessage());
    }

    @Test
    void classpathCopyListsTheSameDataFilesAsTheWorkingTree() {
        SourceTree jar = SourceTree.classpath();
        SourceTree tree = SourceTree.directory(Fixtures.projectRoot());
        assertEquals(tree.list("ontology/", ".ttl"), jar.list("ontology/", ".ttl"));
    }
}
