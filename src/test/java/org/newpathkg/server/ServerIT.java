package org.newpathkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newpathkg.server.Http.enc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.Limits;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/** A real server on a free loopback port over the tiny fixture project, spoken to over HTTP. */
class ServerIT {
    static KnowledgeGraph kg;
    static FusekiServer server;
    static String base;
    static ServerSocket refused, allowed;
    static final AtomicInteger refusedConnections = new AtomicInteger(), allowedConnections = new AtomicInteger();

    static final String P = """
            PREFIX text: <http://jena.apache.org/text#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX oa:   <http://www.w3.org/ns/oa#>
            PREFIX npo:  <https://w3id.org/newpath-kg/ontology#>
            PREFIX np:   <https://w3id.org/newpath-kg/id/>
            """;

    @BeforeAll
    static void start() throws IOException {
        refused = listen(refusedConnections);
        allowed = listen(allowedConnections);
        kg = Pipeline.load(SourceTree.directory(Fixtures.good()), null);
        server = NewpathServer.build(kg.dataset(), ServerConfig.builder().allowService(List.of(url(allowed)))
                .limits(Limits.builder().oneTrustedClient().build()).build()).start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() throws IOException {
        server.stop();
        kg.close();
        refused.close();
        allowed.close();
    }

    /** A socket that counts and drops every connection, standing in for a remote endpoint. */
    static ServerSocket listen(AtomicInteger counter) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    counter.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    static String url(ServerSocket s) {
        return "http://127.0.0.1:" + s.getLocalPort() + "/x";
    }

    @Test
    void selectResultsComeInEveryFormatByContentNegotiation() {
        String q = "SELECT ?s { ?s a <https://w3id.org/newpath-kg/ontology#State> }";
        for (String[] f : new String[][] {
                {"application/sparql-results+json", "\"bindings\""},
                {"application/sparql-results+xml", "<sparql"},
                {"text/csv", "s\r\n"},
                {"text/tab-separated-values", "?s"}}) {
            HttpResponse<String> r = Http.query(base, q, f[0]);
            assertEquals(200, r.statusCode(), f[0]);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f[0]), f[0]);
            assertTrue(r.body().contains(f[1]), f[0] + ": " + r.body());
            assertTrue(r.body().contains("id/dprk"), f[0]);
        }
    }

    @Test
    void graphResultsComeInEveryFormatByContentNegotiation() {
        String q = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/newpath-kg/graph/entities> { ?s ?p ?o } }";
        for (String f : List.of("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")) {
            HttpResponse<String> r = Http.query(base, q, f);
            assertEquals(200, r.statusCode(), f);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f), f);
            assertTrue(r.body().contains("dprk"), f);
        }
        for (String f : List.of("application/trig", "application/n-quads")) {
            HttpResponse<String> r = Http.get(base + "/newpath/get", f);
            assertEquals(200, r.statusCode(), f + " " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f), f);
            assertTrue(r.body().contains("https://w3id.org/newpath-kg/graph/inferred"), f);
        }
    }

    @Test
    void textQueryFindsJapaneseWordsWithKuromojiAndEnglishWithStemming() {
        String ja = Http.query(base, P + "SELECT ?s ?lit { (?s ?score ?lit) text:query (oa:exact \"国防\" \"lang:ja\") }", "text/csv").body();
        assertTrue(ja.contains("c1#quote"), ja);
        assertFalse(ja.contains("c3#quote"), "国防 must not match 中国…防衛: " + ja);
        String cold = Http.query(base, P + "SELECT ?s { ?s text:query (oa:exact \"新冷戦\" \"lang:ja\") }", "text/csv").body();
        assertTrue(cold.contains("c2#quote"), cold);
        String en = Http.query(base, P + "SELECT ?s { ?s text:query (npo:gloss \"sanction\" \"lang:en\") }", "text/csv").body();
        assertTrue(en.contains("claim/c1"), en);
    }

    @Test
    void malformedLuceneQueryIsABadRequest() {
        for (String bad : List.of("\\\"unclosed", "AND OR (")) {
            HttpResponse<String> r = Http.query(base, P + "SELECT ?s { ?s text:query (oa:exact \"" + bad + "\" \"lang:ja\") }", null);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(r.body().toLowerCase().contains("parse"), r.body());
        }
    }

    @Test
    void inferredTriplesAreVisibleInTheirGraphAndInTheUnionDefaultGraph() {
        String inGraph = P + "ASK { GRAPH <https://w3id.org/newpath-kg/graph/inferred> { np:russia npo:alliedWith np:dprk } }";
        String inDefault = P + "ASK { np:pyongyang npo:locatedIn np:dprk . np:dprk a <http://www.w3.org/ns/prov#Agent> }";
        for (String q : List.of(inGraph, inDefault))
            assertTrue(Http.query(base, q, "application/sparql-results+json").body().contains("true"), q);
        HttpResponse<String> dflt = Http.get(base + "/newpath/get?default", "application/n-triples");
        assertEquals(200, dflt.statusCode());
        assertTrue(dflt.body().contains("<https://w3id.org/newpath-kg/id/russia> <https://w3id.org/newpath-kg/ontology#alliedWith>"), "GSP default graph is the union");
    }

    @Test
    void updateIsRefusedOnReadOnlyEndpoint() {
        long before = Http.count(base);
        String update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }";
        int s1 = Http.postForm(base + "/newpath/sparql", "update=" + enc(update)).statusCode();
        int s2 = Http.postForm(base + "/newpath/update", "update=" + enc(update)).statusCode();
        int s3 = Http.method(base + "/newpath/sparql", "POST", "application/sparql-update", update).statusCode();
        int s4 = Http.postForm(base + "/newpath", "update=" + enc(update)).statusCode();
        for (int s : new int[] {s1, s2, s3, s4})
            assertTrue(s >= 400 && s < 500, "status " + s);
        assertEquals(before, Http.count(base));
    }

    @Test
    void graphStoreWritesAreRefused() {
        long before = Http.count(base);
        String ttl = "<urn:x:s> <urn:x:p> <urn:x:o> .";
        for (String url : List.of(base + "/newpath/get?graph=" + enc("urn:x:g"), base + "/newpath/get?default",
                base + "/newpath?graph=" + enc("urn:x:g"), base + "/newpath/data?default")) {
            for (String m : List.of("PUT", "POST"))
                assertTrue(Http.method(url, m, "text/turtle", ttl).statusCode() >= 400, m + " " + url);
            assertTrue(Http.method(url, "DELETE", "text/turtle", "").statusCode() >= 400, "DELETE " + url);
        }
        int del = Http.method(base + "/newpath/get?graph=" + enc("https://w3id.org/newpath-kg/graph/entities"), "DELETE", "text/plain", "").statusCode();
        assertTrue(del >= 400, "DELETE entities: " + del);
        assertEquals(before, Http.count(base));
    }

    @Test
    void noAdminOrDatasetManagementEndpoints() {
        assertEquals(200, Http.get(base + "/$/ping", null).statusCode());
        assertEquals(200, Http.get(base + "/$/stats", null).statusCode());
        for (String p : List.of("/$/datasets", "/$/server", "/$/backup/newpath", "/$/compact/newpath", "/$/tasks", "/$/metrics"))
            assertTrue(Http.get(base + p, null).statusCode() >= 400, p);
        assertTrue(Http.postForm(base + "/$/datasets", "dbName=x&dbType=mem").statusCode() >= 400);
    }

    @Test
    void malformedQueryIsABadRequestWithTheParserMessage() {
        HttpResponse<String> r = Http.query(base, "SELECT ?s WHERE { ?s ?p }", null);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("line 1"), r.body());
    }

    @Test
    void serviceToANonListedEndpointIsRefusedWithoutConnecting() {
        HttpResponse<String> r = Http.query(base, "SELECT * { SERVICE <" + url(refused) + "> { ?s ?p ?o } }", null);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        assertTrue(r.body().contains(url(refused)) && r.body().contains("--allow-service"), r.body());
        assertEquals(0, refusedConnections.get());
    }

    @Test
    void serviceToAnAllowListedEndpointIsContacted() {
        Http.query(base, "SELECT * { SERVICE <" + url(allowed) + "> { ?s ?p ?o } }", null);
        assertTrue(allowedConnections.get() > 0);
    }

    @Test
    void serviceDescriptionAnswersAGetWithoutQuery() {
        HttpResponse<String> r = Http.get(base + "/newpath/sparql", "text/turtle");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("sd:UnionDefaultGraph"), r.body());
        assertTrue(r.body().contains("https://w3id.org/newpath-kg/graph/claims"), r.body());
        assertTrue(r.body().contains("text:query"), r.body());
        HttpResponse<String> j = Http.get(base + "/newpath/sparql", "application/ld+json");
        assertTrue(j.headers().firstValue("Content-Type").orElse("").startsWith("application/ld+json"));
    }

    @Test
    void longQueryIsStoppedByTheTimeout() {
        FusekiServer quick = NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(Limits.builder().overallMs(1_000).oneTrustedClient().build()).build()).start();
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = Http.query("http://127.0.0.1:" + quick.getHttpPort(),
                    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }", "text/csv");
            assertTrue((System.nanoTime() - t0) / 1_000_000_000 < 20, "stopped in time");
            assertTrue(r.statusCode() >= 400 || !r.body().matches("(?s)n\\R[0-9]+.*"), r.statusCode() + " " + r.body());
        } finally {
            quick.stop();
            // the quick server shares the dataset context; restore the 30 s default for the other tests
            QueryPolicy.apply(kg.dataset().getContext(), java.time.Duration.ofSeconds(30), List.of(url(allowed)));
        }
    }

    @Test
    void corsHeadersAreSent() {
        HttpResponse<String> r = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/newpath/sparql?query=" + enc("ASK {}"))).header("Origin", "http://example.org").GET());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), r.headers().toString());
    }
}
