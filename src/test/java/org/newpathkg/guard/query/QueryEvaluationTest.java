package org.newpathkg.guard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.JavaFunctionCanary;
import org.newpathkg.guard.Limits;
import org.newpathkg.guard.functions.ExtensionPolicy;

/**
 * Query evaluation under the endpoint's policy, in process: the standard functions answer as on
 * a stock ARQ (same value, or the same evaluation error), regular expressions run on RE2/J, and
 * what would exhaust a thread (a backtracking pattern, a doubling string or integer, an
 * query holding more heap than its budget) stops: a {@link QueryRefused}, or for the heap ARQ's own abort.
 */
class QueryEvaluationTest {
    static final String P = """
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX fn: <http://www.w3.org/2005/xpath-functions#>
            PREFIX math: <http://www.w3.org/2005/xpath-functions/math#>
            PREFIX afn: <http://jena.apache.org/ARQ/function#>
            PREFIX apf: <http://jena.apache.org/ARQ/property#>
            PREFIX leviathan: <http://www.dotnetrdf.org/leviathan#>
            """;

    /** Expressions whose value (or evaluation error) must be the same under the policy as on stock ARQ. */
    static final List<String> SAME_AS_STOCK = List.of(
            "xsd:integer(\"7\")", "xsd:decimal(\"1.50\")", "xsd:double(\"1e3\")", "xsd:float(\"2.5\")", "xsd:boolean(\"1\")",
            "xsd:string(12)", "xsd:dateTime(\"2020-01-01T10:00:00Z\")", "xsd:date(\"2020-01-02\")", "xsd:time(\"10:00:00\")",
            "xsd:gYear(\"2020\")", "xsd:duration(\"P1D\")", "xsd:long(\"5\")", "xsd:int(\"5\")", "xsd:short(\"5\")",
            "xsd:byte(\"5\")", "xsd:nonNegativeInteger(\"3\")", "xsd:anyURI(\"http://x/\")", "xsd:integer(\"x\")",
            "xsd:integer(\"7.5\")", "fn:upper-case(\"abc\")", "fn:lower-case(\"ABC\")", "fn:concat(\"a\", \"b\", 1)",
            "fn:substring(\"abcdef\", 2, 3)", "fn:string-length(\"日本語\")", "fn:normalize-space(\"  a  b \")",
            "fn:contains(\"abc\", \"b\")", "fn:starts-with(\"abc\", \"a\")", "fn:ends-with(\"abc\", \"c\")",
            "fn:substring-before(\"a-b\", \"-\")", "fn:substring-after(\"a-b\", \"-\")", "fn:abs(-2)", "fn:ceiling(1.2)",
            "fn:floor(1.8)", "fn:round(2.5)", "fn:encode-for-uri(\"a b/c\")", "fn:year-from-dateTime(\"2020-01-01T10:00:00Z\"^^xsd:dateTime)",
            "fn:format-number(3.14159, \"0.00\")", "fn:boolean(\"\")", "fn:not(true)", "math:pi()", "math:sqrt(4)",
            "math:pow(2, 10)", "afn:localname(<http://x/y#z>)", "afn:namespace(<http://x/y#z>)", "afn:strjoin(\",\", \"a\", \"b\")",
            "afn:sha1sum(\"a\")", "afn:min(1, 2)", "afn:max(1, 2)", "afn:substr(\"abcdef\", 1, 3)", "leviathan:factorial(10)",
            "afn:sprintf(\"%05d\", 42)",
            "fn:matches(\"abc\", \"b\")", "fn:matches(\"ABC\", \"b\", \"i\")", "fn:matches(\"abc\", \"^b\")",
            "fn:replace(\"abc\", \"b\", \"x\")", "fn:replace(\"a.b\", \"\\\\.\", \"-\")", "fn:replace(\"abc\", \"(b)\", \"[$1]\")",
            "REGEX(\"abc\", \"^a\")", "REGEX(\"ABC\", \"b\", \"i\")", "REGEX(\"a\\nb\", \"a.b\", \"s\")", "REGEX(\"a\\nb\", \"a.b\")",
            "REGEX(\"a\\nb\", \"^b\", \"m\")", "REGEX(\"a\\nb\", \"^b\")", "REGEX(\"ab\", \"a b\", \"x\")", "REGEX(\"a.b\", \".\", \"q\")",
            "REGEX(\"axb\", \"a.b\", \"q\")", "REGEX(\"日本語\", \"本\")", "REGEX(\"abc\", \"b\", \"z\")", "REGEX(<http://x/>, \"x\")",
            "REGEX(\"Ab\", \"\\\\p{Lu}b\")", "REGEX(\"a1\", \"\\\\d\")", "REGEX(\"a b\", \"\\\\s\")", "REGEX(\"abc\", \"[a-c]{3}\")",
            "REPLACE(\"aaa\", \"a\", \"b\")", "REPLACE(\"abc\", \"B\", \"x\", \"i\")", "REPLACE(\"日本語\"@ja, \"本\", \"x\")",
            "REPLACE(\"abc\", \"\", \"x\")", "REPLACE(\"abc\", \"x*\", \"-\")", "REPLACE(\"abc\", \"(a)(b)\", \"$2$1\")",
            "REPLACE(\"a$b\", \"\\\\$\", \"\\\\$\\\\$\")", "REPLACE(\"abc\", \"b\", \"$9\")",
            "STRLEN(\"abc\")", "UCASE(\"abc\")", "CONCAT(\"a\", \"b\")", "ENCODE_FOR_URI(\"a b\")", "2 * 3", "1.5 * 2");

