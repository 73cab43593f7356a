package org.newpathkg.guard;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newpathkg.guard.Client.enc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;
import org.newpathkg.guard.query.CappedQueryProcessor;

/**
 * A seeded corpus of malformed and abusive queries and requests (mutated library queries,
 * generated pathological shapes, protocol abuse, raw malformed HTTP): the server answers every
 * one with a 2xx, 3xx or 4xx, or a 503 that says the query timed out; it never crashes and
 * leaves no query thread behind. Change {@link #SEED} or {@code -Dfuzz.seed=N} to explore;
 * a failure prints the case's number and text so it can be replayed.
 */
class BadInputIT {
    static final long SEED = Long.getLong("fuzz.seed", 20261126L);
    static final int CASES = Integer.getInteger("fuzz.cases", 600);

    static final String[] TOKENS = {"{", "}", "(", ")", "\"", "'", "<", ">", "?", "$", "\\", "#", ".", ";", ",", "*", "+",
            "|", "^", "!", "/", "FILTER", "SERVICE", "GRAPH", "VALUES", "BIND", "OPTIONAL", "MINUS", "UNION", "EXISTS",
            "NOT", "SELECT", "WHERE", "LIMIT -1", "OFFSET 99999999999999999999", "\u0000", "\uD800", "\uFFFF", "😀", "\u202E",
            "%", "%00", "\r\n", "\t", "@en", "^^<x>", "_:b", "[]", "a", "1e999999", "-0.0", "\"\"\"", "<http://[::1]/>",
            "<file:///etc/passwd>", "<java:java.lang.Runtime>", "(((", ")))", "{{", "}}", "GROUP BY", "HAVING(", "ORDER BY",
            "COUNT(*)", "STR(", "REGEX(", "LANGMATCHES(", "xsd:dateTime(\"x\")", "<urn:x>{0,99999}", "text:query"};

    static final String HEADER = "PREFIX npo: <https://w3id.org/newpath-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            + "PREFIX text: <http://jena.apache.org/text#> PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

