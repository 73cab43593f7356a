package org.newpathkg.guard;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;

/**
 * Half-sent request bodies cut at the production read deadline (10 s) give back everything they
 * held: afterwards every address, including the senders', is answered at once, and the admission
 * counters in {@code /$/stats} are back to zero. The public defaults, with the four query slots a
 * two-core machine gets, so four such connections were enough to take the service down for good.
 */
class HalfSentBodyIT {
    static final String HALF_SENT = "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            + "Content-Length: 5000\r\n\r\nASK";
    static final String NO_LAST_CHUNK = "POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n3\r\nASK\r\n";

    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();

    /** The public defaults with four query slots (what the defaults give a two-core machine). */
    static FusekiServer start() {
        Limits limits = Limits.builder().maxConcurrent(4).build();
        assertEquals(10_000, limits.requestReadTimeoutMs(), "the production read deadline");
        FusekiServer s = graph.start(limits);
        return s;
    }

    @Test
    void fourBodiesCutShortAtTheReadDeadlineLeaveEverySlot() throws Exception {
        FusekiServer s = start();
        halfSend(s.getHttpPort(), List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"), HALF_SENT);
        answeredAtOnce(s, "127.0.0.9");
        answeredAtOnce(s, "127.0.0.2");
    }

    @Test
    void fourChunkedBodiesWithoutTheirLastChunkLeaveEverySlot() throws Exception {
        FusekiServer s = start();
        halfSend(s.getHttpPort(), List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"), NO_LAST_CHUNK);
        answeredAtOnce(s, "127.0.0.9");
        answeredAtOnce(s, "127.0.0.3");
    }

    @Test
    void twoCutBodiesFromOneAddressLeaveItsShare() throws Exception {
        FusekiServer s = start();
        halfSend(s.getHttpPort(), List.of("127.0.0.6", "127.0.0.6"), HALF_SENT);
        // Its share is two requests: leaked, the address would get 429 from now on.
        for (int i = 0; i < 3; i++)
            answeredAtOnce(s, "127.0.0.6");
    }

    /** Opens one connection per address, sends {@code request} and waits until the server cut every one. */
    static void halfSend(int port, List<String> from, String request) throws IOException {
        List<Socket> open = new ArrayList<>();
        try {
            for (String a : from) {
                Socket sock = RequestDefenceIT.socketFrom(a, port);
                sock.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                sock.getOutputStream().flush();
                open.add(sock);
            }
            long t0 = System.nanoTime();
            for (Socket sock : open)
                assertTrue(RequestDefenceIT.closedWithin(sock, 20_000), "the half-sent request was not cut within 20 s");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 8_000, "cut after " + ms + " ms: the 10 s read deadline, not something sooner");
        } finally {
            for (Socket sock : open)
                sock.close();
        }
    }

    /**
     * A light query from {@code from} answered 200 without waiting for a slot (a leaked slot
     * shows as a 503 after the 5 s queue wait, a leaked share as a 429), and nothing held afterwards.
     */
    static void answeredAtOnce(FusekiServer s, String from) throws Exception {
        RequestDefenceIT.Timed t = RequestDefenceIT.getFrom(s.getHttpPort(), from, GuardIT.LIGHT);
        assertEquals(200, t.status(), "after the cut bodies, from " + from + ": " + t.raw());
        assertTrue(t.millis() < 4_000, "answered after " + t.millis() + " ms");
        AdmissionStats.awaitIdle(s.getHttpPort());
    }
}
