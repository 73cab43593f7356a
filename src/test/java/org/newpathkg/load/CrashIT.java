package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;

/**
 * A {@code --tdb2} rebuild killed with SIGKILL at any point leaves the last good database
 * serving: {@code serve} runs in a separate JVM (the packaged jar) over changed sources and is
 * killed at spread-out moments from JVM start to the pointer switch; after each kill the database
 * {@code current} names must open as-is (reused, no rebuild) with exactly the graph of its sources.
 * Twenty kills by default (about a minute); {@code -Dcrash.kills=N} for more or fewer.
 */
class CrashIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();
    static final int KILLS = Integer.getInteger("crash.kills", 20);

    /** The graph as sorted N-Quads: what "the served graph" means when comparing. */
    static String graph(DatasetGraph ds) {
        return Txn.calculateRead(ds, () -> {
            List<String> lines = new ArrayList<>();
            Iterator<Quad> it = ds.find();
            while (it.hasNext()) {
                Quad q = it.next();
                if (!q.isDefaultGraph())
                    lines.add(NodeFmtLib.strNQ(q).replaceAll("_:\\S+", "_:b"));
            }
            lines.sort(null);
            return String.join("\n", lines);
        });
    }

    static String graphOf(SourceTree src) {
        try (KnowledgeGraph kg = Pipeline.load(src, null)) {
            return graph(kg.dataset());
        }
    }

    static String dbName(SourceTree src) {
        return "db-" + src.contentHash().substring(0, 16);
    }

    static Process serve(Path project, Path db) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--port", "0", "--data", project.toString(), "--tdb2", db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs one rebuild to the end; returns the milliseconds until the port was printed. */
    static long fullRebuild(Path project, Path db) throws Exception {
        long t0 = System.nanoTime();
        Process p = serve(project, db);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; )
                if (line.startsWith("port "))
                    return (System.nanoTime() - t0) / 1_000_000;
            throw new AssertionError("serve exited without a port");
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killingARebuildAtAnyPointLeavesTheLastGoodDatabaseServing(@TempDir Path tmp) throws Exception {
        Path a = Fixtures.copyWith(tmp.resolve("a"));
        Path b = Fixtures.copyWith(tmp.resolve("b"));
        Files.writeString(b.resolve("ontology/essay/entities.trig"),
                "\nGRAPH <https://w3id.org/newpath-kg/graph/entities> { <https://w3id.org/newpath-kg/id/japan> a <https://w3id.org/newpath-kg/ontology#State> . }\n",
                StandardOpenOption.APPEND);
        SourceTree srcA = SourceTree.directory(a), srcB = SourceTree.directory(b);
        String graphA = graphOf(srcA), graphB = graphOf(srcB);
        assertFalse(graphA.equals(graphB));
        Path db = tmp.resolve("db");

        fullRebuild(a, db);
        long full = fullRebuild(b, db);
        fullRebuild(a, db);
        Random random = new Random(5);
        int replaced = 0;
        for (int i = 0; i < KILLS; i++) {
            String before = Files.readString(db.resolve(Tdb2Store.CURRENT)).strip();
            boolean onA = before.equals(dbName(srcA));
            Path other = onA ? b : a;
            // Spread the kills from JVM start to the end of the rebuild (the full time includes starting Jetty, after the switch).
            long delay = (long) (full * (i + random.nextDouble()) / KILLS * 0.9);
            Process p = serve(other, db);
            Thread.sleep(delay);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));

            String current = Files.readString(db.resolve(Tdb2Store.CURRENT)).strip();
            assertTrue(current.equals(dbName(srcA)) || current.equals(dbName(srcB)), "pointer names a known database: " + current);
            if (!current.equals(before))
                replaced++;
            SourceTree src = current.equals(dbName(srcA)) ? srcA : srcB;
            try (KnowledgeGraph kg = Pipeline.load(src, db)) {
                assertTrue(kg.report().reused(), "kill " + i + " after " + delay + " ms: the database " + current + " opens as it is");
                assertEquals(src == srcA ? graphA : graphB, graph(kg.dataset()),
                        "kill " + i + " after " + delay + " ms: the served graph is the last good one");
            }
        }
        System.out.println("CrashIT: " + KILLS + " kills over a " + full + " ms rebuild; " + replaced
                + " landed after the pointer switch, " + (KILLS - replaced) + " before it");
    }

    @Test
    void corruptUnreadableOrMissingSourcesNeverReplaceTheLastGoodDatabase(@TempDir Path tmp) throws Exception {
        Path project = Fixtures.copyWith(tmp.resolve("p"));
        SourceTree src = SourceTree.directory(project);
        Path db = tmp.resolve("db");
        String good;
        try (KnowledgeGraph kg = Pipeline.load(src, db)) {
            good = graph(kg.dataset());
        }
        String goodName = Files.readString(db.resolve(Tdb2Store.CURRENT)).strip();
        Path claims = project.resolve("ontology/essay/claims.trig");
        byte[] original = Files.readAllBytes(claims);

        List<Runnable> breakages = List.of(
                () -> write(claims, concat(original, new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, '{', '<'})),
                () -> write(claims, java.util.Arrays.copyOf(original, original.length * 2 / 3)),
                () -> write(claims, new byte[0]),
                () -> {
                    delete(claims);
                    mkdir(claims);
                },
                () -> {
                    delete(claims);
                    link(claims, project.resolve("ontology/essay/gone.trig"));
                });
        // Deleting a whole file is an ordinary edit and cannot be told from an accident; the shapes
        // and integrity checks are what notice references left dangling by it.
        for (int i = 0; i < breakages.size(); i++) {
            Fixtures.deleteTree(project);
            Fixtures.copyWith(project);
            breakages.get(i).run();
            int n = i;
            RuntimeException e = assertThrows(RuntimeException.class, () -> Pipeline.load(src, db).close(),
                    "breakage " + n + " must stop the load");
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "breakage " + n + " is explained");
            assertEquals(goodName, Files.readString(db.resolve(Tdb2Store.CURRENT)).strip(), "breakage " + n);
        }
        Fixtures.deleteTree(project);
        Fixtures.copyWith(project);
        try (KnowledgeGraph kg = Pipeline.load(src, db)) {
            assertTrue(kg.report().reused());
            assertEquals(good, graph(kg.dataset()));
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void write(Path p, byte[] bytes) {
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void mkdir(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
