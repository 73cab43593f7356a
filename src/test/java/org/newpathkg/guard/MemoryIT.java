package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newpathkg.guard.Client.enc;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;
import org.newpathkg.web.WebModule;

/**
 * Nothing on the serving path grows with what clients send: the server runs in this JVM, so the
 * heap it leaves after a full GC is read directly (MemoryMXBean) before and after a thousand
 * distinct {@code Host} values and a thousand distinct queries, with the result cache on.
 */
class MemoryIT {
    /** The result cache may fill up to its weight; everything else must stay put. */
    static final long CACHE_BYTES = 4L << 20;
    /** Allowed growth on top of the cache: noise of a JVM under test, far below a leak of 1,000 entries of any size. */
    static final long SLACK_BYTES = 24L << 20;

    static KnowledgeGraph kg;
    static FusekiServer server;

    @BeforeAll
    static void start() {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        kg = Pipeline.load(src, null);
        // A public base URL, as --base-url gives in production: pages never build links from the Host header.
        ServerConfig config = ServerConfig.builder().baseUrl("https://example.org/kg/")
                .cacheBytes(CACHE_BYTES).dataVersion(src.contentHash())
                .limits(Limits.builder().oneTrustedClient().build()).build();
        // With the pages, as the command line serves them: their VoID is built per base URL.
        server = NewpathServer.build(kg.dataset(), config, new WebModule(kg.dataset(), config.baseUrl())).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        kg.close();
    }

    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several rounds: reference processing and finalisation free more on the second and third.
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** {@code n} requests, each with its own Host, its own query text and its own page. */
    static void round(int port, int from, int n) {
        for (int i = from; i < from + n; i++) {
            String host = "h" + i + ".attacker.example";
            String page = Client.raw(port, null, "GET /.well-known/void HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertEquals(200, Client.status(page), page);
            String q = "SELECT ?s { ?s ?p ?o } LIMIT 1 OFFSET " + i;
            String answer = Client.raw(port, null, "GET /newpath/sparql?query=" + enc(q) + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n");
            assertEquals(200, Client.status(answer), answer);
        }
    }

    @Test
    void heapAfterAFullGcStaysFlatAfterAThousandHostsAndAThousandQueries() throws Exception {
        int port = server.getHttpPort();
        round(port, 0, 300);   // warm: classes loaded, pools and the JIT settled, the cache filled
        long before = heapAfterGc();
        round(port, 300, 1_000);
        long after = heapAfterGc();
        long growth = after - before;
        System.out.printf("memory: heap after GC %d KB before, %d KB after 1,000 hosts and 1,000 queries: %+d KB%n",
                before / 1024, after / 1024, growth / 1024);
        assertTrue(growth < CACHE_BYTES + SLACK_BYTES, "heap grew by " + growth / 1024 + " KB");
    }
}