    /** Generated pathological queries: each a function of a random source so the corpus is reproducible. */
    static List<java.util.function.Function<Random, String>> generated() {
        return List.of(
                r -> "SELECT (" + "(".repeat(r.nextInt(20_000)) + "1" + ")".repeat(r.nextInt(20_000)) + " AS ?x) {}",
                r -> "SELECT * " + "{".repeat(1 + r.nextInt(15_000)) + "?s ?p ?o" + "}".repeat(1 + r.nextInt(15_000)),
                r -> "SELECT * { ?s ?p ?o FILTER(" + "!".repeat(r.nextInt(30_000)) + "true) } LIMIT 1",
                r -> "SELECT * { ?s rdfs:label \"" + "x".repeat(r.nextInt(60_000)) + "\" }",
                r -> "SELECT * { ?s ?p ?o } LIMIT " + "9".repeat(1 + r.nextInt(40)),
                r -> "SELECT * { ?s ?p ?o } OFFSET " + "9".repeat(1 + r.nextInt(40)),
                r -> "SELECT (" + "9".repeat(1 + r.nextInt(5000)) + " * " + "9".repeat(1 + r.nextInt(5000)) + " AS ?x) {}",
                r -> "SELECT (STRDT(\"" + r.nextInt() + "x\", xsd:" + pick(r, "integer", "dateTime", "double", "decimal", "date", "boolean") + ") + 1 AS ?x) {}",
                r -> "SELECT * { ?s rdfs:label ?l FILTER REGEX(?l, \"" + pick(r, "(a+)+$", "(.*a){20}", "[", "\\\\", "(?<x", "\\p{Bad}", "(a|aa)*b") + "\") } LIMIT 3",
                r -> "SELECT * { ?s text:query (rdfs:label \"" + pick(r, "*", "a~99", "[* TO *]", "\\\"", "AND OR NOT", "/.*/", "(((", "", "field:x", "\\u0000") + "\" " + pick(r, "\"lang:ja\"", "\"lang:xx\"", "-5", "99999999999") + ") }",
                r -> "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                r -> "SELECT (GROUP_CONCAT(?c) AS ?x) { ?a ?b ?c . ?d ?e ?f }",
                r -> "SELECT * { ?s <urn:x>{0," + r.nextInt(1_000_000) + "} ?o } LIMIT 1",
                r -> "SELECT * { ?s (!<urn:x:q>)* ?o . ?o (!<urn:x:q>)* ?z } LIMIT 1 OFFSET 100000000",
                r -> "SELECT " + "?v".repeat(1 + r.nextInt(3000)).replace("?v", "?v" + r.nextInt(9) + " ") + "{}",
                r -> "JSON { \"a\": ?s } WHERE { ?s ?p ?o } LIMIT " + r.nextInt(50_000),
                r -> "CONSTRUCT { ?s ?p ?o . _:b <urn:x> ?o } WHERE { ?s ?p ?o }",
                r -> "DESCRIBE * { ?s ?p ?o } LIMIT " + r.nextInt(20_000),
                r -> "ASK { " + "OPTIONAL { ?s ?p ?o } ".repeat(1 + r.nextInt(200)) + "}",
                r -> "SELECT * { VALUES ?x { " + "1 ".repeat(r.nextInt(20_000)) + "} ?s ?p ?o FILTER NOT EXISTS { ?s ?p ?x } } LIMIT 10",
                r -> "SELECT * { SERVICE <http://127.0.0.1:" + (1 + r.nextInt(65534)) + "/> { ?s ?p ?o } }",
                r -> "SELECT * FROM <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } LIMIT 1",
                r -> "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                r -> "LOAD <http://127.0.0.1:" + (1 + r.nextInt(65534)) + "/x>",
                r -> "PREFIX js: <http://jena.apache.org/ARQ/jsFunction#> SELECT (js:f(1) AS ?x) {}",
                r -> "SELECT (<java:java.lang.System>(1) AS ?x) (<java:org.apache.jena.sparql.function.library.wait>(99999) AS ?y) {}",
                r -> "SELECT (SHA512(STR(?o)) AS ?h) { ?s ?p ?o . ?a ?b ?c } LIMIT " + r.nextInt(100_000),
                r -> "SELECT (REPLACE(\"" + "a".repeat(r.nextInt(10_000)) + "\", \"(a*)*b\", \"x\") AS ?x) {}",
                r -> "SELECT (STRLEN(CONCAT(" + "\"aaaaaaaa\",".repeat(1 + r.nextInt(3000)) + "\"\")) AS ?x) {}");
    }

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    static String mutate(Random r, String q) {
        StringBuilder s = new StringBuilder(q);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(5)) {
                case 0 -> s.setLength(at);
                case 1 -> s.deleteCharAt(at);
                case 2 -> s.insert(at, " " + TOKENS[r.nextInt(TOKENS.length)] + " ");
                case 3 -> s.insert(at, s.substring(at, Math.min(s.length(), at + r.nextInt(200))));
                default -> s.setCharAt(at, (char) r.nextInt(0x3000));
            }
        }
        return s.toString();
    }

    /** One request of the corpus: a description (for failure messages) and how to send it. */
    record Case(int n, String what, Supplier<Integer> send) {}

    static List<Case> corpus(String base, int port, List<String> library) {
        Random r = new Random(SEED);
        List<java.util.function.Function<Random, String>> gen = generated();
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < CASES; n++) {
            int kind = r.nextInt(10);
            final int n0 = n;
            String q = kind < 4 ? mutate(r, library.get(r.nextInt(library.size())))
                     : kind < 7 ? (r.nextBoolean() ? HEADER : "") + gen.get(r.nextInt(gen.size())).apply(r)
                     : mutate(r, HEADER + gen.get(r.nextInt(gen.size())).apply(r));
            int way = r.nextInt(12);
            String accept = pick(r, "application/sparql-results+json", "text/csv", "*/*", "application/x-java-serialized-object",
                    "text/turtle;q=abc", "application/sparql-results+thrift", "\u00ff\u00fe", "", "application/ld+json",
                    "application/sparql-results+xml, text/*;q=0.1", "text/html");
            String param = pick(r, "", "&timeout=-5", "&timeout=abc", "&timeout=1e308", "&timeout=0.01", "&default-graph-uri=not%20a%20uri",
                    "&named-graph-uri=%3C%3E", "&output=xyz", "&format=", "&callback=alert(1)", "&query-ref=http://127.0.0.1:1/",
                    "&stylesheet=http://127.0.0.1:1/x.xsl", "&query=ASK%7B%7D", "&force-accept=text/plain", "&timeout=1,0");
            String what = "#" + n + " way " + way + ": " + (q.length() > 300 ? q.substring(0, 300) + "...(" + q.length() + " chars)" : q)
                    + " [Accept " + accept + "] " + param;
            String url = base + "/newpath/sparql";
            Supplier<Integer> send = switch (way) {
                case 0, 1, 2, 3 -> () -> Client.send(builder(url + "?query=" + enc(q) + param, accept).GET()).status();
                case 4, 5 -> () -> Client.send(builder(url + (param.isEmpty() ? "" : "?" + param.substring(1)), accept)
                        .header("Content-Type", "application/sparql-query" + pick(new Random(n0), "", ";charset=bogus", ";charset=utf-16"))
                        .POST(HttpRequest.BodyPublishers.ofString(q))).status();
                case 6, 7 -> () -> Client.send(builder(url, accept).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("query=" + enc(q) + param))).status();
                case 8 -> () -> Client.send(builder(url, accept)
                        .header("Content-Type", pick(new Random(n0), "text/plain", "application/json", "multipart/form-data; boundary=x", "x/y/z", "application/sparql-update"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(new Random(n0), q)))).status();
                case 9 -> () -> Client.send(builder(base + pick(new Random(n0), "/newpath/query", "/newpath/get", "/newpath", "/$/ping", "/$/stats", "/newpath/sparql/x")
                        + "?" + pick(new Random(n0), "query=", "graph=", "default&graph=", "") + enc(q), accept).GET()).status();
                case 10 -> () -> Client.status(Client.raw(port, null, rawRequest(new Random(n0), q)));
                default -> () -> Client.send(builder(url + "?query=" + enc(q), accept).header("X-Timeout", pick(new Random(n0), "-1", "0", "abc", "1", "99999"))
                        .header(pick(new Random(n0), "X-Forwarded-For", "Origin", "Cookie", "Range", "If-None-Match"), pick(new Random(n0), "127.0.0.1, 10.0.0.1", "null", "a=" + "b".repeat(4000), "bytes=0-1,5-9999999", "\"*\""))
                        .GET()).status();
            };
            cases.add(new Case(n, what, send));
        }
        return cases;
    }

    static HttpRequest.Builder builder(String url, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (!accept.isEmpty() && accept.chars().allMatch(c -> c < 0x7f))
            b.header("Accept", accept);
        return b;
    }

    static byte[] bytes(Random r, String q) {
        if (r.nextBoolean())
            return q.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[r.nextInt(4000)];
        r.nextBytes(b);
        return b;
    }

    /** Malformed HTTP that java.net.http refuses to send. */
    static String rawRequest(Random r, String q) {
        String target = "/newpath/sparql?query=" + enc(q).substring(0, Math.min(enc(q).length(), 2000));
        return switch (r.nextInt(8)) {
            case 0 -> "GET /newpath/sparql?query=%zz%" + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 1 -> "GET " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n";
            case 2 -> "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n" + q + "\r\n0\r\n\r\n";
            case 3 -> "GET " + target + " HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 4 -> "GET " + target + " HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n";
            case 5 -> "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n";
            case 6 -> "GET /newpath/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            default -> "GET /newpath/sparql?query=" + enc(q).replace("%", "%%") + " HTTP/1.0\r\n\r\n";
        };
    }

    static List<String> library() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.projectRoot().resolve("queries"))) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".rq")).sorted().toList())
                out.add(Files.readString(p));
            return out;
        }
    }

    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();

    @Test
    void everyMalformedOrAbusiveRequestGetsAClientErrorOrATimeoutAndNothingLeaks() throws Exception {
        Limits limits = Limits.builder().firstResultMs(1_000).overallMs(1_000).oneTrustedClient()
                .maxConcurrent(4).maxQueue(64).queueWaitMs(10_000).build();
        {
            FusekiServer server = NewpathServer.build(graph.kg().dataset(),
                    ServerConfig.builder().limits(limits).build()).start();
            String base = "http://127.0.0.1:" + server.getHttpPort();
            try {
                List<Case> cases = corpus(base, server.getHttpPort(), library());
                Map<Integer, Integer> byStatus = new TreeMap<>();
                Map<Integer, String> failures = new ConcurrentHashMap<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> done = new ArrayList<>();
                for (Case c : cases) {
                    done.add(pool.submit(() -> {
                        int status;
                        try {
                            status = c.send().get();
                        } catch (UncheckedIOException e) {
                            status = -1; // the server closed a malformed connection: acceptable, checked below
                        }
                        synchronized (byStatus) {
                            byStatus.merge(status, 1, Integer::sum);
                        }
                        if (status >= 500 && status != 503)
                            failures.put(c.n(), status + " for " + c.what());
                    }));
                }
                for (Future<?> f : done)
                    f.get(5, TimeUnit.MINUTES);
                pool.shutdown();
                System.out.println("Bad-input corpus, seed " + SEED + ", " + cases.size() + " cases, answers by status: " + byStatus);
                assertTrue(failures.isEmpty(), failures.size() + " server errors:\n" + String.join("\n", new TreeMap<>(failures).values()));
                assertTrue(byStatus.getOrDefault(-1, 0) < cases.size() / 20, "connections dropped without an answer: " + byStatus);
                assertEquals(200, Client.get(base + "/$/ping").status(), "still alive");
                GuardIT.awaitNoQueryThreads();
            } finally {
                server.stop();
            }
        }
    }

    /**
     * Issue 11's attack classes ({@link Hostile}), each request sent twice so the second may come
     * from the result cache: no 5xx but deliberate 503s, each answer what its class expects and
     * the same both times, no script reflected, no connection to the canary, a log that stays
     * small (no stack trace, no forged line), and the server alive and idle afterwards.
     */
    @Test
    void everyAttackClassOfTheIssueIsAnsweredAndLeavesNoTrace() throws Exception {
        Limits limits = Limits.builder().firstResultMs(2_000).overallMs(2_000).maxRows(50).maxResultBytes(4L << 20)
                .ratePerSecond(0).rateBurst(1).maxConcurrent(4).maxQueue(64).queueWaitMs(10_000).build();
        try (java.net.ServerSocket canary = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger canaryHits = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!canary.isClosed()) {
                    try (java.net.Socket s = canary.accept()) {
                        canaryHits.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "canary");
            acceptor.setDaemon(true);
            acceptor.start();
            FusekiServer server = NewpathServer.build(graph.kg().dataset(), ServerConfig.builder().limits(limits)
                    .cacheBytes(16L << 20).dataVersion("hostile-" + SEED).build()).start();
            String base = "http://127.0.0.1:" + server.getHttpPort();
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stderr = System.err;
            List<Hostile.Attack> attacks = Hostile.corpus(base, server.getHttpPort(),
                    "http://127.0.0.1:" + canary.getLocalPort() + "/", SEED);
            List<String> failures = new ArrayList<>();
            Map<String, Integer> kinds = new TreeMap<>();
            try {
                System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
                for (Hostile.Attack at : attacks) {
                    kinds.merge(at.kind(), 1, Integer::sum);
                    String what = at.kind() + ": " + (at.what().length() > 200 ? at.what().substring(0, 200) + "..." : at.what());
                    Client.Answer first, second;
                    try {
                        first = at.send().get();
                        second = at.send().get();
                    } catch (UncheckedIOException e) {
                        failures.add("no answer (" + e.getMessage() + ") for " + what);
                        continue;
                    }
                    for (Client.Answer a : List.of(first, second)) {
                        if (a.status() >= 500 && a.status() != 503)
                            failures.add(a.status() + " for " + what + "\n    " + abbrev(a.body()));
                        if (Hostile.reflectsScript(a))
                            failures.add("script reflected by " + what);
                        if (a.millis() > 15_000)
                            failures.add(a.millis() + " ms for " + what);
                    }
                    if (!at.expect().test(first))
                        failures.add("unexpected " + first.status() + " for " + what + "\n    " + abbrev(first.body()));
                    if (first.status() != 503 && second.status() != 503 && (first.status() != second.status()
                            || !java.util.Objects.equals(first.header(CappedQueryProcessor.TRUNCATED), second.header(CappedQueryProcessor.TRUNCATED))))
                        failures.add("second answer differs (" + first.status() + "/" + first.header(CappedQueryProcessor.TRUNCATED) + " then "
                                + second.status() + "/" + second.header(CappedQueryProcessor.TRUNCATED) + ") for " + what);
                }
            } finally {
                System.setErr(stderr);
            }
            try {
                String logText = log.toString(StandardCharsets.UTF_8);
                Files.writeString(Path.of("target", "hostile-corpus.log"), logText);
                long lines = logText.lines().count();
                System.out.println("Hostile corpus, seed " + SEED + ": " + attacks.size() + " attacks x 2 by class " + kinds
                        + "; log " + log.size() + " bytes, " + lines + " lines; canary connections " + canaryHits.get());
                assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
                assertEquals(0, canaryHits.get(), "connections to the canary");
                assertTrue(logText.lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), "stack trace in the log:\n" + abbrev(logText));
                assertTrue(logText.lines().noneMatch(l -> l.startsWith("[ERROR] forged")), "a client forged a log line");
                assertTrue(lines <= 4L * 2 * attacks.size() && log.size() <= 1_000L * 2 * attacks.size(),
                        "log of " + log.size() + " bytes in " + lines + " lines for " + 2 * attacks.size() + " requests:\n" + abbrev(logText));
                assertEquals(200, Client.get(base + "/$/ping").status(), "still alive");
                assertEquals(200, Client.query(base, "ASK {}").status(), "still answering");
                GuardIT.awaitNoQueryThreads();
            } finally {
                server.stop();
            }
        }
    }

    static String abbrev(String s) {
        String t = s == null ? "" : s.replace('\n', ' ');
        return t.length() > 300 ? t.substring(0, 300) + "...(" + t.length() + " chars)" : t;
    }
}
