package org.newpathkg.guard;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newpathkg.guard.Client.enc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.server.ServerConfig;

import com.sun.net.httpserver.HttpServer;
import org.newpathkg.guard.query.CappedQueryProcessor;

/**
 * Each limit of the public endpoint, over the real data (16k quads, enough for heavy shapes to be
 * heavy) with a 2 s timeout so the suite stays quick.
 */
class GuardIT {
    static final long TIMEOUT_MS = 2_000;
    /** The issue's bound: a heavy query is answered within its timeout plus 2 s. */
    static final long ANSWER_WITHIN_MS = TIMEOUT_MS + 2_000;
    static final Limits TEST = Limits.builder().firstResultMs(TIMEOUT_MS).overallMs(TIMEOUT_MS)
            .oneTrustedClient().maxConcurrent(8).maxQueue(16).queueWaitMs(5_000).build();

    static final String P = "PREFIX npo: <https://w3id.org/newpath-kg/ontology#>\n";
    static final String LIGHT = P + "SELECT ?c { ?c a npo:Claim } LIMIT 5";
    /** Shapes where ARQ's cooperative cancellation is slow or late. */
    static final List<String> HEAVY = List.of(
            "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?i",
            "SELECT * { ?s (!<urn:x:q>)* ?o . ?o (!<urn:x:q>)* ?z } LIMIT 1 OFFSET 100000000",
            "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s (<http://www.w3.org/2000/01/rdf-schema#label>|^<http://www.w3.org/2000/01/rdf-schema#label>|!<urn:x>)+ ?o }",
            "SELECT (COUNT(*) AS ?n) { VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } ?a ?b ?c FILTER NOT EXISTS { ?d ?e ?f . ?g ?h ?i FILTER(?i = ?x) } }");

    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();

    record Running(FusekiServer server, String base) {}

    static Running start(Limits limits, List<String> allowService) {
        ServerConfig config = ServerConfig.builder().allowService(allowService).limits(limits).build();
        FusekiServer s = graph.start(config);
        return new Running(s, "http://127.0.0.1:" + s.getHttpPort());
    }

    static Running start(Limits limits) {
        return start(limits, List.of());
    }

