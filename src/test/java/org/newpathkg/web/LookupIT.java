package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

/**
 * The one lookup's faces over HTTP on a real server (port 0) over the real essay: the search page
 * and its JSON in both languages.
 */
class LookupIT {
    static final String NP = "https://w3id.org/newpath-kg/id/";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static KnowledgeGraph kg;
    static FusekiServer server;
    static String base;

    @BeforeAll
    static void start() {
        kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build();
        server = NewpathServer.build(kg.dataset(), config, new WebModule(kg.dataset(), config.baseUrl())).start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null)
            server.stop();
        if (kg != null)
            kg.close();
    }

    static HttpResponse<String> get(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (accept != null)
            b.header("Accept", accept);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonObject search(String q, String extra) {
        HttpResponse<String> r = get("/search?format=json&q=" + enc(q) + extra, null);
        assertEquals(200, r.statusCode(), q + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.parse(r.body());
    }

    static Set<String> iris(JsonObject o, String key) {
        Set<String> out = new TreeSet<>();
        for (JsonValue v : o.get(key).getAsArray())
            out.add(v.getAsObject().getString("iri"));
        return out;
    }

    @Test
    void americanAndBritishSpellingsFindTheSameClaims() {
        Set<String> us = iris(search("denuclearization", ""), "claims");
        Set<String> uk = iris(search("denuclearisation", ""), "claims");
        assertTrue(us.size() >= 19, "the glosses say denuclearisation in at least 19 claims: " + us);
        assertEquals(uk, us);
    }

    @Test
    void japaneseWordFindsItsPassagesWithTheWordMarked() {
        JsonObject o = search("非核化", "&lang=ja");
        assertFalse(o.get("claims").getAsArray().isEmpty());
        for (JsonValue v : o.get("claims").getAsArray()) {
            StringBuilder passage = new StringBuilder();
            boolean marked = false;
            for (JsonValue run : v.getAsObject().get("passage").getAsArray()) {
                passage.append(run.getAsObject().getString("text"));
                marked |= run.getAsObject().get("match").getAsBoolean().value() && run.getAsObject().getString("text").contains("非核");
            }
            assertTrue(passage.toString().contains("非核化"), passage.toString());
            assertTrue(marked, "非核化 is marked in " + v);
        }
    }

    @Test
    void thePersonIsFoundByEitherScriptAndAnyRomanisation() {
        for (String q : List.of("金正恩", "Kim Jong-un", "Kim Jong Un", "Kim Jongun")) {
            JsonObject first = search(q, "").get("things").getAsArray().get(0).getAsObject();
            assertEquals(NP + "kim-jong-un", first.getString("iri"), q);
            assertEquals("/id/kim-jong-un", first.getString("href"), q);
        }
        JsonObject ja = search("Kim Jong-un", "&lang=ja").get("things").getAsArray().get(0).getAsObject();
        assertEquals("金正恩", ja.getString("label"), "the label in the page's language");
        assertTrue(ja.get("types").toString().contains("https://w3id.org/newpath-kg/ontology#Person"), ja.toString());
    }

    @Test
    void acceptHeaderChoosesJsonAndTheHtmlPageMarksThePassage() {
        HttpResponse<String> j = get("/search?q=" + enc("非核化"), "application/json");
        assertTrue(j.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HttpResponse<String> html = get("/search?lang=ja&q=" + enc("非核化"), "text/html");
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("<mark>非核化</mark>"), html.body());
        assertTrue(html.body().contains("<html lang=\"ja\">"));
        assertTrue(html.body().contains("href=\"/claim/"), "each claim links to its page");
    }

    @Test
    void everyPageHasTheSearchBox() {
        for (String p : List.of("/", "/id/dprk", "/timeline", "/?lang=ja")) {
            String body = get(p, "text/html").body();
            assertTrue(body.contains("role=\"search\"") && body.contains("action=\"/search\""), p);
        }
        assertTrue(get("/?lang=ja", "text/html").body().contains("<input type=\"hidden\" name=\"lang\" value=\"ja\">"),
                "a search from a Japanese page stays Japanese");
    }

    @Test
    void badInputIsAClear400AndLongQueriesAreRefusedNotSearched() {
        HttpResponse<String> longQ = get("/search?format=json&q=" + "a".repeat(5000), null);
        assertEquals(400, longQ.statusCode());
        assertTrue(longQ.body().contains("at most 200"), longQ.body());
        assertEquals(400, get("/search?q=" + "a".repeat(5000), "text/html").statusCode());
        assertEquals(400, get("/search?format=json", null).statusCode());
        assertEquals(400, get("/search?format=xml&q=x", null).statusCode());
        // Lucene syntax is not syntax here: these are words, not operators, and nothing fails.
        for (String q : List.of("\"unclosed", "a* OR b~2", "(((", "field:x", "/[a-z]+/", "AND OR NOT", "\u0000"))
            assertEquals(200, get("/search?format=json&q=" + enc(q), null).statusCode(), q);
    }
}
