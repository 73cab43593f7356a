package org.newpathkg.web;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

/**
 * The one lookup's faces over HTTP on a real server (port 0) over the real essay: the search page
 * and its JSON in both languages, and the reconciliation service as OpenRefine calls it (manifest,
 * a form-encoded batch with types, limits and properties, preview, suggest), its answers validated
 * against JSON schemas written from the Reconciliation API 0.2 ({@code reconciliation/*.json}).
 * No reconciliation client installs here (OpenRefine is not on Maven Central or npm), so the
 * requests are the ones OpenRefine sends, written out.
 */
class LookupIT {
    static final String NP = "https://w3id.org/newpath-kg/id/";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();
    static String base;

    @BeforeAll
    static void start() {
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build();
        base = ServedGraph.base(graph.start(config, new WebModule(graph.kg().dataset(), config.baseUrl())));
    }

    static HttpResponse<String> get(String path, String accept) {
        return WebIT.getFrom(base, path, accept);
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

    static HttpResponse<String> postForm(String path, String form) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return CLIENT.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** {@code body} checked against the schema {@code reconciliation/name}; returns it parsed. */
    static JsonObject valid(String schema, HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), "CORS, for OpenRefine's browser side");
        try (var in = LookupIT.class.getResourceAsStream("reconciliation/" + schema)) {
            var s = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_7)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            var errors = s.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()));
            assertTrue(errors.isEmpty(), schema + ": " + errors + " in " + r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return JSON.parse(r.body());
    }

    static JsonObject reconcile(String queries) {
        return valid("result-batch.json", postForm("/reconcile", "queries=" + enc(queries)));
    }

    static JsonObject first(JsonObject batch, String key) {
        return batch.get(key).getAsObject().get("result").getAsArray().get(0).getAsObject();
    }

    @Test
    void manifestSaysWhereEverythingIs() {
        JsonObject m = valid("manifest.json", get("/reconcile", null));
        assertEquals(NP, m.getString("identifierSpace"));
        assertEquals("https://w3id.org/newpath-kg/ontology#", m.getString("schemaSpace"));
        assertEquals(base + "/id/{{id}}", m.get("view").getAsObject().getString("url"));
        String preview = m.get("preview").getAsObject().getString("url").replace("{{id}}", "kim-jong-un");
        assertEquals(200, get(preview.substring(base.length()), null).statusCode());
        assertTrue(m.get("defaultTypes").toString().contains("https://w3id.org/newpath-kg/ontology#Person"));
        JsonObject entity = m.get("suggest").getAsObject().get("entity").getAsObject();
        assertEquals(base + "/reconcile", entity.getString("service_url"));
        assertEquals("/suggest/entity", entity.getString("service_path"));
    }

    @Test
    void aBatchWithTypesMatchesRomanisationsAndScripts() {
        // The shape of the specification's example batch: keys q0, q1 …, a query, a type, a limit.
        JsonObject out = reconcile("""
                {"q0": {"query": "Kim Jong-un", "type": "https://w3id.org/newpath-kg/ontology#Person", "limit": 3},
                 "q1": {"query": "金正恩", "type": ["npo:Person", "npo:State"], "type_strict": "any"},
                 "q2": {"query": "Kim Jongun"},
                 "q3": {"query": "Kim Jong Un", "type": "State"},
                 "q4": {"query": "Russia", "type": "npo:State", "limit": 1}}""");
        for (String q : List.of("q0", "q1", "q2")) {
            JsonObject c = first(out, q);
            assertEquals("kim-jong-un", c.getString("id"), q);
            assertEquals(100, c.get("score").getAsNumber().value().intValue(), q);
            assertTrue(c.get("match").getAsBoolean().value(), q);
        }
        assertTrue(out.get("q0").getAsObject().get("result").getAsArray().size() <= 3);
        assertTrue(out.get("q3").getAsObject().get("result").getAsArray().isEmpty(), "a person is not a state: " + out.get("q3"));
        assertEquals("russia", first(out, "q4").getString("id"));
        assertEquals(1, out.get("q4").getAsObject().get("result").getAsArray().size());
    }

    @Test
    void propertiesRaiseTheCandidateThatHasThem() {
        // A property value given as another entity's id, as OpenRefine sends a reconciled column.
        JsonObject out = reconcile("""
                {"q0": {"query": "Kim", "type": "npo:Person", "limit": 10,
                        "properties": [{"pid": "http://www.w3.org/2002/07/owl#sameAs", "v": "http://www.wikidata.org/entity/Q56226"}]},
                 "q1": {"query": "Kim", "type": "npo:Person", "limit": 10}}""");
        JsonObject c = first(out, "q0");
        assertEquals("kim-jong-un", c.getString("id"), out.toString());
        double with = c.get("score").getAsNumber().value().doubleValue();
        double without = 0;
        for (JsonValue v : out.get("q1").getAsObject().get("result").getAsArray())
            if (v.getAsObject().getString("id").equals("kim-jong-un"))
                without = v.getAsObject().get("score").getAsNumber().value().doubleValue();
        assertTrue(with > without, with + " vs " + without);
    }

    @Test
    void getWithQueriesAnswersAsPostDoes() {
        JsonObject out = valid("result-batch.json", get("/reconcile?queries=" + enc("{\"a\": {\"query\": \"Trump\"}}"), null));
        assertEquals("donald-trump", first(out, "a").getString("id"));
    }

    @Test
    void suggestAndPreview() {
        JsonObject e = valid("suggest.json", get("/reconcile/suggest/entity?prefix=" + enc("Kim J"), null));
        assertEquals("kim-jong-un", e.get("result").getAsArray().get(0).getAsObject().getString("id"), e.toString());
        JsonObject t = valid("suggest.json", get("/reconcile/suggest/type?prefix=pers", null));
        assertTrue(t.toString().contains("https://w3id.org/newpath-kg/ontology#Person"), t.toString());
        JsonObject p = valid("suggest.json", get("/reconcile/suggest/property?prefix=party", null));
        assertTrue(p.toString().contains("https://w3id.org/newpath-kg/ontology#party"), p.toString());
        HttpResponse<String> preview = get("/reconcile/preview?id=kim-jong-un&lang=ja", null);
        assertEquals(200, preview.statusCode());
        assertTrue(preview.body().contains("金正恩") && preview.body().contains("Kim Jong Un"), preview.body());
        String csp = preview.headers().firstValue("Content-Security-Policy").orElse("");
        assertFalse(csp.contains("frame-ancestors") || preview.headers().firstValue("X-Frame-Options").isPresent(),
                "OpenRefine shows the preview in a frame");
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertEquals(404, get("/reconcile/preview?id=no-such-thing", null).statusCode());
    }

    @Test
    void badBatchesAreA400ThatSaysWhy() {
        for (String bad : List.of("not json", "[1]", "{\"q0\": 5}", "{\"q0\": {}}", "{\"q0\": {\"query\": 5}}",
                "{\"q0\": {\"query\": \"x\", \"type_strict\": \"maybe\"}}", "{\"q0\": {\"query\": \"x\", \"limit\": \"ten\"}}",
                "{\"q0\": {\"query\": \"" + "x".repeat(300) + "\"}}", "{\"q0\": {\"query\": \"x\", \"type\": \"javascript:alert(1)\"}}")) {
            HttpResponse<String> r = postForm("/reconcile", "queries=" + enc(bad));
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(JSON.parse(r.body()).hasKey("error"), r.body());
        }
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 51; i++)
            many.append(i == 0 ? "" : ",").append("\"q").append(i).append("\": {\"query\": \"x\"}");
        assertEquals(400, postForm("/reconcile", "queries=" + enc(many + "}")).statusCode());
        assertEquals(413, postForm("/reconcile", "queries=" + "x".repeat(300_000)).statusCode());
        assertEquals(400, get("/reconcile/preview", null).statusCode());
        assertEquals(400, get("/reconcile/preview?id=" + enc("../../etc"), null).statusCode());
    }

    @Test
    void completionOffersThingsByLocalNameThenByLabel() {
        HttpResponse<String> r = get("/complete?prefix=dp", null);
        assertEquals(200, r.statusCode());
        JsonObject first = JSON.parse(r.body()).get("result").getAsArray().get(0).getAsObject();
        assertEquals(NP + "dprk", first.getString("iri"));
        assertEquals("dprk", first.getString("name"));
        assertEquals("North Korea", first.getString("label"));
        assertEquals("state", first.getString("type"));
        String ja = get("/complete?lang=ja&prefix=kim", null).body();
        assertTrue(ja.contains("\"name\" : \"kim-jong-un\"") || ja.contains("\"name\":\"kim-jong-un\""), ja);
        assertTrue(ja.contains("金正恩"), ja);
        assertEquals(400, get("/complete?prefix=" + "x".repeat(300), null).statusCode());
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
