package org.newpathkg.guard;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.server.ServerConfig;
import org.newpathkg.guard.http.Admission;
import org.newpathkg.guard.query.CappedQueryProcessor;

/**
 * Answers are bounded on the wire: the size cap holds for the bytes written, escapes included,
 * in every format, and an answer not written within the timeout plus a grace is cut off with
 * everything it held given back.
 */
class WireBoundsIT {
    /** About 650 bytes: every row a 4,096-character string of U+0001, which JSON writes as 6 bytes each and XML as more. */
    static final String ESCAPING_BOMB = """
            SELECT ?x WHERE {
              ?s ?p ?o .
              BIND("\\u0001\\u0001\\u0001\\u0001\\u0001\\u0001\\u0001\\u0001" AS ?a)
              BIND(CONCAT(?a, ?a, ?a, ?a, ?a, ?a, ?a, ?a) AS ?b)
              BIND(CONCAT(?b, ?b, ?b, ?b, ?b, ?b, ?b, ?b) AS ?c)
              BIND(CONCAT(?c, ?c, ?c, ?c, ?c, ?c, ?c, ?c) AS ?x)
            } LIMIT 5000""";
    static final String CONSTRUCT_BOMB = """
            CONSTRUCT { ?s <urn:x:p> ?x } WHERE {
              ?s ?p ?o .
              BIND("\\u0001\\u0001\\u0001\\u0001\\u0001\\u0001\\u0001\\u0001" AS ?a)
              BIND(CONCAT(?a, ?a, ?a, ?a, ?a, ?a, ?a, ?a) AS ?b)
              BIND(CONCAT(?b, ?b, ?b, ?b, ?b, ?b, ?b, ?b, STR(?o)) AS ?x)
            } LIMIT 5000""";
    static final long CAP = 1 << 20;

    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();
    static FusekiServer server;
    static String base;

    @BeforeAll
    static void start() {
        server = graph.start(ServerConfig.builder()
                .limits(Limits.builder().oneTrustedClient().maxResultBytes(CAP).overallMs(2_000).build()).cacheBytes(0).build());
        base = ServedGraph.base(server);
    }

