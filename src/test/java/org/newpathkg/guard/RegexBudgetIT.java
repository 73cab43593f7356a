package org.newpathkg.guard;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newpathkg.guard.Client.enc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

/**
 * Issue 11's regex and memory attacks from one loopback address (127.0.0.2) while another
 * (127.0.0.3) keeps querying: four catastrophic patterns (on a backtracking engine each would run
 * for hours inside one expression evaluation, holding its query slot past its 503) and the
 * 515-byte string-doubling query. The attacks are answered promptly, the other client within
 * 1 s every time, and a light query right after them within 1 s.
 */
class RegexBudgetIT {
    static final String ATTACKER = "127.0.0.2", OTHER = "127.0.0.3";
    static final String LONG = "a".repeat(3_000);
    /** Each would take a backtracking engine beyond any timeout on {@link #LONG}. */
    static final List<String> CATASTROPHIC = List.of(
            "SELECT (REGEX(\"" + LONG + "\", \"(.*a){8}x\") AS ?m) {}",
            "SELECT (REGEX(\"" + LONG + "\", \"(a|aa)*b\") AS ?m) {}",
            "SELECT (REPLACE(\"" + LONG + "\", \"(a+)+b\", \"x\") AS ?m) {}",
            "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT (fn:matches(\"" + LONG + "!\", \"^(([a-z])+.)+[A-Z]([a-z])+$\") AS ?m) {}");
    static final String LIGHT = "PREFIX npo: <https://w3id.org/newpath-kg/ontology#> SELECT ?c { ?c a npo:Claim } LIMIT 5";

    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();

    /** The status and milliseconds of a GET sent from {@code from}. */
    record Timed(int status, long millis, String body) {}

    static Timed get(int port, String from, String query) {
        long t0 = System.nanoTime();
        String raw = Client.raw(port, from, "GET /newpath/sparql?query=" + enc(query) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/csv\r\nConnection: close\r\n\r\n");
        return new Timed(Client.status(raw), (System.nanoTime() - t0) / 1_000_000, raw);
    }

    @Test
    void catastrophicPatternsAndTheStringBombLeaveOtherClientsAnsweredWithinOneSecond() throws Exception {
        // A 10 s timeout: long enough that a pattern running past it would starve the four slots for all of it.
        // No per-client share of slots (ClientBudget): all five attacks must be evaluated, not refused with 429.
        Limits limits = Limits.builder().firstResultMs(10_000).overallMs(10_000).maxConcurrent(4).ratePerSecond(0).rateBurst(1)
                .maxConcurrentPerClient(0).build();
        FusekiServer server = NewpathServer.build(graph.kg().dataset(), ServerConfig.builder().limits(limits).build()).start();
        int port = server.getHttpPort();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            assertEquals(200, get(port, OTHER, LIGHT).status(), "warm-up");
            List<String> attacks = new ArrayList<>(CATASTROPHIC);
            attacks.add(Hostile.doubling("CONCAT(?v%d,?v%d)", 28)); // 8 x 2^28 characters unbounded
            assertTrue(attacks.get(4).length() < 1_000, "the bomb is a small request: " + attacks.get(4).length() + " chars");
            List<Future<Timed>> sent = new ArrayList<>();
            for (String q : attacks)
                sent.add(pool.submit(() -> get(port, ATTACKER, q)));
            List<Long> other = Collections.synchronizedList(new ArrayList<>());
            Future<?> otherClient = pool.submit(() -> {
                // Light queries for as long as any attack is in flight, and one more after.
                boolean last = false;
                while (!last) {
                    last = sent.stream().allMatch(Future::isDone);
                    Timed t = get(port, OTHER, LIGHT);
                    assertEquals(200, t.status(), t.body());
                    other.add(t.millis());
                }
                return null;
            });
            List<Timed> answers = new ArrayList<>();
            for (Future<Timed> f : sent)
                answers.add(f.get(60, TimeUnit.SECONDS));
            otherClient.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                assertEquals(200, answers.get(i).status(), attacks.get(i) + "\n" + answers.get(i).body());
                assertTrue(answers.get(i).body().contains("false") || answers.get(i).body().contains(LONG), answers.get(i).body());
            }
            assertEquals(400, answers.get(4).status(), answers.get(4).body());
            assertTrue(answers.get(4).body().contains("Query too large"), answers.get(4).body());
            for (int i = 0; i < answers.size(); i++)
                assertTrue(answers.get(i).millis() < 5_000, "attack " + i + " took " + answers.get(i).millis() + " ms");
            Timed after = get(port, OTHER, LIGHT);
            System.out.println("Regex and string-bomb attacks answered in " + answers.stream().map(Timed::millis).toList()
                    + " ms; the other client's " + other.size() + " light queries meanwhile: max " + Collections.max(other)
                    + " ms; light query after: " + after.millis() + " ms");
            assertTrue(Collections.max(other) < 1_000, "the other client waited " + other + " ms");
            assertEquals(200, after.status());
            assertTrue(after.millis() < 1_000, "light query after the attacks: " + after.millis() + " ms");
            GuardIT.awaitNoQueryThreads();
        } finally {
            pool.shutdownNow();
            server.stop();
        }
    }

    /**
     * The memory budget must not refuse real work: every query of the library answers 200 from a
     * server whose running queries may hold only 16 MB (1/64 of the default) above the served
     * data. The budget counts what queries hold after garbage collections, and library queries
     * hold little however much they allocate (at 1M triples some allocate over 1 GB).
     */
    @Test
    void theQueryLibraryAnswersUnderASmallMemoryBudget() throws Exception {
        Limits limits = Limits.builder().oneTrustedClient().queryMemoryBytes(16L << 20).build();
        FusekiServer server = NewpathServer.build(graph.kg().dataset(), ServerConfig.builder().limits(limits).build()).start();
        try {
            String url = "http://127.0.0.1:" + server.getHttpPort() + "/newpath/sparql";
            for (String q : BadInputIT.library()) {
                Client.Answer a = Client.method(url, "POST", "application/sparql-query", q);
                assertEquals(200, a.status(), q.lines().findFirst().orElse("") + " -> " + a.body());
            }
        } finally {
            server.stop();
        }
    }
}
