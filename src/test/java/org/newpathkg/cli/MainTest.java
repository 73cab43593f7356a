package org.newpathkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;

class MainTest {
    record Result(int rc, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateExitsZeroOnGoodDataOneOnViolationsTwoOnSyntaxErrors(@TempDir Path dir) {
        assertEquals(0, run("validate", "--data", Fixtures.good().toString(), "--essay", Fixtures.essay().toString()).rc());
        Path bad = Fixtures.copyWith(dir.resolve("bad"), "quotation-not-in-essay.trig");
        Result r = run("validate", "--data", bad.toString(), "--essay", Fixtures.essay().toString());
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("claim/misquote"), r.out());
        Path broken = Fixtures.copyWith(dir.resolve("broken"), "syntax-error.trig");
        Result s = run("validate", "--data", broken.toString());
        assertEquals(2, s.rc());
        assertTrue(s.err().contains("syntax-error.trig:13:1:"), s.err());
    }

    @Test
    void validateExitsThreeAndNamesTheCheckItSkippedWhenTheEssayIsMissing(@TempDir Path dir) {
        Result r = run("validate", "--data", Fixtures.good().toString(), "--essay", dir.resolve("none.txt").toString());
        assertEquals(3, r.rc(), r.out());
        assertTrue(r.out().contains("Skipped: quotation check skipped: essay not found at " + dir.resolve("none.txt")), r.out());
        assertTrue(r.out().contains("not validated") && !r.out().contains("OK"), r.out());
    }

    @Test
    void dataThatNamesNoEssayIsNotValidatedWithoutOne() {
        // The fixture has no ontology/essay/SOURCE: whatever lies beside it, no essay is assumed.
        Result r = run("validate", "--data", Fixtures.good().toString());
        assertEquals(3, r.rc(), r.out());
        assertTrue(r.out().contains("the data names no essay (ontology/essay/SOURCE) and none was given (--essay FILE)"), r.out());
    }

    @Test
    void theRealDataValidatesWithTheEssayBesideTheProject() {
        // No --essay: the default place, as in CI. Exit 3 here means the essay was not found.
        Result r = run("validate", "--data", Fixtures.projectRoot().toString());
        assertEquals(0, r.rc(), r.out() + r.err());
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingItAndTheNearestKnownOne() {
        Result r = run("serve", "--prot", "1");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("'--prot'"), r.err());
        assertTrue(r.err().contains("Did you mean --port?"), r.err());
        Result top = run("--max-row", "5");   // serve is the default command
        assertEquals(2, top.rc());
        assertTrue(top.err().contains("'--max-row'") && top.err().contains("Did you mean --max-rows?"), top.err());
        Result cmd = run("valdate");
        assertEquals(2, cmd.rc());
        assertTrue(cmd.err().contains("valdate") && cmd.err().contains("validate"), cmd.err());
    }

    @Test
    void helpComesFromTheDeclaredOptionsWithTheirDefaults() {
        Result top = run("--help");
        assertEquals(0, top.rc());
        for (String c : new String[] {"serve", "validate", "query", "export", "stats", "generate-completion"})
            assertTrue(top.out().contains(c), c + " in " + top.out());
        Result serve = run("serve", "--help");
        assertEquals(0, serve.rc());
        assertTrue(serve.out().matches("(?s).*--timeout=SEC\\s+whole-query time limit; over it: 503 \\(default: 30\\).*"), serve.out());
        assertTrue(serve.out().contains("--max-rows=N") && serve.out().contains("(default: 10000)"), serve.out());
        for (String c : new String[] {"validate", "query", "export", "stats"})
            assertEquals(0, run(c, "--help").rc(), c);
    }

    @Test
    void versionAndCompletion() {
        Result v = run("--version");
        assertEquals(0, v.rc());
        assertTrue(v.out().startsWith("newpath-kg ") && v.out().contains("Apache Jena 5.6.0"), v.out());
        Result c = run("generate-completion");
        assertEquals(0, c.rc());
        assertTrue(c.out().contains("complete -F") && c.out().contains("--max-rows"), "a bash completion script");
    }

    @Test
    void aValueOutOfRangeIsAUsageErrorBeforeAnythingIsLoaded() {
        Result r = run("serve", "--port", "70000");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("port must be 0..65535"), r.err());
        Result t = run("serve", "--max-body-kb", "3000000");
        assertEquals(2, t.rc());
        assertTrue(t.err().contains("too large"), t.err());
    }

    @Test
    void exportIsDeterministicAndIncludesInferredTriples(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.nq"), b = dir.resolve("b.nq");
        assertEquals(0, run("export", "--data", Fixtures.good().toString(), "--format", "nquads", "--out", a.toString()).rc());
        assertEquals(0, run("export", "--data", Fixtures.good().toString(), "--format", "nquads", "--out", b.toString()).rc());
        assertEquals(Files.readString(a), Files.readString(b));
        assertTrue(Files.readString(a).contains("<https://w3id.org/newpath-kg/graph/inferred> ."));
        Result trig = run("export", "--data", Fixtures.good().toString());
        assertTrue(trig.out().startsWith("GRAPH <"), trig.out());
    }

    @Test
    void queryAndStatsPrintResults(@TempDir Path dir) throws Exception {
        Path q = dir.resolve("q.rq");
        Files.writeString(q, "PREFIX text: <http://jena.apache.org/text#> SELECT ?s { ?s text:query (<http://www.w3.org/ns/oa#exact> \"国防\" \"lang:ja\") }");
        Result r = run("query", q.toString(), "--data", Fixtures.good().toString(), "--format", "tsv");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("c1#quote"), r.out());
        Result s = run("stats", "--data", Fixtures.good().toString());
        assertEquals(0, s.rc(), s.err());
        assertTrue(s.out().contains("claim graphs (one per claim)") && s.out().contains("ontology#State"), s.out());
    }
}