    @Test
    void theEscapingBombStaysUnderTheCapInEveryResultFormat() throws Exception {
        assertTrue(ESCAPING_BOMB.length() < 700, "a small query: " + ESCAPING_BOMB.length());
        for (String accept : List.of("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values")) {
            Client.Answer a = Client.query(base, ESCAPING_BOMB, "Accept", accept);
            assertEquals(200, a.status(), accept);
            long bytes = a.body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= CAP, accept + ": " + bytes + " bytes past the " + CAP + " cap");
            assertEquals("true", a.header(CappedQueryProcessor.TRUNCATED), accept + ": cut cleanly, and says so");
            assertEquals(Long.toString(CAP), a.header(CappedQueryProcessor.LIMIT_BYTES), accept);
        }
        AdmissionStats.awaitIdle(server.getHttpPort());
    }

    @Test
    void constructAnswersStayUnderTheCapInEveryRdfSyntaxJsonLdIncluded() throws Exception {
        for (String accept : List.of("application/ld+json", "text/turtle", "application/n-triples", "application/trig", "application/n-quads")) {
            Client.Answer a = Client.query(base, CONSTRUCT_BOMB, "Accept", accept);
            assertEquals(200, a.status(), accept + ": " + a.body().substring(0, Math.min(300, a.body().length())));
            long bytes = a.body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= CAP, accept + ": " + bytes + " bytes past the " + CAP + " cap");
            assertEquals("true", a.header(CappedQueryProcessor.TRUNCATED), accept);
            if (accept.contains("json"))
                org.apache.jena.atlas.json.JSON.parseAny(a.body());   // a whole document, cut cleanly
        }
        AdmissionStats.awaitIdle(server.getHttpPort());
    }

    @Test
    void aReaderThatReadsNothingIsCutAfterTheTimeoutPlusGraceAndHoldsNothing() throws Exception {
        // The public size cap (32 MB): an answer far larger than the loopback buffers, never read.
        FusekiServer s = graph.start(ServerConfig.builder()
                .limits(Limits.builder().oneTrustedClient().overallMs(2_000).build()).cacheBytes(0).build());
        int port = s.getHttpPort();
        List<Socket> readers = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            for (String from : List.of("127.0.0.2", "127.0.0.3")) {
                Socket sock = RequestDefenceIT.socketFrom(from, port);
                sock.setReceiveBufferSize(4096);
                sock.getOutputStream().write(("GET /newpath/sparql?query=" + Client.enc(ESCAPING_BOMB) + " HTTP/1.1\r\nHost: x\r\n"
                        + "Accept: application/sparql-results+json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                sock.getOutputStream().flush();
                readers.add(sock);
            }
            long held = 0;
            for (long end = System.nanoTime() + 30_000_000_000L; held == 0 && System.nanoTime() < end; )
                held = AdmissionStats.held(AdmissionStats.read(port));
            assertTrue(held > 0, "the two requests were admitted");
            AdmissionStats.awaitIdle(port);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long deadline = 2_000 + Admission.WRITE_GRACE_MS;
            assertTrue(ms < deadline + 20_000, "holdings given back after " + ms + " ms (deadline " + deadline + " ms)");
            for (Socket sock : readers) {
                sock.setSoTimeout(30_000);
                long n = 0;
                try (InputStream in = sock.getInputStream()) {
                    byte[] buf = new byte[65536];
                    for (int r; (r = in.read(buf)) > 0; )
                        n += r;
                } catch (java.io.IOException e) {
                    // reset: cut
                }
                assertTrue(n < 24_000_000, "the connection was cut before the whole answer: " + n + " bytes");
            }
            assertEquals(200, RequestDefenceIT.getFrom(port, "127.0.0.4", GuardIT.LIGHT).status());
        } finally {
            for (Socket sock : readers)
                sock.close();
            s.stop();
        }
    }

    /**
     * Found by attacking the jar: eight requests (four addresses, two each, within their share)
     * for a 3 MB answer, never read, held every slot, the fast lane included, until the write
     * deadline (timeout + 5 s); every other client's light query waited for it (503 after its
     * queue wait). A request still holding the fast lane after {@link Admission#FAST_LANE_MS}
     * while the long lane is full is stopped, and one whose answer is already being written is
     * cut: a slow reader may hold the long lane until its deadline, never the last slot.
     */
    @Test
    void readersThatReadNothingNeverHoldTheFastLane() throws Exception {
        // Public per-client limits; a long timeout and queue wait, so that a light query behind a
        // held fast lane would wait for the write deadline (15 s) rather than be refused earlier.
        FusekiServer s = graph.start(ServerConfig.builder()
                .limits(Limits.builder().maxConcurrent(4).overallMs(10_000).queueWaitMs(20_000).build()).cacheBytes(0).build());
        int port = s.getHttpPort();
        List<Socket> readers = new ArrayList<>();
        try {
            String big = "SELECT ?s ?p ?o ?x { ?s ?p ?o . ?x ?y ?z } LIMIT 9999";
            for (int i = 0; i < 8; i++) {
                Socket sock = new Socket();
                sock.setReceiveBufferSize(4096);
                sock.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0." + (2 + i / 2)), 0));
                sock.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 5_000);
                sock.getOutputStream().write(("GET /newpath/sparql?query=" + Client.enc(big + " # " + i) + " HTTP/1.1\r\nHost: x\r\n"
                        + "Accept: application/sparql-results+xml\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                sock.getOutputStream().flush();
                readers.add(sock);
            }
            org.apache.jena.atlas.json.JsonObject a = AdmissionStats.read(port);
            for (long end = System.nanoTime() + 30_000_000_000L; number(a, "longLane") < 3 && System.nanoTime() < end; ) {
                Thread.sleep(50);
                a = AdmissionStats.read(port);
            }
            assertEquals(3, number(a, "longLane"), "the unread answers fill the long lane: " + a);
            for (int i = 0; i < 5; i++) {
                RequestDefenceIT.Timed light = RequestDefenceIT.getFrom(port, "127.0.0.9", GuardIT.LIGHT);
                assertEquals(200, light.status(), "light query " + i + " while the long lane is held: " + light);
                assertTrue(light.millis() < 5_000, "light query " + i + " answered in " + light.millis() + " ms (write deadline 15 s)");
            }
        } finally {
            for (Socket sock : readers)
                sock.close();
        }
        try {
            AdmissionStats.awaitIdle(port);
        } finally {
            s.stop();
        }
    }

    private static long number(org.apache.jena.atlas.json.JsonObject o, String key) {
        return o.get(key).getAsNumber().value().longValue();
    }
}