    DatasetGraph stock, guarded;

    @BeforeEach
    void datasets() {
        stock = DatasetGraphFactory.createTxnMem();
        DatasetGraph base = DatasetGraphFactory.createTxnMem();
        ExtensionPolicy.apply(base.getContext(), Limits.DEFAULTS);
        guarded = base;
        Node s = NodeFactory.createURI("urn:x:s"), p = NodeFactory.createURI("urn:x:p");
        for (DatasetGraph d : List.of(stock, base))
            Txn.executeWrite(d, () -> d.getDefaultGraph().add(s, p, NodeFactory.createLiteralString("a".repeat(40))));
    }

    static List<Binding> rows(DatasetGraph dsg, String query) {
        return Txn.calculateRead(dsg, () -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(P + query).build()) {
                List<Binding> out = new ArrayList<>();
                qe.select().forEachRemaining(out::add);
                return out;
            }
        });
    }

    static Node value(DatasetGraph dsg, String expr) {
        return rows(dsg, "SELECT (" + expr + " AS ?x) {}").get(0).get("x");
    }

    /** The value of {@code expr}, or the class of the exception its query raised. */
    static Object outcome(DatasetGraph dsg, String expr) {
        try {
            return value(dsg, expr);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void standardFunctionsCastsAndRegexAnswerAsOnStockArq() {
        List<String> differ = new ArrayList<>();
        for (String e : SAME_AS_STOCK) {
            Object want = outcome(stock, e), got = outcome(guarded, e);
            if (!java.util.Objects.equals(want, got))
                differ.add(e + ": stock " + want + ", here " + got);
        }
        assertTrue(differ.isEmpty(), String.join("\n", differ));
        assertEquals("7", value(guarded, "xsd:integer(\"7\")").getLiteralLexicalForm(), "casts are not unbound");
    }

    @Test
    void strSplitAnswersAsOnStockArq() {
        String q = "SELECT ?t { ?t apf:strSplit (\"a, b,c\" \",\\\\s*\") }";
        assertEquals(rows(stock, q), rows(guarded, q));
        assertEquals(3, rows(guarded, q).size());
    }

    @Test
    void patternsRe2CannotRunAreRefusedSayingWhy() {
        for (String pattern : List.of("(?<=a)b", "(?=a)", "(a)\\\\1", "a*+", "(?>a)")) {
            QueryRefused e = assertThrows(QueryRefused.class, () -> value(guarded, "REGEX(\"ab\", \"" + pattern + "\")"), pattern);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("linear-time engine"), e.getMessage());
        }
        // Invalid for every engine: an evaluation error (unbound), as on stock ARQ, not a refusal.
        assertEquals(null, value(guarded, "REGEX(\"a\", CONCAT(\"(\", \"\"))"));
    }

    @Test
    void catastrophicPatternsRunInLinearTime() {
        String text = "a".repeat(5_000) + "!";
        for (String pattern : List.of("(a|aa)*b", "(a+)+$", "(.*a){20}x", "^(([a-z])+.)+[A-Z]([a-z])+$")) {
            long t0 = System.nanoTime();
            Node n = value(guarded, "REGEX(\"" + text + "\", \"" + pattern.replace("\\", "\\\\") + "\")");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("false", n.getLiteralLexicalForm(), pattern);
            assertTrue(ms < 1_000, pattern + " took " + ms + " ms");
            long t1 = System.nanoTime();
            value(guarded, "REPLACE(\"" + text + "\", \"" + pattern + "\", \"x\")");
            assertTrue((System.nanoTime() - t1) / 1_000_000 < 1_000, "REPLACE " + pattern);
        }
    }

    @Test
    void doublingAStringOrAnIntegerStopsAtTheValueLimit() {
        StringBuilder q = new StringBuilder("SELECT ?v30 { BIND(\"" + "a".repeat(16) + "\" AS ?v0) ");
        for (int i = 1; i <= 30; i++)
            q.append("BIND(CONCAT(?v").append(i - 1).append(", ?v").append(i - 1).append(") AS ?v").append(i).append(") ");
        QueryRefused e = assertThrows(QueryRefused.class, () -> rows(guarded, q + "}"));
        assertTrue(e.getMessage().startsWith("Query too large"), e.getMessage());
        StringBuilder m = new StringBuilder("SELECT ?v30 { BIND(99999999999999999999 AS ?v0) ");
        for (int i = 1; i <= 30; i++)
            m.append("BIND(?v").append(i - 1).append(" * ?v").append(i - 1).append(" AS ?v").append(i).append(") ");
        assertThrows(QueryRefused.class, () -> rows(guarded, m + "}"));
        for (String grow : List.of("REPLACE(\"" + "a".repeat(2_000) + "\", \"a\", \"" + "$0".repeat(1_000) + "\")",
                "math:pow(3, 2000000000)", "leviathan:factorial(10000000)", "afn:sprintf(\"%0999999999d\", 1)"))
            assertThrows(QueryRefused.class, () -> value(guarded, grow), grow);
    }

    @Test
    void switchedOffFunctionsAreRefusedAndJavaClassesAreNotLoaded() {
        for (String f : List.of("afn:wait(100000)", "afn:print(1)", "afn:context()"))
            assertThrows(QueryRefused.class, () -> value(guarded, f), f);
        assertEquals(null, value(guarded, "<java:org.newpathkg.guard.JavaFunctionCanary>(1)"));
        assertEquals(null, value(guarded, "<urn:x:no-such-function>(1)"));
    }

    @Test
    void misusedFunctionsAndPropertyFunctionsAreRefused() {
        assertThrows(QueryRefused.class, () -> value(guarded, "fn:matches(\"a\")"));
        for (String q : List.of("SELECT ?t { ?t apf:strSplit (\"a,b\") }", "SELECT * { ?x apf:bnode ?y }",
                "PREFIX list: <http://jena.apache.org/ARQ/list#> SELECT * { ?l list:index (?i ?m ?z) }",
                "SELECT ?s { ?s ?p ?o FILTER EXISTS { ?s apf:strSplit \"abc\" } }"))
            assertEquals(400, assertThrows(QueryRefused.class, () -> rows(guarded, q), q).status(), q);
    }

    /** A million rows (six VALUES of ten), each with a new string of about 500 characters. */
    static String millionRows(String tail) {
        String values = " VALUES ?%s { 1 2 3 4 5 6 7 8 9 10 }";
        String six = "abcdef".chars().mapToObj(c -> String.format(values, (char) c)).reduce("", String::concat);
        return P + "SELECT " + tail.substring(0, tail.indexOf('|')) + " {" + six
                + " BIND(CONCAT(STR(?a), STR(?b), STR(?c), STR(?d), STR(?e), STR(?f), \"" + "x".repeat(500) + "\") AS ?x)"
                + tail.substring(tail.indexOf('|') + 1);
    }

    static final long BUDGET = 32L << 20;

    /**
     * A sort keeps every row: about 700 MB for these if nothing stopped it. Far past a 32 MB budget
     * of held heap, it is stopped with ARQ's cancel signal (the timed-out query's answer); its
     * 10-minute time budget plays no part.
     */
    @Test
    void aQueryHoldingMoreHeapThanTheBudgetIsStoppedLikeATimedOutOne() {
        QueryBudget.servingStarts();
        System.gc(); // the baseline: what this JVM holds without the query
        String holds = millionRows("?x | } ORDER BY ?x");
        Txn.executeRead(guarded, () -> {
            try (QueryExec qe = QueryExec.dataset(guarded).query(holds).build();
                 QueryBudget budget = new QueryBudget(qe, BUDGET, 600_000)) {
                assertThrows(org.apache.jena.query.QueryCancelledException.class, () -> qe.select().forEachRemaining(b -> {}));
                assertTrue(budget.overMemory(), "stopped for the heap its sort holds");
            }
        });
    }

    /**
     * The same million rows counted, not kept: the query allocates more than ten budgets and
     * holds next to nothing, so it answers. (The allocation budget this replaced stopped it.)
     */
    @Test
    void aQueryChurningFarMoreThanTheBudgetButHoldingLittleAnswers() {
        QueryBudget.servingStarts();
        System.gc();
        String churns = millionRows("(COUNT(*) AS ?n) | FILTER(STRLEN(?x) > 500) }");
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Txn.executeRead(guarded, () -> {
            try (QueryExec qe = QueryExec.dataset(guarded).query(churns).build();
                 QueryBudget budget = new QueryBudget(qe, BUDGET, 600_000)) {
                long before = threads.getCurrentThreadAllocatedBytes();
                assertEquals("1000000", qe.select().next().get("n").getLiteralLexicalForm());
                long churned = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(churned > 10 * BUDGET, "it allocated " + (churned >> 20) + " MB, not ten budgets");
                assertFalse(budget.overMemory());
            }
        });
    }
}
