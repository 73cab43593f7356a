package org.newpathkg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

/**
 * The SPARQL 1.1 Protocol behaviours that the W3C protocol tests check (their names in the test
 * names' comments), against the query endpoint over the tiny fixture project. The fixture's claim
 * graphs: {@code c1} (4 triples), {@code c2} (DPRK allied with Russia), {@code c3} (China signatory).
 */
class ProtocolIT {
    static final String C = "https://w3id.org/newpath-kg/claim/";
    static final String P = "PREFIX np: <https://w3id.org/newpath-kg/id/> PREFIX npo: <https://w3id.org/newpath-kg/ontology#> ";
    static KnowledgeGraph kg;
    static FusekiServer server;
    static String sparql;

    @BeforeAll
    static void start() {
        kg = Pipeline.load(SourceTree.directory(Fixtures.good()), null);
        server = NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build()).start();
        sparql = "http://127.0.0.1:" + server.getHttpPort() + "/newpath/sparql";
    }

    @AfterAll
    static void stop() {
        server.stop();
        kg.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Sends on a new connection each time: after an error answer to a request whose body it did
     * not read, Jetty may close the connection, and a pooled client would reuse it and fail.
     */
    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HttpClient.newHttpClient().send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String params, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sparql + "?" + params)).GET();
        if (accept != null)
            b.header("Accept", accept);
        return send(b);
    }

    static HttpResponse<String> post(String url, String contentType, byte[] body, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null)
            b.header("Content-Type", contentType);
        if (accept != null)
            b.header("Accept", accept);
        return send(b);
    }

    static HttpResponse<String> postForm(String form, String accept) {
        return post(sparql, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), accept);
    }

    static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    /** The rows of a CSV/TSV/JSON answer, as comparable keys, sorted. */
    static List<String> rows(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Interop.sorted(Interop.keys(Interop.json(r.body())));
    }

    static void assertClientError(HttpResponse<String> r, int expected, String what) {
        assertEquals(expected, r.statusCode(), what + ": " + r.body());
    }

    static final String ALLIED = P + "ASK { np:dprk npo:alliedWith np:russia }";
    static final String ALL_TRIPLES = "SELECT ?s ?p ?o { ?s ?p ?o }";
    static final String JSON = "application/sparql-results+json";

    // query_get
    @Test
    void queryByGetIsAnswered() {
        HttpResponse<String> r = get("query=" + enc(ALLIED), JSON);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith(JSON), contentType(r));
        assertTrue(r.body().contains("true"), r.body());
    }

    // query_post_form
    @Test
    void queryByPostFormIsAnswered() {
        HttpResponse<String> r = postForm("query=" + enc(ALLIED), JSON);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("true"), r.body());
    }

    // query_post_direct
    @Test
    void queryByPostDirectIsAnswered() {
        for (String type : List.of("application/sparql-query", "application/sparql-query; charset=UTF-8")) {
            HttpResponse<String> r = post(sparql, type, ALLIED.getBytes(StandardCharsets.UTF_8), JSON);
            assertEquals(200, r.statusCode(), type + ": " + r.body());
            assertTrue(r.body().contains("true"), r.body());
        }
    }

    // query_dataset_default_graphs_get, query_dataset_default_graphs_post
    @Test
    void defaultGraphUrisMakeTheDefaultGraphTheMergeOfThoseGraphs() {
        String params = "query=" + enc(ALL_TRIPLES) + "&default-graph-uri=" + enc(C + "c2") + "&default-graph-uri=" + enc(C + "c3");
        List<String> expected = List.of(
                "<https://w3id.org/newpath-kg/id/china>\t<https://w3id.org/newpath-kg/ontology#signatory>\t<https://w3id.org/newpath-kg/id/dprk>",
                "<https://w3id.org/newpath-kg/id/dprk>\t<https://w3id.org/newpath-kg/ontology#alliedWith>\t<https://w3id.org/newpath-kg/id/russia>");
        assertEquals(expected, rows(get(params, JSON)), "GET");
        assertEquals(expected, rows(postForm(params, JSON)), "POST form");
        String url = sparql + "?default-graph-uri=" + enc(C + "c2") + "&default-graph-uri=" + enc(C + "c3");
        assertEquals(expected, rows(post(url, "application/sparql-query", ALL_TRIPLES.getBytes(StandardCharsets.UTF_8), JSON)),
                "POST direct, dataset in the URL");
    }

    // query_dataset_named_graphs_get, query_dataset_named_graphs_post
    @Test
    void namedGraphUrisAreTheOnlyGraphsGraphSees() {
        String q = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }";
        String params = "query=" + enc(q) + "&named-graph-uri=" + enc(C + "c1") + "&named-graph-uri=" + enc(C + "c2");
        List<String> expected = List.of("<" + C + "c1>", "<" + C + "c2>");
        assertEquals(expected, rows(get(params, JSON)), "GET");
        assertEquals(expected, rows(postForm(params, JSON)), "POST form");
        // With only named graphs given, the default graph is empty (SPARQL 1.1 Protocol 2.1.4).
        assertEquals(List.of(), rows(get("query=" + enc(ALL_TRIPLES) + "&named-graph-uri=" + enc(C + "c1"), JSON)));
    }

    // query_dataset_full
    @Test
    void defaultAndNamedGraphUrisTogetherDescribeTheWholeDataset() {
        String q = "SELECT ?g ?p { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";
        String params = "query=" + enc(q) + "&default-graph-uri=" + enc(C + "c3") + "&named-graph-uri=" + enc(C + "c2");
        assertEquals(List.of("\t<https://w3id.org/newpath-kg/ontology#signatory>",
                "<" + C + "c2>\t<https://w3id.org/newpath-kg/ontology#alliedWith>"), rows(get(params, JSON)));
    }

    // query_multiple_dataset
    @Test
    void protocolDatasetOverridesFromInTheQuery() {
        String q = "SELECT ?p FROM <" + C + "c1> { ?s ?p ?o }";
        assertEquals(4, rows(get("query=" + enc(q), JSON)).size(), "FROM alone selects c1's four triples");
        assertEquals(List.of("<https://w3id.org/newpath-kg/ontology#alliedWith>"),
                rows(get("query=" + enc(q) + "&default-graph-uri=" + enc(C + "c2"), JSON)), "default-graph-uri wins over FROM");
    }

    // query_content_type_select, query_content_type_ask
    @Test
    void selectAndAskResultsFollowTheAcceptHeader() {
        String select = "SELECT ?o { <https://w3id.org/newpath-kg/id/dprk> <https://w3id.org/newpath-kg/ontology#alliedWith> ?o }";
        for (String type : List.of(JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values")) {
            HttpResponse<String> r = get("query=" + enc(select), type);
            assertEquals(200, r.statusCode(), type);
            assertTrue(contentType(r).startsWith(type), type + " gave " + contentType(r));
            assertTrue(r.body().contains("id/russia"), type + ": " + r.body());
            HttpResponse<String> a = get("query=" + enc(ALLIED), type);
            assertEquals(200, a.statusCode(), type);
            assertTrue(a.body().contains("true"), "ASK as " + type + ": " + a.body());
        }
        HttpResponse<String> xml = get("query=" + enc(select), "application/sparql-results+xml");
        assertEquals(List.of("<https://w3id.org/newpath-kg/id/russia>"),
                Interop.keys(Interop.rows(xml.body(), ResultSetLang.RS_XML)));
        HttpResponse<String> pref = get("query=" + enc(select), "application/sparql-results+xml;q=0.5, application/sparql-results+json;q=0.9");
        assertTrue(contentType(pref).startsWith(JSON), "the higher q wins: " + contentType(pref));
    }

    // query_content_type_construct, query_content_type_describe
    @Test
    void constructAndDescribeResultsFollowTheAcceptHeader() {
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + C + "c2> { ?s ?p ?o } }";
        String describe = "DESCRIBE <https://w3id.org/newpath-kg/id/russia>";
        for (String type : List.of("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")) {
            for (String q : List.of(construct, describe)) {
                HttpResponse<String> r = get("query=" + enc(q), type);
                assertEquals(200, r.statusCode(), type);
                assertTrue(contentType(r).startsWith(type), q + " as " + type + " gave " + contentType(r));
                assertTrue(r.body().contains("russia"), r.body());
            }
        }
    }

    // bad_query_method
    @Test
    void queryWithAnotherMethodThanGetOrPostIsRefused() {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(sparql + "?query=" + enc(ALLIED)))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertClientError(r, 405, method);
        }
    }

    // bad_multiple_queries
    @Test
    void twoQueryParametersAreABadRequest() {
        assertClientError(get("query=" + enc("ASK {}") + "&query=" + enc("SELECT * {}"), null), 400, "GET");
        assertClientError(postForm("query=" + enc("ASK {}") + "&query=" + enc("SELECT * {}"), null), 400, "POST form");
    }

    // bad_query_wrong_media_type
    @Test
    void postWithAnUnsupportedMediaTypeIsRefusedWith415() {
        HttpResponse<String> r = post(sparql, "text/plain", "ASK {}".getBytes(StandardCharsets.UTF_8), null);
        assertClientError(r, 415, "text/plain");
        assertTrue(r.body().contains("text/plain"), "names the media type: " + r.body());
    }

    // bad_query_missing_form_type, bad_query_missing_direct_type
    @Test
    void postWithoutAMediaTypeIsABadRequest() {
        assertClientError(post(sparql, null, ("query=" + enc("ASK {}")).getBytes(StandardCharsets.UTF_8), null), 400, "form body");
        assertClientError(post(sparql, null, "ASK {}".getBytes(StandardCharsets.UTF_8), null), 400, "query body");
    }

    // bad_query_non_utf8
    @Test
    void directPostInUtf16IsABadRequest() {
        HttpResponse<String> r = post(sparql, "application/sparql-query; charset=UTF-16",
                "ASK {}".getBytes(StandardCharsets.UTF_16), null);
        assertClientError(r, 400, "UTF-16 body");
    }

    // bad_query_syntax
    @Test
    void malformedQueryIsABadRequestNamingTheLine() {
        HttpResponse<String> r = get("query=" + enc("ASK { ?s ?p }"), JSON);
        assertClientError(r, 400, "syntax error");
        assertTrue(r.body().contains("line 1"), r.body());
    }

    // bad_update_get, and update sent to the query endpoint
    @Test
    void updateIsRefusedOnTheQueryEndpoint() {
        String update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }";
        assertClientError(get("update=" + enc(update), null), 400, "GET update=");
        assertClientError(postForm("update=" + enc(update), null), 400, "POST form update=");
        assertClientError(post(sparql, "application/sparql-update", update.getBytes(StandardCharsets.UTF_8), null), 415,
                "POST application/sparql-update");
        assertEquals(List.of(), rows(get("query=" + enc("SELECT ?s { GRAPH <urn:x:g> { ?s ?p ?o } }"), JSON)), "nothing was written");
    }

    // The service description (SPARQL 1.1 Service Description), at the endpoint URL.
    @Test
    void serviceDescriptionListsResultFormatsAndFeatures() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(sparql)).header("Accept", "text/turtle").GET());
        assertEquals(200, r.statusCode());
        for (String s : List.of("sd:SPARQL11Query", "formats:SPARQL_Results_JSON", "formats:SPARQL_Results_XML",
                "formats:SPARQL_Results_CSV", "formats:SPARQL_Results_TSV", "formats:Turtle", "formats:N-Triples",
                "formats:RDF_XML", "formats:JSON-LD", "sd:UnionDefaultGraph", "text:query"))
            assertTrue(r.body().contains(s), s + " missing from\n" + r.body());
        assertTrue(!r.body().contains("BasicFederatedQuery"), "SERVICE is off without --allow-service:\n" + r.body());
    }
}
