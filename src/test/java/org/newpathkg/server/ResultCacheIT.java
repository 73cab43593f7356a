package org.newpathkg.server;

import org.newpathkg.guard.Limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/** The result cache in front of a real server over the tiny fixture project, spoken to over HTTP. */
class ResultCacheIT {
    static KnowledgeGraph kg;
    static FusekiServer cached, uncached;
    static String base, plainBase;
    static final String JSON = "application/sparql-results+json";
    // Ten seconds, so a big answer is never cut short on a loaded machine; the timeout test asks
    // for one second itself (a client may lower its time limit).
    static final Limits TEN_SECONDS = Limits.builder().overallMs(10_000).oneTrustedClient().build();

    @BeforeAll
    static void start() {
        SourceTree src = SourceTree.directory(Fixtures.good());
        kg = Pipeline.load(src, null);
        // Both servers share the dataset and so its query timeout.
        uncached = NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(TEN_SECONDS).build()).start();
        cached = NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(TEN_SECONDS).cacheBytes(1L << 20).dataVersion(src.contentHash()).build()).start();
        base = "http://127.0.0.1:" + cached.getHttpPort();
        plainBase = "http://127.0.0.1:" + uncached.getHttpPort();
    }

    @AfterAll
    static void stop() {
        cached.stop();
        uncached.stop();
        kg.close();
    }

    static String xCache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse("none");
    }

    @Test
    void aRepeatedQueryIsServedFromTheCacheWithTheSameAnswer() {
        String q = "SELECT ?s ?l { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s ?l LIMIT 7";
        HttpResponse<String> first = Http.query(base, q, JSON);
        HttpResponse<String> second = Http.query(base, q, JSON);
        assertEquals(200, first.statusCode());
        assertEquals("miss", xCache(first));
        assertEquals("hit", xCache(second));
        assertEquals(first.body(), second.body());
        assertEquals(first.headers().firstValue("Content-Type"), second.headers().firstValue("Content-Type"));
        assertEquals(Http.query(plainBase, q, JSON).body(), second.body(), "the cached answer is the uncached one");
    }

    @Test
    void equivalentSpellingsShareOneEntry() {
        Http.query(base, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l { ?s rdfs:label ?l } ORDER BY ?l LIMIT 4", JSON);
        HttpResponse<String> other = Http.query(base,
                "# same question\nprefix   lab: <http://www.w3.org/2000/01/rdf-schema#>\nselect ?l where {\n ?s lab:label ?l .\n} order by ?l limit 4", JSON);
        assertEquals("hit", xCache(other));
    }

    @Test
    void aDifferentAcceptIsADifferentEntry() {
        String q = "SELECT ?s { ?s a ?c } ORDER BY ?s LIMIT 3";
        HttpResponse<String> json = Http.query(base, q, JSON);
        HttpResponse<String> csv = Http.query(base, q, "text/csv");
        assertEquals("miss", xCache(csv), "CSV is not answered from the JSON entry");
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertNotEquals(json.body(), csv.body());
        assertEquals("hit", xCache(Http.query(base, q, "text/csv")));
        assertEquals("hit", xCache(Http.query(base, q, JSON)));
    }

    @Test
    void postFormAndQueryBodyHitTheEntryOfTheGet() {
        String q = "SELECT ?o { ?s ?p ?o } ORDER BY ?o LIMIT 2";
        Http.query(base, q, JSON);
        HttpResponse<String> form = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("query=" + Http.enc(q))));
        HttpResponse<String> body = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/query"))
                .header("Content-Type", "application/sparql-query").header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(q)));
        assertEquals("hit", xCache(form));
        assertEquals("hit", xCache(body));
        assertEquals(200, body.statusCode());
    }

    @Test
    void theETagRevalidatesWithNotModified() {
        String q = "ASK { ?s ?p ?o }";
        HttpResponse<String> first = Http.query(base, q, JSON);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
        HttpResponse<String> again = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?query=" + Http.enc(q)))
                .header("Accept", JSON).header("If-None-Match", etag).GET());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        HttpResponse<String> stale = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?query=" + Http.enc(q)))
                .header("Accept", JSON).header("If-None-Match", "\"something-else\"").GET());
        assertEquals(200, stale.statusCode());
    }

    /**
     * RFC 9111 5.2.1.4: a request's {@code Cache-Control: no-cache} forbids answering from the
     * store without going to the origin; the query runs again (by GET before admission, by a
     * query body, and by another spelling at the normalised level) and its fresh answer is the
     * stored one. {@code no-store} runs the query and keeps nothing.
     */
    @Test
    void noCacheRunsTheQueryAgainAndNoStoreKeepsNothing() {
        String q = "SELECT ?s ?c { ?s a ?c } ORDER BY ?c ?s LIMIT 5";
        HttpResponse<String> miss = Http.query(base, q, JSON);
        assertEquals("miss", xCache(miss));
        assertEquals("hit", xCache(Http.query(base, q, JSON)));
        for (String directive : new String[] {"no-cache", "max-age=0, No-Cache", "no-store"}) {
            HttpResponse<String> fresh = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?query=" + Http.enc(q)))
                    .header("Accept", JSON).header("Cache-Control", directive).GET());
            assertEquals(200, fresh.statusCode());
            assertEquals("miss", xCache(fresh), directive + ": the query ran again");
            assertEquals(miss.body(), fresh.body());
        }
        HttpResponse<String> body = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/query"))
                .header("Content-Type", "application/sparql-query").header("Accept", JSON).header("Cache-Control", "no-cache")
                .POST(HttpRequest.BodyPublishers.ofString("# another spelling\n" + q)));
        assertEquals("miss", xCache(body), "not answered from the normalised level either");
        assertEquals("hit", xCache(Http.query(base, q, JSON)), "the fresh answer is stored");

        String once = "SELECT ?s { ?s a ?c } ORDER BY DESC(?s) LIMIT 2";
        HttpResponse<String> unstored = Http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?query=" + Http.enc(once)))
                .header("Accept", JSON).header("Cache-Control", "no-store").GET());
        assertEquals("miss", xCache(unstored));
        assertEquals("miss", xCache(Http.query(base, once, JSON)), "no-store kept nothing");
    }

    @Test
    void errorsAreNotCached() {
        String bad = "SELECT ?s WHERE { ?s ?p }";
        HttpResponse<String> first = Http.query(base, bad, JSON);
        HttpResponse<String> second = Http.query(base, bad, JSON);
        assertEquals(400, first.statusCode());
        assertEquals(400, second.statusCode());
        assertEquals("bypass", xCache(second));
        assertTrue(first.headers().firstValue("ETag").isEmpty());
    }

    @Test
    void timeoutsAreNotCached() {
        // 119 quads to the fourth power: far more than the one second this client asks for.
        String slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        String url = base + "/newpath/sparql?timeout=1&query=" + Http.enc(slow);
        HttpResponse<String> first = Http.get(url, JSON);
        HttpResponse<String> second = Http.get(url, JSON);
        assertNotEquals(200, first.statusCode(), first.body());
        assertEquals("miss", xCache(second), "a timed-out answer was not stored");
        assertNotEquals(200, second.statusCode());
    }

    @Test
    void unstableQueriesBypassTheCache() {
        HttpResponse<String> r = Http.query(base, "SELECT (RAND() AS ?r) {}", JSON);
        assertEquals(200, r.statusCode());
        assertEquals("bypass", xCache(r));
        assertEquals("bypass", xCache(Http.query(base, "SELECT (RAND() AS ?r) {}", JSON)));
    }

    @Test
    void anAnswerLargerThanTheEntryCapIsServedWholeButNotKept() {
        // A 1 MiB cache keeps answers of up to 256 KiB; this one is a few MB.
        String big = "SELECT ?s ?p ?o ?x { ?s ?p ?o . ?x ?y ?z } LIMIT 20000";
        HttpResponse<String> first = Http.query(base, big, "text/csv");
        HttpResponse<String> second = Http.query(base, big, "text/csv");
        assertEquals(200, first.statusCode());
        assertTrue(first.body().length() > 256 * 1024, "the fixture answer must exceed the entry cap: " + first.body().length());
        assertEquals(first.body().length(), second.body().length());
        assertEquals("miss", xCache(second));
    }

    @Test
    void withTheCacheOffThereIsNoCacheHeader() {
        HttpResponse<String> r = Http.query(plainBase, "ASK { ?s ?p ?o }", JSON);
        assertEquals("none", xCache(r));
        assertTrue(r.headers().firstValue("ETag").isEmpty());
    }

    /** Headers that may differ between two answers to the same request: time, framing, request id, the cache's own mark. */
    static final java.util.Set<String> VOLATILE = java.util.Set.of("date", "content-length", "fuseki-request-id", "x-cache");

    static java.util.Map<String, java.util.List<String>> stable(HttpResponse<?> r) {
        java.util.Map<String, java.util.List<String>> m = new java.util.TreeMap<>(r.headers().map());
        m.keySet().removeIf(k -> VOLATILE.contains(k.toLowerCase(java.util.Locale.ROOT)));
        return m;
    }

    @Test
    void aHitCarriesExactlyTheStatusAndHeadersOfTheMissTruncationIncluded() {
        SourceTree src = SourceTree.directory(Fixtures.good());
        Limits five = TEN_SECONDS.toBuilder().maxRows(5).build();
        FusekiServer small = NewpathServer.build(kg.dataset(),
                ServerConfig.builder().limits(five).cacheBytes(1L << 20).dataVersion(src.contentHash()).build()).start();
        try {
            String b = "http://127.0.0.1:" + small.getHttpPort();
            String q = "SELECT * { ?s ?p ?o } ORDER BY ?s ?p ?o";
            HttpResponse<String> miss = Http.query(b, q, JSON);
            HttpResponse<String> hit = Http.query(b, q, JSON);
            assertEquals("miss", xCache(miss));
            assertEquals("hit", xCache(hit));
            assertEquals("true", miss.headers().firstValue("X-Result-Truncated").orElse(null), "the fixture has more than 5 triples");
            assertEquals(miss.statusCode(), hit.statusCode());
            assertEquals(stable(miss), stable(hit), "headers of the hit against the miss");
            assertEquals(miss.body(), hit.body());
        } finally {
            small.stop();
        }
    }

    @Test
    void requestsTheUncachedServerRefusesAreRefusedAlikeWhenTheQueryIsCached() {
        String q = "SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 1";
        assertEquals("miss", xCache(Http.query(base, q, JSON)));
        assertEquals("hit", xCache(Http.query(base, q, JSON)));
        java.util.List<java.util.function.Function<String, HttpResponse<String>>> bad = java.util.List.of(
                // Two query parameters, the second the cached one.
                b -> Http.get(b + "/newpath/sparql?query=" + Http.enc("ASK {}") + "&query=" + Http.enc(q), JSON),
                // The cached query in a UTF-16 body.
                b -> Http.send(HttpRequest.newBuilder(URI.create(b + "/newpath/sparql"))
                        .header("Content-Type", "application/sparql-query;charset=UTF-16").header("Accept", JSON)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(q.getBytes(java.nio.charset.StandardCharsets.UTF_16)))),
                // The cached query, compressed.
                b -> Http.send(HttpRequest.newBuilder(URI.create(b + "/newpath/sparql"))
                        .header("Content-Type", "application/sparql-query").header("Content-Encoding", "gzip").header("Accept", JSON)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(q)))),
                // The cached query in the URL of a POST whose body type Fuseki's query handler refuses.
                b -> Http.send(HttpRequest.newBuilder(URI.create(b + "/newpath/sparql?query=" + Http.enc(q)))
                        .header("Content-Type", "text/plain").header("Accept", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString("x"))),
                // The cached query with a stray byte that is not UTF-8.
                b -> Http.send(HttpRequest.newBuilder(URI.create(b + "/newpath/sparql"))
                        .header("Content-Type", "application/sparql-query").header("Accept", JSON)
                        .POST(HttpRequest.BodyPublishers.ofByteArray((q + " #\u00ff").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))));
        for (var request : bad) {
            HttpResponse<String> c = request.apply(base), u = request.apply(plainBase);
            assertTrue(u.statusCode() >= 400 && u.statusCode() < 500, u.statusCode() + " " + u.body());
            assertEquals(u.statusCode(), c.statusCode(), "cached " + c.body() + " / uncached " + u.body());
            assertEquals("none", xCache(c), "the cache never saw it");
        }
    }

    static org.apache.jena.atlas.json.JsonObject admission(String b) {
        HttpResponse<String> r = Http.get(b + "/$/stats", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return org.apache.jena.atlas.json.JSON.parse(r.body()).get("admission").getAsObject();
    }

    static long number(org.apache.jena.atlas.json.JsonObject o, String name) {
        return o.get(name).getAsNumber().value().longValue();
    }

    /**
     * Issue 20 item 5: a repeated request is answered before admission. With both query slots
     * held by queries that run until their 8 s timeout, the cached query is answered at once from
     * the cache, and the slots, the queue and the per-client holdings do not move; an uncached
     * query sent at the same moment waits for a slot and is refused (so the slots really were full).
     */
    @Test
    void aHitIsAnsweredWithoutAQuerySlotWhileEverySlotIsHeld() throws Exception {
        SourceTree src = SourceTree.directory(Fixtures.good());
        Limits two = Limits.builder().overallMs(8_000).maxConcurrent(2).queueWaitMs(1_000).queryMemoryBytes(1L << 40)
                .oneTrustedClient().build();
        FusekiServer s = NewpathServer.build(kg.dataset(),
                ServerConfig.builder().limits(two).cacheBytes(1L << 20).dataVersion(src.contentHash()).build()).start();
        try {
            String b = "http://127.0.0.1:" + s.getHttpPort();
            String light = "SELECT ?s { ?s a ?c } ORDER BY ?s LIMIT 3";
            HttpResponse<String> miss = Http.query(b, light, JSON);
            assertEquals("miss", xCache(miss));
            // 119 quads to the fourth power: runs until the timeout.
            String heavy = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
            java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> running = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++)
                running.add(Http.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(b + "/newpath/sparql?query=" + Http.enc(heavy) + "&n=" + i))
                        .header("Accept", JSON).timeout(java.time.Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            org.apache.jena.atlas.json.JsonObject before = admission(b);
            while (number(before, "slotsInUse") < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
                before = admission(b);
            }
            assertEquals(2, number(before, "slotsInUse"), "both slots held by the heavy queries: " + before);

            HttpResponse<String> hit = Http.query(b, light, JSON);
            org.apache.jena.atlas.json.JsonObject after = admission(b);
            assertEquals(200, hit.statusCode(), hit.body());
            assertEquals("hit", xCache(hit));
            assertEquals(miss.body(), hit.body());
            assertEquals(before.toString(), after.toString(), "the hit took nothing from admission");

            HttpResponse<String> uncached = Http.query(b, "SELECT ?c { ?s a ?c } ORDER BY ?c LIMIT 1", JSON);
            assertEquals(503, uncached.statusCode(), "an uncached query waits for a slot: " + uncached.body());
            // Cache-Control: no-cache is not a way past admission: the cached query, asked fresh, waits like an uncached one.
            HttpResponse<String> fresh = Http.send(HttpRequest.newBuilder(URI.create(b + "/newpath/sparql?query=" + Http.enc(light)))
                    .header("Accept", JSON).header("Cache-Control", "no-cache").GET());
            assertEquals(503, fresh.statusCode(), "a no-cache request waits for a slot: " + fresh.body());
            assertTrue(running.stream().noneMatch(java.util.concurrent.CompletableFuture::isDone), "the heavy queries still ran");
            for (var r : running)
                assertEquals(503, r.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        } finally {
            s.stop();
        }
    }

    /**
     * A hit costs no query time but is still a request: the per-address request rate (in front of
     * the cache) refuses a client that repeats a cached query faster than it allows.
     */
    @Test
    void hitsCountAgainstTheRequestRate() {
        SourceTree src = SourceTree.directory(Fixtures.good());
        Limits slow = Limits.builder().overallMs(10_000).ratePerSecond(1).rateBurst(5).build();
        FusekiServer s = NewpathServer.build(kg.dataset(),
                ServerConfig.builder().limits(slow).cacheBytes(1L << 20).dataVersion(src.contentHash()).build()).start();
        try {
            String b = "http://127.0.0.1:" + s.getHttpPort();
            String q = "ASK { ?s ?p ?o }";
            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            HttpResponse<String> refused = null;
            // Back to back until the first refusal: at one request per second, unless each took a second, one comes.
            for (int i = 0; i < 100 && refused == null; i++) {
                HttpResponse<String> r = Http.query(b, q, JSON);
                seen.merge(r.statusCode() + " " + xCache(r), 1, Integer::sum);
                if (r.statusCode() == 429)
                    refused = r;
            }
            assertTrue(seen.getOrDefault("200 hit", 0) >= 1, "the repeated query was answered from the cache: " + seen);
            assertNotNull(refused, "hits are metered: " + seen);
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "a 429 says when to retry");
            assertEquals(java.util.Set.of("200 miss", "200 hit", "429 none"), seen.keySet(), seen.toString());
        } finally {
            s.stop();
        }
    }

    @Test
    void hitsBeforeAdmissionAreByteIdenticalToAFreshRunInEveryFormAndFormat() {
        String q = "SELECT ?s ?l { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s ?l LIMIT 5";
        java.util.List<java.util.function.Function<String, HttpRequest.Builder>> forms = java.util.List.of(
                b -> HttpRequest.newBuilder(URI.create(b + "/newpath/sparql"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("query=" + Http.enc(q))),
                b -> HttpRequest.newBuilder(URI.create(b + "/newpath/query"))
                        .header("Content-Type", "application/sparql-query").POST(HttpRequest.BodyPublishers.ofString(q)),
                b -> HttpRequest.newBuilder(URI.create(b + "/newpath/sparql?query=" + Http.enc(q) + "&default-graph-uri=" + Http.enc("urn:x:nothing"))).GET());
        for (String accept : java.util.List.of(JSON, "text/csv", "application/sparql-results+xml", "text/tab-separated-values")) {
            for (var form : forms) {
                HttpResponse<byte[]> fresh = bytes(form.apply(plainBase).header("Accept", accept));
                bytes(form.apply(base).header("Accept", accept));
                HttpResponse<byte[]> hit = bytes(form.apply(base).header("Accept", accept));
                assertEquals(200, fresh.statusCode());
                assertEquals("hit", xCache(hit), accept);
                assertEquals(fresh.headers().firstValue("Content-Type"), hit.headers().firstValue("Content-Type"));
                assertTrue(java.util.Arrays.equals(fresh.body(), hit.body()), accept + ": " + new String(hit.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        // A named graph that does not exist gives an empty answer: the hit of the other request is not served for it.
        HttpResponse<String> none = Http.get(base + "/newpath/sparql?query=" + Http.enc(q) + "&default-graph-uri=" + Http.enc("urn:x:nothing"), JSON);
        HttpResponse<String> all = Http.query(base, q, JSON);
        assertNotEquals(none.body(), all.body());
    }

    @Test
    void aGzipClientGetsTheSameAnswerCompressedFromAHit() throws Exception {
        String q = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 40";
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/newpath/sparql?query=" + Http.enc(q)))
                .header("Accept", JSON).header("Accept-Encoding", "gzip");
        HttpResponse<byte[]> first = bytes(r.copy());
        HttpResponse<byte[]> hit = bytes(r.copy());
        assertEquals("hit", xCache(hit));
        assertEquals("gzip", hit.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(first.headers().firstValue("Content-Encoding"), hit.headers().firstValue("Content-Encoding"));
        assertEquals(first.headers().firstValue("ETag"), hit.headers().firstValue("ETag"));
        assertTrue(java.util.Arrays.equals(gunzip(first.body()), gunzip(hit.body())));
        assertEquals(Http.query(plainBase, q, JSON).body(), new String(gunzip(hit.body()), java.nio.charset.StandardCharsets.UTF_8));
        // Revalidating with the compressed answer's ETag.
        HttpResponse<byte[]> again = bytes(r.copy().header("If-None-Match", hit.headers().firstValue("ETag").orElseThrow()));
        assertEquals(304, again.statusCode());
    }

    static HttpResponse<byte[]> bytes(HttpRequest.Builder b) {
        try {
            return Http.CLIENT.send(b.timeout(java.time.Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] gunzip(byte[] b) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
