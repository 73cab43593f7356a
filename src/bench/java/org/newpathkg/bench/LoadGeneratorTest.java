package org.newpathkg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The load generator counts what was not a 200 and says what it was, so a run's errors can be told apart. */
class LoadGeneratorTest {
    @Test
    void eachErrorIsCountedWithItsStatus() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/sparql", x -> {
            x.getRequestBody().readAllBytes();
            // every third request refused, the rest answered
            int status = asked.incrementAndGet() % 3 == 0 ? 503 : 200;
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        server.start();
        try {
            LoadGenerator gen = new LoadGenerator(List.of("ASK {}"), "application/sparql-results+json");
            LoadGenerator.Result r = gen.closed(LoadGenerator.Target.sparql("t", "http://127.0.0.1:" + server.getAddress().getPort() + "/sparql"),
                    1, 0.5, 1);
            assertEquals(asked.get(), r.requests());
            assertEquals(asked.get() / 3, r.errors());
            assertTrue(r.errors() > 0, "the run was long enough to see a refusal");
            assertEquals(r.errors() + " × HTTP 503", r.errorKinds());
            assertTrue(r.brief().endsWith("(" + r.errors() + " × HTTP 503)"), r.brief());
        } finally {
            server.stop(0);
        }
    }
}