    /** Threads busy evaluating a query (ARQ's engine on their stack). */
    static long queryThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive())
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("org.apache.jena.sparql.engine")))
                .count();
    }

    /** Waits (bounded) until at least {@code n} threads are evaluating a query. */
    static void awaitQueryThreads(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queryThreads() < n && System.nanoTime() < deadline)
            Thread.sleep(20);
        assertTrue(queryThreads() >= n, "no query started evaluating within 30 s");
    }

    static void awaitNoQueryThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (queryThreads() > 0 && System.nanoTime() < deadline)
            Thread.sleep(250);
        assertEquals(0, queryThreads(), "query threads still running after their 503");
    }

    @Test
    void heavyShapesAre503WithinTheTimeoutWhileLightQueriesKeepAnswering() throws Exception {
        Running r = start(TEST);
        ExecutorService pool = Executors.newFixedThreadPool(HEAVY.size());
        AtomicBoolean heavyDone = new AtomicBoolean();
        List<Client.Answer> light = new ArrayList<>();
        Thread lightClient = new Thread(() -> {
            while (!heavyDone.get()) {
                light.add(Client.query(r.base(), LIGHT, "Accept", "text/csv"));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            List<Future<Client.Answer>> heavy = new ArrayList<>();
            for (String q : HEAVY)
                heavy.add(pool.submit(() -> Client.query(r.base(), q, "Accept", "application/sparql-results+json")));
            lightClient.start();
            for (int i = 0; i < HEAVY.size(); i++) {
                Client.Answer a = heavy.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(503, a.status(), HEAVY.get(i) + " -> " + a.body());
                // The time limit or the memory budget (heap held by the running queries), whichever comes first: one answer.
                assertTrue(a.body().startsWith(CappedQueryProcessor.OVER_BUDGET), a.body());
                assertTrue(a.millis() < ANSWER_WITHIN_MS, HEAVY.get(i) + " answered after " + a.millis() + " ms");
            }
        } finally {
            heavyDone.set(true);
            lightClient.join(30_000);
            pool.shutdownNow();
        }
        assertTrue(light.size() >= 5, "light queries ran: " + light.size());
        for (Client.Answer a : light) {
            assertEquals(200, a.status(), a.body());
            assertTrue(a.millis() < 2_000, "a light query took " + a.millis() + " ms during the heavy ones");
        }
        awaitNoQueryThreads();
    }

    @Test
    void aClientMayLowerTheTimeoutButNotRaiseIt() {
        Running r = start(TEST);
        Client.Answer lower = Client.get(r.base() + "/newpath/sparql?timeout=0.5&query=" + enc(HEAVY.get(0)));
        assertEquals(503, lower.status());
        assertTrue(lower.millis() < 500 + 2_000, "timeout=0.5 answered after " + lower.millis() + " ms");
        Client.Answer header = Client.query(r.base(), HEAVY.get(0), "X-Timeout", "0.5");
        assertEquals(503, header.status());
        assertTrue(header.millis() < 500 + 2_000, "X-Timeout: 0.5 answered after " + header.millis() + " ms");
        Client.Answer higher = Client.get(r.base() + "/newpath/sparql?timeout=600&query=" + enc(HEAVY.get(0)));
        assertEquals(503, higher.status());
        assertTrue(higher.millis() < ANSWER_WITHIN_MS, "timeout=600 must not raise the server's 2 s: " + higher.millis() + " ms");
        // Fuseki's own counter of timed-out queries counts the three 503s (it had no such counter at all before).
        org.apache.jena.atlas.json.JsonObject sparql = org.apache.jena.atlas.json.JSON.parse(Client.get(r.base() + "/$/stats").body())
                .getObj("datasets").getObj("/newpath").getObj("endpoints").getObj("sparql");
        assertEquals(3, sparql.get("QueryTimeouts").getAsNumber().value().longValue(), sparql.toString());
    }

    /**
     * The memory budget counts what the running queries hold, read after garbage collections. A
     * distinct count over a cartesian product keeps every new pair of values it has seen, a new
     * string per row, and gets the one 503 long before its time budget (two minutes here, so the
     * two limits cannot race); the
     * server answers the next query. A count over 50 copies of every triple, each row building and
     * dropping a 500-character string, allocates far more than the budget and holds next to
     * nothing: it answers 200 (the allocation budget this replaced answered it with the 503).
     */
    @Test
    void aQueryHoldingMoreThanTheMemoryBudgetIs503AndOneOnlyChurningPastItAnswers() throws Exception {
        Running r = start(TEST.toBuilder().firstResultMs(120_000).overallMs(120_000).queryMemoryBytes(32L << 20).build());
        Client.Answer held = Client.query(r.base(), "SELECT (COUNT(DISTINCT CONCAT(STR(?c), \" \", STR(?f))) AS ?n) "
                + "{ ?a ?b ?c . ?d ?e ?f }", "Accept", "text/csv");
        assertEquals(503, held.status(), held.body());
        assertTrue(held.body().startsWith(CappedQueryProcessor.OVER_BUDGET), held.body());
        assertTrue(held.millis() < 60_000, "stopped after " + held.millis() + " ms: the time budget, not the memory one");
        awaitNoQueryThreads();
        assertEquals(200, Client.query(r.base(), LIGHT, "Accept", "text/csv").status());

        long triples = csvCount(Client.query(r.base(), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "Accept", "text/csv"));
        String fifty = java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(Integer::toString).reduce((a, b) -> a + " " + b).orElseThrow();
        Client.Answer churned = Client.query(r.base(), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o VALUES ?i { " + fifty + " } "
                + "FILTER(STRLEN(CONCAT(STR(?o), STR(?i), \"" + "x".repeat(500) + "\")) > 500) }", "Accept", "text/csv");
        assertEquals(200, churned.status(), churned.body());
        assertEquals(50 * triples, csvCount(churned));
    }

    /** The one number of a one-cell CSV answer. */
    static long csvCount(Client.Answer a) {
        assertEquals(200, a.status(), a.body());
        return Long.parseLong(a.body().lines().skip(1).findFirst().orElseThrow().strip());
    }

    @Test
    void resultsAreCappedWithAVisibleTruncationSignal() {
        Running r = start(TEST.toBuilder().maxRows(100).build());
        Client.Answer all = Client.query(r.base(), "SELECT * { ?s ?p ?o }", "Accept", "text/csv");
        assertEquals(200, all.status());
        assertEquals(1 + 100, all.body().split("\r\n").length, "header line plus 100 rows");
        assertEquals("true", all.header(CappedQueryProcessor.TRUNCATED));
        assertEquals("100", all.header(CappedQueryProcessor.LIMIT));

        Client.Answer exact = Client.query(r.base(), "SELECT * { ?s ?p ?o } LIMIT 100", "Accept", "text/csv");
        assertEquals(1 + 100, exact.body().split("\r\n").length);
        assertNull(exact.header(CappedQueryProcessor.TRUNCATED), "a query asking for exactly the cap is not truncated");

        Client.Answer graph = Client.query(r.base(), "CONSTRUCT WHERE { ?s ?p ?o }", "Accept", "application/n-triples");
        assertEquals(200, graph.status());
        assertEquals(100, graph.body().lines().filter(l -> !l.isBlank()).count());
        assertEquals("true", graph.header(CappedQueryProcessor.TRUNCATED));

        Client.Answer small = Client.query(r.base(), LIGHT, "Accept", "text/csv");
        assertNull(small.header(CappedQueryProcessor.TRUNCATED));
    }

    @Test
    void oversizedBodiesAre413AndOversizedHeaders431() {
        Running r = start(TEST);
        String url = r.base() + "/newpath/sparql";
        String pad = "#" + "x".repeat(70 * 1024) + "\nASK {}";
        assertEquals(413, Client.method(url, "POST", "application/sparql-query", pad).status());
        assertEquals(413, Client.method(url, "POST", "application/x-www-form-urlencoded", "query=" + enc(pad)).status());
        String chunked = "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(pad.length()) + "\r\n" + pad + "\r\n0\r\n\r\n";
        assertEquals(413, Client.status(Client.raw(r.server().getHttpPort(), null, chunked)));
        String chunkedForm = "query=" + enc(pad);
        String form = "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(chunkedForm.length()) + "\r\n"
                + chunkedForm + "\r\n0\r\n\r\n";
        assertEquals(413, Client.status(Client.raw(r.server().getHttpPort(), null, form)));

        String fits = "#" + "x".repeat(60 * 1024) + "\nASK {}";
        assertEquals(200, Client.method(url, "POST", "application/sparql-query", fits).status());
        String small = "ASK {}";
        String smallChunked = "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                + "Accept: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(small.length()) + "\r\n" + small + "\r\n0\r\n\r\n";
        String ok = Client.raw(r.server().getHttpPort(), null, smallChunked);
        assertEquals(200, Client.status(ok), ok);
        assertTrue(ok.contains("true"), ok);

        assertEquals(431, Client.get(url + "?query=" + enc("ASK {}"), "X-Padding", "y".repeat(20 * 1024)).status());
    }

    @Test
    void aBurstFromOneClientGets429WithRetryAfterAndOtherClientsAreUnaffected() {
        Running r = start(TEST.toBuilder().ratePerSecond(5).rateBurst(5).build());
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 30; i++) {
            Client.Answer a = Client.query(r.base(), "ASK {}");
            assertTrue(a.status() == 200 || a.status() == 429, a.status() + " " + a.body());
            if (a.status() == 429) {
                refused++;
                retryAfter = a.header("Retry-After");
            }
        }
        assertTrue(refused >= 15, "30 requests at once against 5/s with bursts of 5: " + refused + " refused");
        assertNotNull(retryAfter);
        assertTrue(Integer.parseInt(retryAfter) >= 1);
        String other = Client.raw(r.server().getHttpPort(), "127.0.0.2",
                "GET /newpath/sparql?query=" + enc("ASK {}") + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, Client.status(other), "another client address keeps its own budget");
    }

    @Test
    void overloadIs503WithRetryAfterNotAHang() throws Exception {
        Running r = start(TEST.toBuilder().maxConcurrent(1).maxQueue(0).queueWaitMs(0).build());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Client.Answer> heavy = pool.submit(() -> Client.query(r.base(), HEAVY.get(0)));
            // The one slot is taken once the heavy query is evaluating (not after some fixed sleep).
            awaitQueryThreads(1);
            Client.Answer refused = Client.query(r.base(), LIGHT);
            assertEquals(503, refused.status(), "server-wide overload is Jetty QoSHandler's 503: " + refused.body());
            assertNotNull(refused.header("Retry-After"));
            assertTrue(refused.millis() < 1_000, "refused at once: " + refused.millis() + " ms");
            assertEquals(200, Client.get(r.base() + "/$/ping").status(), "liveness answers during overload");
            assertEquals(503, heavy.get(60, TimeUnit.SECONDS).status());
        } finally {
            pool.shutdownNow();
        }
        awaitNoQueryThreads();
        // QoSHandler gives the slot back when the exchange completes, just after the 503 reached
        // the client; a light query must get it within a second.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int status;
        do {
            status = Client.query(r.base(), LIGHT).status();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "the slot is given back");
    }

    /** A socket that counts connections, standing in for an internal service. */
    static ServerSocket canary(AtomicInteger connections) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void serviceFromAndProtocolGraphsNeverContactALocalAddress() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        try (ServerSocket canary = canary(hits)) {
            int port = canary.getLocalPort();
            // An allow-listed endpoint that redirects to the canary: the redirect must not be followed.
            HttpServer redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            redirector.createContext("/", ex -> {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/latest/meta-data/");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            redirector.start();
            String allowed = "http://127.0.0.1:" + redirector.getAddress().getPort() + "/sparql";
            try {
                Running r = start(TEST, List.of(allowed));
                List<String> urls = List.of("http://127.0.0.1:" + port + "/sparql", "http://localhost:" + port + "/x",
                        "http://[::1]:" + port + "/x", "http://2130706433:" + port + "/x");
                for (String u : urls) {
                    for (String q : List.of(
                            "SELECT * { SERVICE <" + u + "> { ?s ?p ?o } }",
                            "SELECT * { SERVICE SILENT <" + u + "> { ?s ?p ?o } }",
                            "SELECT * { VALUES ?e { <" + u + "> } SERVICE ?e { ?s ?p ?o } }",
                            "SELECT * FROM <" + u + "> { ?s ?p ?o } LIMIT 1",
                            "SELECT * FROM NAMED <" + u + "> { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                            "DESCRIBE <" + u + ">",
                            "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <" + u + "> { ?s ?p ?o } }")) {
                        int st = Client.query(r.base(), q).status();
                        assertTrue(st == 200 || (st >= 400 && st < 500), q + " -> " + st);
                    }
                    Client.get(r.base() + "/newpath/sparql?query=" + enc("SELECT * { ?s ?p ?o } LIMIT 1")
                            + "&default-graph-uri=" + enc(u) + "&named-graph-uri=" + enc(u));
                    Client.get(r.base() + "/newpath/get?graph=" + enc(u));
                    Client.method(r.base() + "/newpath/sparql", "POST", "application/x-www-form-urlencoded",
                            "update=" + enc("LOAD <" + u + ">"));
                    Client.method(r.base() + "/newpath/update", "POST", "application/sparql-update", "LOAD <" + u + ">");
                }
                Client.Answer viaRedirect = Client.query(r.base(), "SELECT * { SERVICE <" + allowed + "> { ?s ?p ?o } }");
                assertEquals(502, viaRedirect.status(), "a redirect is a bad gateway, not followed: " + viaRedirect.body());
                Thread.sleep(300);
                assertEquals(0, hits.get(), "the canary on 127.0.0.1:" + port + " was contacted");
            } finally {
                redirector.stop(0);
            }
        }
    }

    @Test
    void forbiddenPathsAndMethodsAre404Or405() {
        Running r = start(TEST);
        List<String[]> cases = List.of(
                new String[] {"GET", "/$/datasets"}, new String[] {"POST", "/$/datasets"}, new String[] {"DELETE", "/$/datasets/newpath"},
                new String[] {"GET", "/$/server"}, new String[] {"POST", "/$/backup/newpath"}, new String[] {"GET", "/$/backups/list"},
                new String[] {"POST", "/$/compact/newpath"}, new String[] {"GET", "/$/tasks"}, new String[] {"GET", "/$/metrics"},
                new String[] {"POST", "/$/reload"}, new String[] {"GET", "/$/logs"}, new String[] {"POST", "/$/sleep"},
                new String[] {"POST", "/newpath/update"}, new String[] {"GET", "/newpath/update"}, new String[] {"POST", "/newpath/upload"},
                new String[] {"PUT", "/newpath/data"}, new String[] {"POST", "/newpath/data"}, new String[] {"POST", "/newpath"},
                new String[] {"PUT", "/newpath"}, new String[] {"DELETE", "/newpath"}, new String[] {"PATCH", "/newpath"},
                new String[] {"PUT", "/newpath/get?default"}, new String[] {"POST", "/newpath/get?default"},
                new String[] {"DELETE", "/newpath/get?default"}, new String[] {"PATCH", "/newpath/get?default"},
                new String[] {"PUT", "/newpath/sparql"}, new String[] {"DELETE", "/newpath/sparql"}, new String[] {"TRACE", "/newpath/sparql"},
                new String[] {"PROPFIND", "/"}, new String[] {"GET", "/newpath/shacl"}, new String[] {"POST", "/newpath/shacl"},
                new String[] {"GET", "/newpath/prefixes"}, new String[] {"POST", "/newpath/patch"});
        for (String[] c : cases) {
            Client.Answer a = Client.method(r.base() + c[1], c[0], "text/turtle", "<urn:a> <urn:b> <urn:c> .");
            assertTrue(a.status() == 404 || a.status() == 405, c[0] + " " + c[1] + " -> " + a.status() + " " + a.body());
        }
    }

    @Test
    void scriptAndJavaClassFunctionsAreOff() {
        Running r = start(TEST);
        Client.Answer js = Client.query(r.base(), "PREFIX js: <http://jena.apache.org/ARQ/jsFunction#> SELECT (js:f(1) AS ?x) {}");
        assertEquals(400, js.status(), js.body());
        Client.Answer java = Client.query(r.base(), "SELECT (<java:org.newpathkg.guard.JavaFunctionCanary>(1) AS ?x) {}",
                "Accept", "text/csv");
        assertEquals(200, java.status());
        assertEquals("x", java.body().strip(), "no value: the function does not exist");
        Client.query(r.base(), "SELECT * { ?s <java:org.newpathkg.guard.JavaFunctionCanary> ?o } LIMIT 1");
        assertFalse(JavaFunctionCanary.Flag.initialised, "a java: IRI in a query loaded a class");
    }

    @Test
    void errorAnswersCarryNoStackTrace() {
        Running r = start(TEST.toBuilder().ratePerSecond(2).rateBurst(2).build());
        List<Client.Answer> errors = new ArrayList<>();
        errors.add(Client.query(r.base(), "SELECT ?s WHERE { ?s ?p }"));
        String raw = Client.raw(r.server().getHttpPort(), null, "GET /newpath/sparql?query=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        errors.add(new Client.Answer(Client.status(raw), raw, null, 0));
        errors.add(Client.get(r.base() + "/nothing-here"));
        errors.add(Client.method(r.base() + "/newpath/sparql", "POST", "text/turtle", "x"));
        errors.add(Client.method(r.base() + "/newpath/sparql", "DELETE", null, null));
        errors.add(Client.query(r.base(), "SELECT (<urn:nofn>(1) AS ?x) (1/0 AS ?y) { }"));
        errors.add(Client.get(r.base() + "/newpath/sparql?query=" + enc("ASK{}"), "X-Padding", "y".repeat(20 * 1024)));
        for (int i = 0; i < 5; i++)
            errors.add(Client.query(r.base(), "ASK {}"));
        assertTrue(errors.stream().anyMatch(a -> a.status() == 429));
        for (Client.Answer a : errors) {
            assertFalse(a.body().contains("\tat ") || a.body().contains(".java:") || a.body().matches("(?s).*\\w+Exception.*"),
                    a.status() + ": " + a.body());
            assertTrue(a.status() < 500, a.status() + ": " + a.body());
        }
    }

    @Test
    void idleAndSlowConnectionsAreClosedAndDoNotStarveOthers() throws Exception {
        Running r = start(TEST.toBuilder().idleTimeoutMs(1_000).minDataRate(1024).maxConnections(512).build());
        int port = r.server().getHttpPort();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.getOutputStream().write("GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            Client.Answer a = Client.query(r.base(), LIGHT);
            assertEquals(200, a.status());
            assertTrue(a.millis() < 2_000, "a light query behind 40 half-sent requests: " + a.millis() + " ms");
            Thread.sleep(2_500);
            for (Socket s : slow) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                int b;
                try {
                    b = in.read();
                    while (b >= 0 && in.available() > 0)
                        b = in.read();
                    if (b >= 0)
                        b = in.read();
                } catch (IOException closed) {
                    b = -1;
                }
                assertEquals(-1, b, "the idle half-sent request's connection is closed");
            }
        } finally {
            for (Socket s : slow)
                s.close();
        }
    }

    @Test
    void responseOutputBufferIsSmall() {
        Running r = start(TEST);
        var connector = (org.eclipse.jetty.server.ServerConnector) r.server().getJettyServer().getConnectors()[0];
        var http = connector.getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class).getHttpConfiguration();
        assertEquals(Limits.DEFAULTS.outputBufferBytes(), http.getOutputBufferSize(),
                "Fuseki's 5 MB per-response buffer (apache/jena#4084) is replaced");
        assertEquals(Limits.DEFAULTS.maxHeaderBytes(), http.getRequestHeaderSize());
    }
}
