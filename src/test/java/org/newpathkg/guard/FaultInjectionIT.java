package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

/**
 * Randomized fault injection over real HTTP. {@value #CLIENTS} clients, each from its own loopback
 * address, pick at random among light and heavy queries, requests cut off while their headers or
 * body are sent, bodies that stall, chunked bodies without their last chunk, connections closed
 * while the answer is written, slow readers, pipelined requests, escaping bombs and hostile
 * Unicode, for {@code fault.seconds} (60) seconds, beside a light client from another address.
 * Afterwards every holding in {@code /$/stats} is back to zero, a light query is answered within
 * a second, no answer was a 5xx other than a deliberate 503, and the heap after a full GC is flat.
 * <p>
 * Each run draws a fresh seed and prints it; {@code -Dfault.seed=N} replays that run's choices
 * (see docs/operations.md).
 */
class FaultInjectionIT {
    static final int CLIENTS = 8;
    static final String LIGHT_CLIENT = "127.0.0.100";
    static final String[] HOSTILE = {
            "SELECT * { ?s ?p \"\\uD800\" }", "SELECT * { ?s ?p \"\u202Egnp.exe\u202C\" }", "SELECT * { ?s ?p \"\\u0000\" }",
            "SELECT * { <urn:x\\u000A[INFO]> ?p ?o }", "SELECT * { ?s ?p \"\uFEFF\uFFFF\" }", "ASK { FILTER(REGEX(\"\u3042\", \"(\u3042*)*\u3044\")) }"};

    enum Move { LIGHT, HEAVY, CUT_HEADERS, CUT_BODY, STALL_BODY, NO_LAST_CHUNK, CLOSE_WHILE_WRITTEN, SLOW_READER, PIPELINED, BOMB, HOSTILE }

