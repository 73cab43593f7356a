package org.newpathkg.guard.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;
import org.newpathkg.guard.Hostile;
import org.newpathkg.guard.query.QueryRefused;

/** Patterns are refused by their size before RE2/J compiles them, in the query's terms. */
class SafeRegexTest {

    @Test
    void nestedRepetitionsPastTheLimitAreRefusedBeforeCompiling() {
        // (.{0,1000}){1000}x compiles to 2,002,003 instructions (seconds of CPU); one level more
        // would be two billion. Refused from the pattern's text, well within any timeout.
        for (String p : List.of("(.{0,1000}){1000}x", "((.{0,1000}){1000}){1000}", "(?:\\Qabc\\E{100}){101}", "(a{0,100}){100}",
                "(?:(?:(?:){1000}){1000}){1000}", "(?:(?:(){100}){100}){1000}", "(?:(?:^\\b$){1000}){1000}")) {
            QueryRefused e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(QueryRefused.class,
                    () -> SafeRegex.compile(p, null)), p);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("Regular expression too large: ") && e.getMessage().contains("repetition"), e.getMessage());
            assertFalse(e.getMessage().matches("(?s).*\\b(java|javax|com|org)\\.[a-z]+\\..*"), "names a Java class: " + e.getMessage());
        }
    }

    @Test
    void aSyntaxErrorFoundWhileParsingIsSaidWithoutJavasNames() {
        for (String q : List.of("SELECT * { ?s ?p ?o FILTER regex(?o, \"(\") }", "SELECT (REPLACE(\"a\", \"[b\", \"c\") AS ?x) {}")) {
            org.apache.jena.sparql.expr.ExprEvalException e = assertThrows(org.apache.jena.sparql.expr.ExprEvalException.class,
                    () -> org.apache.jena.query.QueryFactory.create(q), q);
            assertTrue(e.getMessage().contains("java.util.regex.PatternSyntaxException"), "ARQ's own message: " + e.getMessage());
            QueryRefused r = SafeRegex.invalidAtParse(e);
            assertEquals(400, r.status());
            assertTrue(r.getMessage().startsWith("Regular expression not valid: Unclosed "), r.getMessage());
            assertFalse(Hostile.namesJavaClass(r.getMessage()), r.getMessage());
            assertTrue(SafeRegex.mayCompileAtParse(q), q);
        }
        assertFalse(SafeRegex.mayCompileAtParse("SELECT * { ?s ?p ?o }"));
    }

    @Test
    void patternsWithinTheLimitStillCompile() {
        for (String p : List.of("a{1000}", "(?:a{10}){10}", "[a-z]{1000}", "(a|b|c){1000}", "\\p{L}{1000}", "(?i)abc{1000}",
                "\\Qa{1000}\\E{1000}", "x{2,1000}", "(.{0,10}){10}"))
            assertTrue(SafeRegex.compile(p, null).programSize() <= SafeRegex.MAX_PROGRAM, p);
    }

    /** The bound is never above the compiled size: it refuses nothing the compiled check would let through. */
    @Test
    void theBoundIsNeverAboveTheCompiledSize() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        List<String> above = new ArrayList<>();
        int compiled = 0;
        for (int k = 0; k < 1_500; k++) {
            String p = pattern(r, 3);
            // Only where compiling is cheap: the region around the limit is what the bound decides.
            if (SafeRegex.leastProgramSize(p) > 2L * SafeRegex.MAX_PROGRAM)
                continue;
            Pattern c;
            try {
                c = Pattern.compile(p);
            } catch (RuntimeException invalid) {
                continue;
            }
            compiled++;
            if (SafeRegex.leastProgramSize(p) > c.programSize())
                above.add(p + ": bound " + SafeRegex.leastProgramSize(p) + ", compiled " + c.programSize());
        }
        assertTrue(compiled > 500, "seed " + seed + ": only " + compiled + " patterns compiled");
        assertTrue(above.isEmpty(), "seed " + seed + ":\n" + String.join("\n", above));
    }

    private static final String[] ATOMS = {"a", "b", ".", "\\d", "\\pL", "\\p{Greek}", "\\x41", "\\x{3042}", "[a-z]", "[^]x]",
        "[[:alpha:]]", "\\Qa.b\\E", "^", "$", "\\b", "日", "(?i)", "\\\\", "{", "}", "\\{", "()", "(?:)", "\\A", "\\z"};
    private static final String[] REPEATS = {"", "", "", "*", "+", "?", "*?", "{3}", "{2,}", "{0,5}", "{4,7}", "{100}", "{0,300}", "{12}?"};

    private static String pattern(Random r, int depth) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (depth > 0 && r.nextInt(3) == 0) {
                String open = new String[] {"(", "(?:", "(?P<g>", "(?i:"}[r.nextInt(4)];
                b.append(open).append(pattern(r, depth - 1));
                if (r.nextInt(3) == 0)
                    b.append('|').append(pattern(r, depth - 1));
                b.append(')');
            } else {
                b.append(ATOMS[r.nextInt(ATOMS.length)]);
            }
            b.append(REPEATS[r.nextInt(REPEATS.length)]);
        }
        return b.toString();
    }
}
