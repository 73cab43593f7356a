package org.newpathkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/**
 * Stopping the server as {@code serve} does on SIGTERM ({@link NewpathServer#stop}) lets the requests
 * it is answering finish, within {@link NewpathServer#STOP_GRACE}: a client whose query is running
 * gets its whole answer, here the 503 of the query's own time limit, not a closed connection.
 */
class GracefulStopIT {
    /** Four unrelated patterns: far more rows than any time limit lets through, on any data. */
    static final String ENDLESS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

    @Test
    void aQueryRunningWhenTheServerStopsGetsItsWholeAnswer() throws Exception {
        try (KnowledgeGraph kg = Pipeline.load(SourceTree.directory(Fixtures.good()), null)) {
            FusekiServer server = NewpathServer.build(kg.dataset(), ServerConfig.builder()
                    .limits(Limits.builder().oneTrustedClient().build()).build()).start();
            String base = "http://127.0.0.1:" + server.getHttpPort();
            try {
                // timeout=2: the query ends with its 503 two seconds in, within the stop's grace.
                CompletableFuture<HttpResponse<String>> answer = Http.CLIENT.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?timeout=2&query=" + Http.enc(ENDLESS)))
                                .header("Accept", "application/sparql-results+json").timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                awaitRunning(base);
                boolean drained = NewpathServer.stop(server, NewpathServer.STOP_GRACE);
                HttpResponse<String> r = answer.get(30, TimeUnit.SECONDS);   // throws if the connection was closed under it
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("timed out"), r.body());
                assertTrue(drained, "the query's request was still running when the grace ran out");
            } finally {
                server.stop();
            }
        }
    }

    /**
     * A request that outlasts the grace: the stop says so, and the server is stopped when it returns
     * (Jetty's thread pool still lets the query's thread end, within the query's own time limit).
     */
    @Test
    void aRequestThatOutlastsTheGraceIsReportedAndTheServerStillStops() throws Exception {
        try (KnowledgeGraph kg = Pipeline.load(SourceTree.directory(Fixtures.good()), null)) {
            FusekiServer server = NewpathServer.build(kg.dataset(), ServerConfig.builder()
                    .limits(Limits.builder().oneTrustedClient().build()).build()).start();
            int port = server.getHttpPort();
            String base = "http://127.0.0.1:" + port;
            try {
                CompletableFuture<HttpResponse<String>> answer = Http.CLIENT.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?timeout=3&query=" + Http.enc(ENDLESS)))
                                .timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                awaitRunning(base);
                assertFalse(NewpathServer.stop(server, Duration.ofMillis(300)), "the query outlasted the grace");
                assertThrows(java.io.IOException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "still accepting");
                try {
                    answer.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException cutOff) {
                    // its connection closed under it: what the grace is there to make rare
                }
            } finally {
                server.stop();
            }
        }
    }

    /** Polls {@code /$/stats} until a query holds a slot (at most 30 s). */
    private static void awaitRunning(String base) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            JsonObject stats = JSON.parse(Http.get(base + "/$/stats", "application/json").body());
            if (stats.getObj("admission").get("slotsInUse").getAsNumber().value().longValue() > 0)
                return;
            Thread.sleep(20);
        }
        throw new AssertionError("the query never started");
    }
}