    @Test
    void underRandomFaultsEveryHoldingComesBackAndTheServiceStaysUsable() throws Exception {
        long seed = Long.getLong("fault.seed", new SecureRandom().nextLong());
        long seconds = Long.getLong("fault.seconds", 60);
        System.out.println("FaultInjectionIT seed " + seed + " (replay: -Dit.test=FaultInjectionIT -Dfault.seed=" + seed + ")");
        KnowledgeGraph kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
        Limits limits = Limits.builder().maxConcurrent(4).overallMs(3_000).requestReadTimeoutMs(3_000).maxResultBytes(4L << 20).build();
        // An 8 MB result cache, so cache hits are in the mix (the heap allowance below covers it).
        FusekiServer server = NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(limits).cacheBytes(8L << 20).build()).start();
        int port = server.getHttpPort();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try {
            RequestDefenceIT.getFrom(port, LIGHT_CLIENT, GuardIT.LIGHT);   // warm
            long heapBefore = heapAfterGc();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String from = "127.0.0." + (2 + i);
                Random random = new Random(seed + i);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        Move m = Move.values()[random.nextInt(Move.values().length)];
                        try {
                            String outcome = play(m, random, port, from);
                            outcomes.computeIfAbsent(m + " " + outcome, k -> new AtomicLong()).incrementAndGet();
                            if (outcome.startsWith("5") && !outcome.equals("503"))
                                failures.add(m + " from " + from + ": " + outcome);
                        } catch (IOException | RuntimeException e) {
                            outcomes.computeIfAbsent(m + " io", k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Long> light = Collections.synchronizedList(new ArrayList<>());
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    RequestDefenceIT.Timed t = RequestDefenceIT.getFrom(port, LIGHT_CLIENT, GuardIT.LIGHT);
                    outcomes.computeIfAbsent("bystander " + t.status(), k -> new AtomicLong()).incrementAndGet();
                    if (t.status() == 200)
                        light.add(t.millis());
                    else if (t.status() >= 500 && t.status() != 503)
                        failures.add("bystander: " + t.status());
                    TimeUnit.MILLISECONDS.sleep(250);   // pacing, not ordering
                }
                return null;
            }));
            for (Future<?> f : running)
                f.get(seconds + 120, TimeUnit.SECONDS);
            pool.shutdown();
            System.out.println("FaultInjectionIT outcomes: " + new TreeMap<>(outcomes));
            var idle = AdmissionStats.awaitIdle(port);
            System.out.println("FaultInjectionIT admission after: " + idle);
            RequestDefenceIT.Timed after = RequestDefenceIT.getFrom(port, "127.0.0.101", GuardIT.LIGHT);
            assertEquals(200, after.status(), after.raw());
            assertTrue(after.millis() < 1_000, "a light query after the run took " + after.millis() + " ms");
            assertEquals(List.of(), failures, "5xx other than deliberate 503s (seed " + seed + ")");
            assertTrue(!light.isEmpty(), "the bystander was answered during the run");
            long heapAfter = heapAfterGc();
            System.out.printf("FaultInjectionIT heap after full GC: %d MB before, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
            assertTrue(heapAfter < heapBefore + (64L << 20), "heap grew from " + (heapBefore >> 20) + " MB to " + (heapAfter >> 20) + " MB");
        } finally {
            server.stop();
            kg.close();
        }
    }

    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Plays one move; returns the status seen, or a word for what happened. */
    static String play(Move m, Random r, int port, String from) throws IOException, InterruptedException {
        switch (m) {
            case LIGHT:
                return Integer.toString(RequestDefenceIT.getFrom(port, from, GuardIT.LIGHT).status());
            case HEAVY:
                return Integer.toString(RequestDefenceIT.getFrom(port, from, GuardIT.HEAVY.get(r.nextInt(GuardIT.HEAVY.size()))).status());
            case BOMB:
                return Integer.toString(RequestDefenceIT.getFrom(port, from, WireBoundsIT.ESCAPING_BOMB).status());
            case HOSTILE:
                return Integer.toString(RequestDefenceIT.getFrom(port, from, HOSTILE[r.nextInt(HOSTILE.length)]).status());
            case CUT_HEADERS: {
                byte[] req = get(GuardIT.LIGHT, true);
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    s.getOutputStream().write(req, 0, 1 + r.nextInt(req.length - 1));
                    s.getOutputStream().flush();
                }
                return "cut";
            }
            case CUT_BODY: {
                byte[] req = post(GuardIT.LIGHT, false);
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    s.getOutputStream().write(req, 0, req.length - 1 - r.nextInt(GuardIT.LIGHT.length() - 1));
                    s.getOutputStream().flush();
                }
                return "cut";
            }
            case STALL_BODY: {
                byte[] req = post(GuardIT.LIGHT, false);
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    s.getOutputStream().write(req, 0, req.length - 1 - r.nextInt(GuardIT.LIGHT.length() - 1));
                    s.getOutputStream().flush();
                    return RequestDefenceIT.closedWithin(s, 1_000 + r.nextInt(6_000)) ? "cut by server" : "gave up";
                }
            }
            case NO_LAST_CHUNK: {
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    s.getOutputStream().write(HalfSentBodyIT.NO_LAST_CHUNK.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    return RequestDefenceIT.closedWithin(s, 1_000 + r.nextInt(6_000)) ? "cut by server" : "gave up";
                }
            }
            case CLOSE_WHILE_WRITTEN: {
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    s.getOutputStream().write(get("SELECT * { ?s ?p ?o }", false));
                    s.getOutputStream().flush();
                    s.setSoTimeout(10_000);
                    int want = 1 + r.nextInt(20_000);
                    InputStream in = s.getInputStream();
                    for (int n = 0; n < want && in.read() >= 0; n++) {
                        // read a random prefix of the answer, then close
                    }
                }
                return "closed";
            }
            case SLOW_READER: {
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    s.setReceiveBufferSize(4096);
                    s.getOutputStream().write(get("SELECT * { ?s ?p ?o }", false));
                    s.getOutputStream().flush();
                    s.setSoTimeout(5_000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[512];
                    long stop = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + r.nextInt(3_000));
                    String status = null;
                    while (System.nanoTime() < stop) {
                        int n = in.read(buf);
                        if (n < 0)
                            break;
                        if (status == null && n >= 12)
                            status = new String(buf, 9, 3, StandardCharsets.ISO_8859_1);
                        TimeUnit.MILLISECONDS.sleep(50);   // a slow reader, by definition
                    }
                    return status == null ? "slow" : status;
                } catch (SocketTimeoutException e) {
                    return "slow";
                }
            }
            case PIPELINED: {
                try (Socket s = RequestDefenceIT.socketFrom(from, port)) {
                    OutputStream out = s.getOutputStream();
                    out.write(get(GuardIT.LIGHT, true));
                    out.write(get("ASK { ?s ?p ?o }", true));
                    out.write(get(GuardIT.LIGHT, false));
                    out.flush();
                    s.setSoTimeout(30_000);
                    String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    String worst = "none";
                    for (int i = raw.indexOf("HTTP/1.1 "); i >= 0; i = raw.indexOf("HTTP/1.1 ", i + 1)) {
                        String st = raw.substring(i + 9, Math.min(raw.length(), i + 12));
                        if (worst.equals("none") || st.compareTo(worst) > 0)
                            worst = st;
                    }
                    return worst;
                }
            }
            default:
                throw new IllegalStateException(m.toString());
        }
    }

    static byte[] get(String query, boolean keepAlive) {
        return ("GET /newpath/sparql?query=" + Client.enc(query) + " HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] post(String query, boolean keepAlive) {
        byte[] body = query.getBytes(StandardCharsets.UTF_8);
        return ("POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: " + body.length
                + "\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n" + query).getBytes(StandardCharsets.UTF_8);
    }
}
