package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

/**
 * A polite crawler under the public limits (it keeps out of what robots.txt disallows: the SPARQL
 * endpoint and the editor): five pages a second, each followed by the static
 * files it links (styles, scripts, icons), from one address, is never refused. Pages and static
 * files have their own request rate and are not charged to the address's query time: the test
 * gives queries a budget of 0.2 s, which the pages' own time passes many times over.
 */
class CrawlerIT {
    static final Pattern LINK = Pattern.compile("(?:href|src)=\"(/[^\"#?]*)\"");

    @Test
    void aCrawlerAtFivePagesASecondWithTheirStaticFilesNeverSees429() throws Exception {
        Path dir = Files.createTempDirectory("newpath-crawl");
        KnowledgeGraph kg = Pipeline.load(SourceTree.directory(WebFixture.create(dir)), null);
        Limits limits = Limits.builder().clientTimeBudgetMs(200).clientTimeRefillPerSecondMs(10).build();
        assertEquals(20, limits.ratePerSecond(), "the public query rate");
        ServerConfig config = ServerConfig.builder().limits(limits).build();
        FusekiServer server = NewpathServer.build(kg.dataset(), config, new WebModule(kg.dataset(), config.baseUrl())).start();
        int port = server.getHttpPort();
        ExecutorService crawler = Executors.newFixedThreadPool(16);
        try {
            List<String> frontier = new CopyOnWriteArrayList<>(List.of("/", "/timeline", "/ontology", "/id/dprk", "/claim/c1", "/note/1"));
            Set<String> seen = ConcurrentHashMap.newKeySet();
            seen.addAll(frontier);
            List<String> refused = new CopyOnWriteArrayList<>();
            AtomicInteger requests = new AtomicInteger();
            AtomicLong pageMillis = new AtomicLong();
            List<Future<?>> fetches = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                // Page i is sent at i * 200 ms, whatever the earlier ones are doing: five pages a second.
                long wait = start + TimeUnit.MILLISECONDS.toNanos(200L * i) - System.nanoTime();
                if (wait > 0)
                    TimeUnit.NANOSECONDS.sleep(wait);
                String path = frontier.get(i % frontier.size());
                fetches.add(crawler.submit(() -> {
                    long t0 = System.nanoTime();
                    Answer page = get(port, path);
                    pageMillis.addAndGet((System.nanoTime() - t0) / 1_000_000);
                    requests.incrementAndGet();
                    if (page.status() == 429)
                        refused.add(path);
                    Matcher m = LINK.matcher(page.body());
                    while (m.find()) {
                        String link = m.group(1);
                        if (link.startsWith("/static/") || link.equals("/favicon.ico")) {
                            requests.incrementAndGet();
                            if (get(port, link).status() == 429)
                                refused.add(link);
                        } else if (!link.startsWith("/newpath/") && !link.startsWith("/$/") && !link.startsWith("/ui")
                                && seen.size() < 200 && seen.add(link))   // what robots.txt disallows: the query endpoint, the editor
                            frontier.add(link);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fetches)
                f.get(120, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("crawler: 60 pages, %d requests in %.1f s, pages took %d ms of server time, %d refused%n",
                    requests.get(), seconds, pageMillis.get(), refused.size());
            assertTrue(pageMillis.get() > limits.clientTimeBudgetMs(), "the pages took more time than the query budget holds");
            assertEquals(List.of(), refused, "refused with 429");
        } finally {
            crawler.shutdownNow();
            server.stop();
            kg.close();
            Fixtures.deleteTree(dir);
        }
    }

    record Answer(int status, String body) {}

    /** A GET from 127.0.0.8 (one client address, not the loopback default), HTTP/1.0 so the body ends at close. */
    static Answer get(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.8"), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: x\r\nAccept: text/html\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = raw.length() >= 12 ? Integer.parseInt(raw.substring(9, 12)) : -1;
            int body = raw.indexOf("\r\n\r\n");
            return new Answer(status, body < 0 ? "" : raw.substring(body + 4));
        }
    }
}
