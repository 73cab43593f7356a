package org.newpathkg.server;

import org.newpathkg.guard.Limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;
import org.newpathkg.load.DataException;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/** Start-up: the packaged jar refuses bad data before binding; TDB2 databases are reused, rebuilt and kept safe. */
class StartupIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();

    record Run(int exit, String out, String err) {}

    /** Runs the packaged jar; returns when it exits (bad data) or has printed its port (then it is stopped). */
    static Run jar(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jar did not exit within 60 s");
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void syntaxErrorRefusesStartUpNamingFileAndLine(@TempDir Path dir) throws Exception {
        Fixtures.copyWith(dir, "syntax-error.trig");
        Run r = jar("serve", "--port", "0", "--data", dir.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("ontology/essay/syntax-error.trig:13:1:"), r.err());
        assertFalse(r.out().contains("listening"), r.out());
    }

    @Test
    void shapesViolationRefusesStartUpNamingTheFocusNode(@TempDir Path dir) throws Exception {
        Fixtures.copyWith(dir, "claim-without-modality.trig");
        Run r = jar("serve", "--port", "0", "--data", dir.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("<https://w3id.org/newpath-kg/claim/no-modality>"), r.err());
        assertFalse(r.out().contains("listening"), r.out());
    }

    @Test
    void packagedJarServesTextSearch() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--port", "0", "--data", Fixtures.good().toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String port = Fixtures.awaitPort(out);
            assertTrue(port != null, "no port printed");
            String body = Http.query("http://127.0.0.1:" + port,
                    "PREFIX text: <http://jena.apache.org/text#> PREFIX oa: <http://www.w3.org/ns/oa#> "
                    + "SELECT ?s { ?s text:query (oa:exact \"国防\" \"lang:ja\") }", "text/csv").body();
            assertTrue(body.contains("c1#quote"), "text:query through the shaded jar: " + body);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void theJarAloneOpensTheDatabaseBuiltByMavenAndServesTheWholeEssay() throws Exception {
        try (Serving s = servePackaged()) {
            Path log = s.log();
            String port = s.port();
            String err = Files.readString(log);
            assertTrue(err.contains("Serving the database built and validated by 'mvn package'"), err);
            String base = "http://127.0.0.1:" + port;
            String claims = Http.query(base, "PREFIX npo: <https://w3id.org/newpath-kg/ontology#> "
                    + "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a npo:Claim }", "text/csv").body();
            assertEquals("278", claims.lines().skip(1).findFirst().orElse("").strip(), claims);
            String text = Http.query(base, "PREFIX text: <http://jena.apache.org/text#> PREFIX oa: <http://www.w3.org/ns/oa#> "
                    + "SELECT ?s { ?s text:query (oa:exact \"新冷戦\" \"lang:ja\") }", "text/csv").body();
            assertTrue(text.contains("/claim/"), "the packaged Lucene index answers: " + text);
            // Jena's "Bad IRI" warning prints the IRI with its \\u escapes decoded: the jar's one
            // logging provider (log.SafeLogging) keeps it on one line, without the NUL.
            Http.query(base, "ASK { <http://x/a\\u000A[INFO]\\u0020Request\\u0020-\\u0020GET\\u0020/FORGED-LOG-LINE"
                    + "\\u0020200\\u0000> ?p ?o }", "text/csv");
            String logged = Files.readString(log);
            assertTrue(logged.contains("Bad IRI: <http://x/a\\n[INFO] Request - GET /FORGED-LOG-LINE 200\\u0000>"), logged);
            assertTrue(logged.lines().noneMatch(l -> l.startsWith("[INFO] Request - GET /FORGED")) && !logged.contains("\0"), logged);
            assertFalse(logged.contains("SLF4J"), "SLF4J found one provider: " + logged);
        }
    }

    /**
     * A server stopped while it renders its first pages ahead of visitors (the warm-up that the first
     * page starts) finishes the page it is on, begins no other and only then closes the dataset: stopped
     * a moment after its first page, it exits quietly, without a closed dataset's failures, a read
     * transaction left open or an uncaught exception on its standard error.
     */
    @Test
    void aServerStoppedWhileWarmingItsPagesExitsCleanly() throws Exception {
        try (Serving s = servePackaged()) {
            assertEquals(200, Http.get("http://127.0.0.1:" + s.port() + "/", "text/html").statusCode());
            s.process().destroy();   // SIGTERM while the warm-up renders (it takes about a second on a cold server)
            assertTrue(s.process().waitFor(40, TimeUnit.SECONDS), "the server did not stop");
            String err = Files.readString(s.log());
            for (String sign : List.of("Exception in thread", "Warming", "dataset closed", "Transactions active"))
                assertFalse(err.contains(sign), "stopped while warming: " + err);
        }
    }

    /** {@code java -jar} of the packaged jar serving on a free port, its standard error in {@code log}; closing stops it. */
    record Serving(Process process, Path log, String port) implements AutoCloseable {
        @Override
        public void close() throws IOException, InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    static Serving servePackaged() throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--port", "0");
        Path log = Files.createTempFile("startup-it", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        Serving s = new Serving(p, log, Fixtures.awaitPort(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))));
        if (s.port() == null) {
            String err = Files.readString(log);
            s.close();
            throw new AssertionError("no port printed: " + err);
        }
        return s;
    }

    @Test
    void tdb2DatabaseIsReusedRebuiltOnChangeAndKeptWhenARebuildFails(@TempDir Path tmp) throws Exception {
        Path project = Fixtures.copyWith(tmp.resolve("project"));
        Path db = tmp.resolve("db");
        SourceTree src = SourceTree.directory(project);

        String firstDb;
        try (KnowledgeGraph kg = Pipeline.load(src, db)) {
            assertFalse(kg.report().reused());
            firstDb = Files.readString(db.resolve("current")).strip();
        }

        int parses = Pipeline.parseCount();
        long t0 = System.nanoTime();
        try (KnowledgeGraph kg = Pipeline.load(src, db)) {
            assertTrue(kg.report().reused(), kg.report().summary());
            assertTrue(kg.report().summary().startsWith("Reused"), kg.report().summary());
            assertEquals(parses, Pipeline.parseCount(), "a reused database is not parsed again");
            FusekiServer server = NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build()).start();
            try {
                String base = "http://127.0.0.1:" + server.getHttpPort();
                String body = Http.query(base, "PREFIX text: <http://jena.apache.org/text#> PREFIX oa: <http://www.w3.org/ns/oa#> "
                        + "SELECT ?s { ?s text:query (oa:exact \"国防\" \"lang:ja\") }", "text/csv").body();
                assertTrue(body.contains("c1#quote"), "on-disk text index after reuse: " + body);
                assertTrue(Http.query(base, "ASK { <https://w3id.org/newpath-kg/id/russia> <https://w3id.org/newpath-kg/ontology#alliedWith> <https://w3id.org/newpath-kg/id/dprk> }",
                        "application/sparql-results+json").body().contains("true"), "union default graph on TDB2");
            } finally {
                server.stop();
            }
        }

        Files.writeString(project.resolve("ontology/essay/entities.trig"),
                "\nGRAPH <https://w3id.org/newpath-kg/graph/entities> { <https://w3id.org/newpath-kg/id/japan> a <https://w3id.org/newpath-kg/ontology#State> . }\n",
                StandardOpenOption.APPEND);
        String secondDb;
        try (KnowledgeGraph kg = Pipeline.load(src, db)) {
            assertFalse(kg.report().reused(), "a changed source rebuilds");
            secondDb = Files.readString(db.resolve("current")).strip();
            assertNotEquals(firstDb, secondDb);
        }

        Fixtures.addBroken(project, "syntax-error.trig");
        assertThrows(DataException.class, () -> Pipeline.load(src, db));
        assertEquals(secondDb, Files.readString(db.resolve("current")).strip(), "a failed rebuild keeps the last good database");
        assertTrue(Files.isDirectory(db.resolve(secondDb)));

        Files.delete(project.resolve("ontology/essay/syntax-error.trig"));
        try (KnowledgeGraph kg = Pipeline.load(src, db)) {
            assertTrue(kg.report().reused(), "the last good database is still there");
        }
    }
}
