package org.newpathkg.guard;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newpathkg.guard.Client.enc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.query.CappedQueryProcessor;

/**
 * Attacks on the request layer over real HTTP, each from its own loopback address where the
 * attacker and the bystander must be told apart (127.0.0.2 attacks, 127.0.0.3 is everyone else):
 * fairness under heavy queries, the per-client time budget, slow senders, trickled headers,
 * security headers and request encodings.
 */
class RequestDefenceIT {
    static final String LIGHT = GuardIT.LIGHT;
    static final String ATTACKER = "127.0.0.2";
    static final String BYSTANDER = "127.0.0.3";

    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();

    static FusekiServer start(Limits limits) {
        FusekiServer s = graph.start(limits);
        return s;
    }

    /** A GET from {@code from}, on its own connection; the status (or -1 when the connection failed) and the time. */
    record Timed(int status, long millis, String raw) {}

    static Timed getFrom(int port, String from, String query) {
        long t0 = System.nanoTime();
        String raw;
        try {
            raw = Client.raw(port, from, "GET /newpath/sparql?query=" + enc(query) + " HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n");
        } catch (RuntimeException e) {
            return new Timed(-1, (System.nanoTime() - t0) / 1_000_000, e.toString());
        }
        return new Timed(raw.length() >= 12 ? Client.status(raw) : -1, (System.nanoTime() - t0) / 1_000_000, raw);
    }

