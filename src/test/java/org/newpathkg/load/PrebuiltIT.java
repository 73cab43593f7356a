package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;

/**
 * The database {@code mvn package} builds for the packaged data (run after packaging, when the
 * build has made it): it holds exactly what a full in-memory build of the same files holds, it is
 * used only for exactly the sources it was built from, and its private copy goes when closed.
 */
class PrebuiltIT {

    @Test
    void thePackagedDatabaseHoldsWhatAFullBuildOfTheSameFilesHolds() {
        int parses = Pipeline.parseCount();
        Path copy;
        try (KnowledgeGraph packaged = Pipeline.load(SourceTree.classpath(), null)) {
            assertTrue(packaged.report().reused(), packaged.report().summary());
            assertEquals(parses, Pipeline.parseCount(), "the packaged data was parsed again");
            copy = Path.of(packaged.report().location()).getParent();
            assertTrue(Files.isDirectory(copy));
            try (KnowledgeGraph full = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null)) {
                assertFalse(full.report().reused());
                assertEquals(full.report().inferred(), packaged.report().inferred());
                assertEquals(quads(full), quads(packaged));
            }
        }
        assertFalse(Files.exists(copy), "the private copy is removed on close: " + copy);
    }

    @Test
    void itIsUsedOnlyForTheSourcesItWasBuiltFrom() {
        assertEquals(Optional.empty(), Prebuilt.extract(SourceTree.directory(Fixtures.good())));
        Optional<Path> mine = Prebuilt.extract(SourceTree.classpath());
        assertTrue(mine.isPresent(), "mvn package builds newpath-db/ into the classpath");
        try {
            String current = Files.readString(mine.get().resolve(Tdb2Store.CURRENT)).strip();
            assertEquals("db-" + SourceTree.classpath().contentHash().substring(0, 16), current);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            PrivateDir.delete(mine.get());
        }
    }

    static List<String> quads(KnowledgeGraph kg) {
        List<String> out = new ArrayList<>();
        Txn.executeRead(kg.dataset(), () -> kg.dataset().find(Node.ANY, Node.ANY, Node.ANY, Node.ANY)
                .forEachRemaining(q -> out.add(q.toString())));
        out.sort(null);
        return out;
    }
}
