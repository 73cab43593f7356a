package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;

/**
 * The store a {@code --data} build writes lives in a private temporary directory that is given
 * back on every way out: closed, failed in parsing, failed in validation (with the loader threads
 * writing into it), or killed (swept at the next start).
 */
class ScratchStoreTest {

    @Test
    void theBuildIsServedFromAPrivateDirectoryThatGoesWhenTheGraphCloses() {
        Path dir;
        try (KnowledgeGraph kg = Pipeline.load(Plan.of(SourceTree.directory(Fixtures.good())).withEssay(Fixtures.essay()))) {
            dir = Path.of(kg.report().location());
            assertTrue(dir.getFileName().toString().startsWith(PrivateDir.PREFIX), dir.toString());
            assertTrue(Files.isDirectory(dir.resolve(Target.TDB2)), "TDB2 on disk in " + dir);
            assertEquals(Long.toString(ProcessHandle.current().pid()), read(dir.resolve(PrivateDir.OWNER)));
            long claims = Txn.calculateRead(kg.dataset(), () -> QueryExec.dataset(kg.dataset())
                    .query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }").select().next().get("n").getLiteralValue())
                    instanceof Number n ? n.longValue() : -1;
            assertTrue(claims > 0, "the graph is served: " + claims);
        }
        assertFalse(Files.exists(dir), "removed on close: " + dir);
    }

    @Test
    void thePublicFiguresNameNoPathOfTheServer() {
        try (KnowledgeGraph kg = Pipeline.load(Plan.of(SourceTree.directory(Fixtures.good())).withEssay(Fixtures.essay()))) {
            String figures = kg.report().figures().toString();   // served to anyone under /$/stats
            assertFalse(figures.contains(kg.report().location()), figures);
            assertFalse(figures.contains(Fixtures.good().toAbsolutePath().toString()), figures);
            assertEquals("directory", kg.report().figures().get("source"), figures);
        }
    }

    @Test
    void aParseErrorNamesFileAndLineAndLeavesNoDirectory(@TempDir Path project) {
        Fixtures.copyWith(project, "syntax-error.trig");
        Set<Path> before = mine();
        DataException e = assertThrows(DataException.class,
                () -> Pipeline.load(Plan.of(SourceTree.directory(project)).withEssay(Fixtures.essay())));
        assertTrue(e.getMessage().startsWith("ontology/essay/syntax-error.trig:13:"), e.getMessage());
        assertEquals(before, mine(), "the failed build's directory is removed");
    }

    @Test
    void aFailedCheckLeavesNoDirectory(@TempDir Path project) {
        // Validation fails while the TDB2 loader and the text index write into the directory.
        Fixtures.copyWith(project, "claim-without-modality.trig");
        Set<Path> before = mine();
        assertThrows(RuntimeException.class, () -> Pipeline.load(Plan.of(SourceTree.directory(project)).withEssay(Fixtures.essay())));
        assertEquals(before, mine(), "the failed build's directory is removed");
    }

    @Test
    void directoriesOfDeadProcessesAreSweptAtTheNextStart() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path killed = Files.createTempDirectory(tmp, PrivateDir.PREFIX);
        Files.writeString(killed.resolve(PrivateDir.OWNER), Long.toString(dead));
        Files.createDirectories(killed.resolve(Target.TDB2));
        Path creating = Files.createTempDirectory(tmp, PrivateDir.PREFIX);   // no owner yet, just made
        Path mine = PrivateDir.create();
        try {
            assertFalse(Files.exists(killed), "left by pid " + dead + ", which is not alive");
            assertTrue(Files.exists(creating), "one being created by another process is left alone");
            assertTrue(Files.exists(mine));
        } finally {
            PrivateDir.delete(killed);
            PrivateDir.delete(creating);
            PrivateDir.delete(mine);
        }
    }

    /** The private directories this process owns now. */
    private static Set<Path> mine() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith(PrivateDir.PREFIX))
                    .filter(p -> pid.equals(read(p.resolve(PrivateDir.OWNER))))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