    static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    @Test
    void sixteenHeavyQueriesFromOneAddressLeaveAnotherAddressLightP99UnderOneSecond() throws Exception {
        // The public defaults, with a 2 s timeout so a heavy query is heavy for 2 s and the test stays short.
        FusekiServer s = start(Limits.builder().overallMs(2_000).build());
        int port = s.getHttpPort();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger heavyRan = new AtomicInteger(), heavyRefused = new AtomicInteger(), heavyOther = new AtomicInteger();
        ExecutorService attacker = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 16; i++) {
            String q = GuardIT.HEAVY.get(i % GuardIT.HEAVY.size());
            attacker.submit(() -> {
                while (!stop.get()) {
                    Timed t = getFrom(port, ATTACKER, q);
                    // 503 at the timeout or the memory budget, whichever comes first.
                    if (t.status() == 503)
                        heavyRan.incrementAndGet();
                    else if (t.status() == 429 || t.status() == -1 && closedForCap(t))
                        heavyRefused.incrementAndGet();
                    else
                        heavyOther.incrementAndGet();
                    if (t.status() != 503)
                        sleepQuietly(50);   // a client re-sending at once, not a busy loop on the test machine
                }
            });
        }
        List<Long> light = new ArrayList<>();
        List<Integer> lightStatus = new ArrayList<>();
        try {
            GuardIT.awaitQueryThreads(1);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < end) {
                Timed t = getFrom(port, BYSTANDER, LIGHT);
                light.add(t.millis());
                lightStatus.add(t.status());
                Thread.sleep(100);
            }
        } finally {
            stop.set(true);
            attacker.shutdown();
            assertTrue(attacker.awaitTermination(60, TimeUnit.SECONDS));
        }
        GuardIT.awaitNoQueryThreads();
        assertTrue(heavyRan.get() >= 4, "the attack ran heavy queries to their timeout: " + heavyRan);
        assertEquals(0, heavyOther.get(), "heavy queries answer 503 (time or memory budget) or 429 (share, budget), nothing else");
        assertTrue(light.size() >= 20, "light queries sent: " + light.size());
        for (int st : lightStatus)
            assertEquals(200, st, "the bystander is never refused: " + lightStatus);
        long p99 = percentile(light, 0.99);
        System.out.printf("fairness: %d light queries from %s, p50 %d ms, p99 %d ms, max %d ms; attacker: %d ran to timeout, %d refused%n",
                light.size(), BYSTANDER, percentile(light, 0.5), p99, percentile(light, 1.0), heavyRan.get(), heavyRefused.get());
        assertTrue(p99 < 1_000, "light p99 " + p99 + " ms during 16 heavy queries from another address");
    }

    @Test
    void fiftyNineAddressesEachRunningOneHeavyQueryLeaveANewAddressLightP99UnderOneSecond() throws Exception {
        // The public defaults with four slots (a two-core machine's) and a 5 s timeout: 59 clients,
        // 127.0.0.2 to .60, each within its share (one query at a time), together fill any slot pool.
        FusekiServer s = start(Limits.builder().maxConcurrent(4).overallMs(5_000).build());
        int port = s.getHttpPort();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger(), refused = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService heavy = Executors.newFixedThreadPool(59);
        java.util.concurrent.CountDownLatch established = new java.util.concurrent.CountDownLatch(59);
        for (int i = 0; i < 59; i++) {
            String from = "127.0.0." + (2 + i);
            String q = GuardIT.HEAVY.get(i % GuardIT.HEAVY.size());
            heavy.submit(() -> {
                boolean first = true;
                while (!stop.get()) {
                    Timed t = getFrom(port, from, q);
                    if (first) {
                        established.countDown();
                        first = false;
                    }
                    if (t.status() == 429 || t.status() == 503) {
                        // Refused or stopped: must say when to come back.
                        if (header(t.raw(), "Retry-After") == null && !t.raw().contains(CappedQueryProcessor.OVER_BUDGET))
                            unexpected.add(t.status() + " without Retry-After: " + t.raw());
                        refused.incrementAndGet();
                        sleepQuietly(200);
                    } else if (t.status() == 200)
                        answered.incrementAndGet();
                    else if (t.status() != -1)
                        unexpected.add(Integer.toString(t.status()));
                }
            });
        }
        List<Long> light = new ArrayList<>();
        List<Integer> lightStatus = new ArrayList<>();
        try {
            // Steady state: every heavy client has had its first answer (the first queries of 59
            // new addresses are indistinguishable from light ones until they run past 1 s).
            assertTrue(established.await(120, TimeUnit.SECONDS), "59 heavy clients answered once");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end) {
                Timed t = getFrom(port, "127.0.0.70", LIGHT);
                light.add(t.millis());
                lightStatus.add(t.status());
                Thread.sleep(100);   // pacing, not ordering
            }
        } finally {
            stop.set(true);
            heavy.shutdown();
            assertTrue(heavy.awaitTermination(90, TimeUnit.SECONDS));
        }
        AdmissionStats.awaitIdle(port);
        long p99 = percentile(light, 0.99);
        System.out.printf("59 heavy addresses: %d light queries from 127.0.0.70, p50 %d ms, p99 %d ms, max %d ms; heavy: %d answered or stopped, %d refused with Retry-After%n",
                light.size(), percentile(light, 0.5), p99, percentile(light, 1.0), answered.get(), refused.get());
        assertEquals(List.of(), unexpected, "heavy clients get answers, or 429/503 with Retry-After");
        for (int st : lightStatus)
            assertEquals(200, st, "the new address is never refused: " + lightStatus);
        assertTrue(p99 < 1_000, "light p99 " + p99 + " ms while 59 addresses run heavy queries");
    }

    @Test
    void aClientPastItsQueryTimeBudgetGets429WithRetryAfterAndOthersAreServed() throws Exception {
        // Each heavy query must run to its 1 s timeout to be charged 1 s: without the allocation
        // budget off, a fast idle machine reaches 1 GiB sooner and the 400 charges less (5 ran).
        FusekiServer s = start(Limits.builder().overallMs(1_000).ratePerSecond(0)
                .clientTimeBudgetMs(1_500).clientTimeRefillPerSecondMs(50).queryMemoryBytes(0).build());
        int port = s.getHttpPort();
        String heavy = GuardIT.HEAVY.get(0);
        int ran = 0;
        Timed refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            Timed t = getFrom(port, ATTACKER, heavy);
            if (t.status() == 429)
                refused = t;
            else
                ran++;
        }
        assertNotNull(refused, "six 1 s queries against a 1.5 s budget");
        assertTrue(ran >= 2 && ran <= 3, "the budget lets through what it holds, then refuses: " + ran + " ran");
        String retry = header(refused.raw(), "Retry-After");
        assertNotNull(retry, refused.raw());
        assertTrue(Long.parseLong(retry) >= 1, retry);
        assertTrue(refused.raw().contains("query time"), refused.raw());
        Timed other = getFrom(port, BYSTANDER, LIGHT);
        assertEquals(200, other.status(), "another address has its own budget");
        GuardIT.awaitNoQueryThreads();
    }

    @Test
    void slowBodiesHoldNoQuerySlotAndAreCutAtTheReadDeadline() throws Exception {
        FusekiServer s = start(Limits.builder().oneTrustedClient().maxConcurrent(1).maxQueue(0).queueWaitMs(0)
                .requestReadTimeoutMs(2_000).build());
        int port = s.getHttpPort();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket sock = socketFrom(ATTACKER, port);
                sock.getOutputStream().write(("POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                        + "Content-Length: 100\r\n\r\nASK {").getBytes(StandardCharsets.ISO_8859_1));
                sock.getOutputStream().flush();
                slow.add(sock);
            }
            // One slot and no queue: were any half-sent body holding it, this would be a 503.
            Timed t = getFrom(port, BYSTANDER, LIGHT);
            assertEquals(200, t.status(), t.raw());
            assertTrue(t.millis() < 2_000, t.millis() + " ms");
            long t0 = System.nanoTime();
            for (Socket sock : slow)
                assertTrue(closedWithin(sock, 8_000), "a body still incomplete after the 2 s read deadline is cut off");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 6_000, "cut after " + ms + " ms");
        } finally {
            for (Socket sock : slow)
                sock.close();
        }
    }

    @Test
    void trickledHeadersAreCutAtTheReadDeadlineThoughEachByteBeatsTheIdleTimeout() throws Exception {
        FusekiServer s = start(Limits.builder().oneTrustedClient().idleTimeoutMs(30_000).requestReadTimeoutMs(2_000).build());
        try (Socket sock = socketFrom(ATTACKER, s.getHttpPort())) {
            OutputStream out = sock.getOutputStream();
            out.write("GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long t0 = System.nanoTime();
            boolean cut = false;
            // One header byte every 300 ms: a hundred times inside the idle timeout, for up to 10 s.
            for (int i = 0; i < 33 && !cut; i++) {
                try {
                    out.write('X');
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                cut = closedWithin(sock, 300);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(cut, "the trickling connection was still open after " + ms + " ms");
            assertTrue(ms < 5_000, "cut after " + ms + " ms (deadline 2 s, checked each second)");
        }
        assertEquals(200, getFrom(s.getHttpPort(), BYSTANDER, LIGHT).status());
    }

    @Test
    void corsIsAStarWithoutCredentialsAndEveryAnswerSaysNosniffAndDataPathsForbidEverything() {
        FusekiServer s = start(Limits.builder().oneTrustedClient().build());
        String base = "http://127.0.0.1:" + s.getHttpPort();
        Client.Answer q = Client.query(base, LIGHT, "Origin", "https://evil.example");
        assertEquals(200, q.status());
        assertEquals("*", q.header("Access-Control-Allow-Origin"), "never the request's Origin echoed");
        assertNull(q.header("Access-Control-Allow-Credentials"));
        assertEquals("nosniff", q.header("X-Content-Type-Options"));
        assertEquals("default-src 'none'; frame-ancestors 'none'", q.header("Content-Security-Policy"));
        assertTrue(q.header("Access-Control-Expose-Headers").contains("X-Result-Truncated"));

        Client.Answer pre = Client.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, pre.status());
        assertEquals("*", pre.header("Access-Control-Allow-Origin"));
        assertNull(pre.header("Access-Control-Allow-Credentials"));
        assertTrue(pre.header("Access-Control-Allow-Methods").contains("POST"));

        // Refusals by Jetty's own limits and errors carry the headers too; pages get nosniff (their CSP is the pages').
        String pad = "#" + "x".repeat(70 * 1024) + "\nASK {}";
        for (Client.Answer a : List.of(Client.method(base + "/newpath/sparql", "POST", "application/sparql-query", pad),
                Client.get(base + "/newpath/nothing"), Client.get(base + "/$/ping"), Client.get(base + "/newpath/get?default"))) {
            assertEquals("nosniff", a.header("X-Content-Type-Options"), a.status() + " " + a.body());
            assertEquals("default-src 'none'; frame-ancestors 'none'", a.header("Content-Security-Policy"), a.status() + "");
            assertEquals("*", a.header("Access-Control-Allow-Origin"));
        }
        Client.Answer page = Client.get(base + "/");
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
    }

    @Test
    void anyContentEncodingIs415AndNonUtf8Is400NeverA500() throws Exception {
        FusekiServer s = start(Limits.builder().oneTrustedClient().build());
        String url = "http://127.0.0.1:" + s.getHttpPort() + "/newpath/sparql";
        // 16 MB of comment in under 64 KB of gzip: the body limit counts what was sent, so it must not be inflated.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            byte[] line = ("#" + "x".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 16 * 1024; i++)
                z.write(line);
            z.write("ASK {}".getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(gz.size() < 64 * 1024, "the bomb fits the body limit: " + gz.size());
        assertEquals(415, post(url, "application/sparql-query", "gzip", gz.toByteArray()).status());
        assertEquals(415, post(url, "application/sparql-query", "gzip", "not gzip at all".getBytes(StandardCharsets.US_ASCII)).status());
        assertEquals(415, post(url, "application/x-www-form-urlencoded", "deflate", "query=ASK%7B%7D".getBytes(StandardCharsets.US_ASCII)).status());
        assertEquals(415, post(url, "application/sparql-query", "br", new byte[] {1, 2, 3}).status());
        assertEquals(415, post(url, "application/sparql-query", "identity", "ASK {}".getBytes(StandardCharsets.US_ASCII)).status());
        assertEquals(200, post(url, "application/sparql-query", null, "ASK {}".getBytes(StandardCharsets.US_ASCII)).status());
        // A charset Java does not know: Jetty's form reader threw on it (500) before any servlet filter ran.
        for (String type : List.of("application/x-www-form-urlencoded;charset=bogus", "application/sparql-query;charset=bogus"))
            assertEquals(415, post(url, type, null, "query=ASK%7B%7D".getBytes(StandardCharsets.US_ASCII)).status(), type);

        byte[] badUtf8 = {'A', 'S', 'K', ' ', '{', ' ', 'F', 'I', 'L', 'T', 'E', 'R', '(', '"', (byte) 0xC3, (byte) 0x28, '"', ')', '}'};
        Client.Answer body = post(url, "application/sparql-query", null, badUtf8);
        assertEquals(400, body.status(), body.body());
        Client.Answer form = post(url, "application/x-www-form-urlencoded", null,
                ("query=" + enc("ASK { FILTER(\"") + "%C3%28" + enc("\") }")).getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, form.status(), form.body());
        Client.Answer get = Client.get(url + "?query=" + enc("ASK { FILTER(\"") + "%C3%28" + enc("\") }"));
        assertEquals(400, get.status(), "GET, form and body agree: " + get.body());
        // Raw bytes that are not UTF-8 in the request line: Jetty decodes them to U+FFFD, and Fuseki ran what was left (200).
        String raw = Client.raw(s.getHttpPort(), null, "GET /newpath/sparql?query=ASK%20%7B%7D%20%23\u00ff\u00fe HTTP/1.1\r\n"
                + "Host: x\r\nConnection: close\r\n\r\n");
        assertEquals(400, Client.status(raw), raw);
        assertEquals(200, Client.get(url + "?query=" + enc("ASK {} #\uFFFD")).status(), "U+FFFD percent-encoded is a character like any other");
        Client.Answer twice = Client.get(url + "?query=" + enc("ASK {}") + "&query=" + enc("ASK {}"));
        assertEquals(400, twice.status());
        Client.Answer utf16 = post(url, "application/sparql-query;charset=UTF-16", null, "ASK {}".getBytes(StandardCharsets.UTF_16));
        assertEquals(400, utf16.status());
        for (Client.Answer a : List.of(body, form, get, twice, utf16))
            assertFalse(a.body().contains("Exception"), a.body());
    }

    static Client.Answer post(String url, String contentType, String contentEncoding, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("Accept", "application/sparql-results+json");
        if (contentEncoding != null)
            b.header("Content-Encoding", contentEncoding);
        return Client.send(b);
    }

    /**
     * A connection the server closed before answering: past the per-address connection cap
     * (16 connections from one address, 8 allowed), which the attacker counts as refused.
     */
    static boolean closedForCap(Timed t) {
        return t.raw().contains("Connection reset") || t.raw().contains("Broken pipe") || t.raw().contains("Unexpected end")
                || t.raw().isEmpty() || t.raw().contains("SocketException");
    }

    /**
     * Found attacking the jar: connections that send nothing, from one address, filled the
     * server's connection limit and its accept queue, and nobody else could connect until the
     * idle timeout (30 s), again and again. A connection past the per-address cap is closed as it
     * opens: 80 idle connections from 127.0.0.2 against a limit of 64 keep 8 open, and a light
     * query from 127.0.0.3 is answered at once.
     */
    @Test
    void idleConnectionsFromOneAddressCannotFillTheConnectionLimit() throws Exception {
        // A long idle timeout, so that nothing but the cap closes an idle connection during the test.
        FusekiServer s = start(Limits.builder().maxConnections(64).idleTimeoutMs(120_000).build());
        int port = s.getHttpPort();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++)
                idle.add(socketFrom(ATTACKER, port));
            // A connection is closed once its read ends; half a second each at most, for those the server keeps.
            int closed = 0;
            for (Socket sock : idle)
                if (closedWithin(sock, 500))
                    closed++;
            Timed light = getFrom(port, BYSTANDER, LIGHT);
            assertEquals(200, light.status(), "another address is answered: " + light);
            assertTrue(light.millis() < 5_000, "at once, not after the idle timeout: " + light.millis() + " ms");
            assertTrue(closed >= 72, "connections past 8 from one address are closed as they open: " + closed + " of 80");
        } finally {
            for (Socket sock : idle)
                sock.close();
        }
    }

    static Socket socketFrom(String local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return s;
    }

    /** Whether the server closed (or answered and closed) {@code s} within {@code ms}. */
    static boolean closedWithin(Socket s, long ms) throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        InputStream in = s.getInputStream();
        while (System.nanoTime() < end) {
            s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            try {
                if (in.read() < 0)
                    return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;   // reset by the server
            }
        }
        return false;
    }

    static String header(String raw, String name) {
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty())
                break;
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                return line.substring(name.length() + 1).strip();
        }
        return null;
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
