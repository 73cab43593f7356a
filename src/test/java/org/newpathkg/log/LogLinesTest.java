package org.newpathkg.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whoever logs, one event is one line: client text cannot write a second line (a forged
 * request line) or a NUL into the log, through Jena's own warnings or any other logger.
 */
class LogLinesTest {
    /** What a forged line would look like: the request log's own format. */
    private static final String FORGED = "[INFO] Request - GET /FORGED-LOG-LINE 200";

    @Test
    void anEscapeInAQueryIriCannotForgeALineInJenasBadIriWarning() {
        // Jena decodes \\u000A inside <...> and warns "Bad IRI: <...>" with the decoded text.
        String query = "SELECT * { <http://x/a\\u000A" + FORGED.replace(" ", "\\u0020") + "\\u0000z> ?p ?o }";
        List<String> lines = logged(() -> QueryFactory.create(query));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("Bad IRI"), lines.get(0));
        assertTrue(lines.get(0).contains("\\n" + FORGED), lines.get(0));
        assertTrue(lines.get(0).contains("\\u0000"), lines.get(0));
        assertFalse(lines.get(0).contains("\0"), "a NUL in the log");
    }

    @Test
    void anyLoggerGetsItsMessageEscapedAndCut() {
        Logger jetty = LoggerFactory.getLogger("org.eclipse.jetty.server.HttpChannel");
        List<String> lines = logged(() -> {
            jetty.warn("bad request {}", "/x\r\n" + FORGED);
            jetty.warn("line\u2028separator, bidi \u202E override, tab\t");
            jetty.atWarn().setMessage("fluent {}").addArgument("/y\n" + FORGED).log();
            jetty.warn("long {}", "a".repeat(100_000));
        });
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).endsWith("bad request /x\\r\\n" + FORGED), lines.get(0));
        assertTrue(lines.get(1).endsWith("line\\u2028separator, bidi \\u202E override, tab\\t"), lines.get(1));
        assertTrue(lines.get(2).endsWith("fluent /y\\n" + FORGED), lines.get(2));
        assertTrue(lines.get(3).length() < SafeLogging.MAX_MESSAGE + 100 && lines.get(3).endsWith("(100005 chars)"), lines.get(3));
    }

    @Test
    void anExceptionsMessageCannotForgeALineOfItsTrace() {
        Logger log = LoggerFactory.getLogger("org.apache.jena.fuseki.Fuseki");
        RuntimeException e = new RuntimeException("outer\n" + FORGED, new IllegalStateException("inner\n" + FORGED));
        e.addSuppressed(new IllegalArgumentException("suppressed\n" + FORGED));
        List<String> lines = logged(() -> log.warn("failed", e));
        assertTrue(lines.get(0).endsWith("failed"), lines.get(0));
        assertEquals("java.lang.RuntimeException: outer\\n" + FORGED, lines.get(1));
        assertTrue(lines.contains("Caused by: java.lang.IllegalStateException: inner\\n" + FORGED), String.join("\n", lines));
        assertTrue(lines.contains("\tSuppressed: java.lang.IllegalArgumentException: suppressed\\n" + FORGED), String.join("\n", lines));
        for (String l : lines.subList(2, lines.size()))
            assertTrue(l.matches("\t\t?(at |\\.\\.\\. \\d+ more).*") || l.startsWith("Caused by: ")
                    || l.startsWith("\tSuppressed: "), "not a line of the trace: " + l);
    }

    @Test
    void aDeepTraceIsCut() {
        Throwable t = new RuntimeException("0");
        for (int i = 1; i < 500; i++) // each cause adds at least two lines: its caption and "... n more"
            t = new RuntimeException(String.valueOf(i), t);
        Throwable deep = t;
        List<String> lines = logged(() -> LoggerFactory.getLogger("x").error("deep", deep));
        assertEquals(1 + SafeLogging.MAX_TRACE_LINES + 1, lines.size());
        assertTrue(lines.get(lines.size() - 1).contains("trace cut"), lines.get(lines.size() - 1));
    }

    /** The lines {@code r} writes to the log (slf4j-simple writes to {@code System.err} as it is at each event). */
    private static List<String> logged(Runnable r) {
        LoggerFactory.getILoggerFactory(); // SLF4J's own start-up notices are not the test's
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        synchronized (LogLinesTest.class) {
            System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                r.run();
            } finally {
                System.setErr(err);
            }
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
