package org.newpathkg.web;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

/** The pages over HTTP on a real server (port 0) over the fixture project with hostile literals and a hub of thousands of links. */
class WebIT {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final ServedGraph graph = ServedGraph.temporary(() -> WebFixture.create(Files.createTempDirectory("newpath-web")));
    static String base;

    @BeforeAll
    static void start() {
        ServerConfig config = ServerConfig.builder().baseUrl("https://example.org/kg/").limits(Limits.builder().oneTrustedClient().build()).build();
        base = ServedGraph.base(graph.start(config, new WebModule(graph.kg().dataset(), config.baseUrl())));
    }

    /** A GET of {@code path} on the test server with {@code accept} (null: none), the body as UTF-8 text. */
    static HttpResponse<String> getFrom(String base, String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (accept != null)
            b.header("Accept", accept);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    static HttpResponse<String> get(String path, String accept) {
        return getFrom(base, path, accept);
    }

    static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void resourceComesInEachFormatByAcceptHeader() {
        for (String[] f : new String[][] {
                {"text/html", "<h1"}, {"text/turtle", "npo:alliedWith"}, {"application/ld+json", "\"@context\""},
                {"application/n-triples", "<https://w3id.org/newpath-kg/id/dprk> <https://w3id.org/newpath-kg/ontology#alliedWith>"},
                {"application/trig", "npc:c2"}, {"application/n-quads", "<https://w3id.org/newpath-kg/claim/c2> ."}}) {
            HttpResponse<String> r = get("/id/dprk", f[0]);
            assertEquals(200, r.statusCode(), f[0]);
            assertTrue(type(r).startsWith(f[0]), f[0] + " got " + type(r));
            assertTrue(r.body().contains(f[1]), f[0] + ": " + r.body());
            assertTrue(r.headers().firstValue("Vary").orElse("").contains("Accept"), f[0]);
        }
    }

    @Test
    void browserAcceptHeaderGetsHtmlAndFormatParameterOverridesAccept() {
        HttpResponse<String> html = get("/id/dprk", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertTrue(type(html).startsWith("text/html"), type(html));
        HttpResponse<String> ttl = get("/id/dprk?format=ttl", "text/html");
        assertTrue(type(ttl).startsWith("text/turtle"), type(ttl));
        HttpResponse<String> nt = get("/id/dprk?format=nt", null);
        assertTrue(type(nt).startsWith("application/n-triples"), type(nt));
        assertTrue(type(get("/id/dprk", "text/turtle;q=0.5, application/ld+json")).startsWith("application/ld+json"));
        assertEquals(406, get("/id/dprk", "image/png").statusCode());
        assertEquals(400, get("/id/dprk?format=docx", null).statusCode());
    }

    @Test
    void unknownResourcesAre404NeverAnEmptyPage() {
        for (String p : List.of("/id/no-such-thing", "/claim/c404", "/note/99", "/work/none", "/essay/none", "/graph/none", "/id/", "/nothing/here")) {
            HttpResponse<String> html = get(p, "text/html");
            assertEquals(404, html.statusCode(), p);
            HttpResponse<String> ttl = get(p + "?format=ttl", null);
            assertEquals(404, ttl.statusCode(), p + " as Turtle");
        }
    }

    @Test
    void claimIncludesItsHashIrisAndItsOwnGraph() {
        String trig = get("/claim/c1?format=trig", null).body();
        assertTrue(trig.contains("oa:exact") && trig.contains("北朝鮮は国防力強化を進めた。"), trig);
        assertTrue(trig.contains("c1#quote"), trig);
        assertTrue(Pattern.compile("npc:c1\\s*\\{[^}]*npo:datePrecision", Pattern.DOTALL).matcher(trig).find(), "claim graph kept: " + trig);
        String html = get("/claim/c1", null).body();
        assertTrue(html.contains("id=\"quote\""), "the #quote fragment lands on the passage");
        assertTrue(html.contains("<mark>北朝鮮は国防力強化を進めた。</mark>"), html);
        assertTrue(html.contains("href=\"/note/1\""), "notes link to their pages");
    }

    @Test
    void everyLiteralIsEscaped() {
        for (String p : List.of("/id/evil", "/id/evil?lang=ja", "/claim/c9", "/id/evil-summit", "/timeline", "/timeline?actor=/id/evil", "/id/russia", "/")) {
            String body = get(p, "text/html").body();
            assertFalse(body.contains("<script>alert"), p + " runs a script from the data");
            assertFalse(body.contains("<img src=x"), p + " inserts markup from the data");
            assertFalse(body.contains("<b>悪</b>"), p);
            // Only http(s) IRIs become links: a javascript: or data: IRI in the data is shown as text.
            assertFalse(Pattern.compile("(href|src)=\"\\s*(javascript|data):", Pattern.CASE_INSENSITIVE).matcher(body).find(), p + " links a javascript:/data: IRI");
        }
        String evil = get("/id/evil", null).body();
        // jte escapes by context: in text <, > and & suffice; inside an attribute value quotes are escaped too.
        assertTrue(evil.contains(">&lt;script&gt;alert('label')&lt;/script&gt; Evil &amp; Co</h1>"), evil);
        assertTrue(evil.contains(">javascript:alert('iri')</span>"), "the javascript: IRI is on the page, as text: " + evil);
        String claim = get("/claim/c9", null).body();
        assertTrue(claim.contains("&lt;img src=x onerror=alert(1)&gt;悪"), claim);
        assertTrue(claim.contains("Evil said \"&lt;script&gt;alert('gloss')&lt;/script&gt;\" &amp; left."), claim);
        String tl = get("/timeline?actor=/id/evil", null).body();
        Matcher label = Pattern.compile("aria-label=\"([^\"]*)\"").matcher(tl.substring(tl.indexOf("<svg")));
        assertTrue(label.find(), tl);
        assertTrue(label.group(1).contains("&lt;script>alert(&#39;label&#39;)&lt;/script> Evil &amp; Co"), label.group(1));
        assertEquals("nosniff", get("/id/evil", null).headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void thousandsOfLinksArePaged() {
        HttpResponse<String> p0 = get("/id/hub", null);
        assertEquals(200, p0.statusCode());
        int rows0 = count(p0.body(), "href=\"/id/spoke-");
        assertTrue(rows0 > 0 && rows0 <= 2 * ResourcePage.PAGE, "rows on page 0: " + rows0);
        assertTrue(p0.body().contains("rel=\"next\" href=\"/id/hub?page=1\""), "a next link");
        String p1 = get("/id/hub?page=1", null).body();
        assertTrue(p1.contains("rel=\"prev\""), "a previous link");
        assertTrue(count(p1, "href=\"/id/spoke-") > 0);
        HttpResponse<String> nt = get("/id/hub?format=nt", null);
        long triples = nt.body().lines().count();
        assertTrue(triples <= 4L * Describe.LIMIT, "bounded: " + triples);
        assertTrue(nt.headers().firstValue("Link").orElse("").contains("page=1>; rel=\"next\""), nt.headers().map().toString());
        HttpResponse<String> last = get("/id/hub?page=1000", null);
        assertEquals(200, last.statusCode());
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1))
            n++;
        return n;
    }

    @Test
    void voidAndServiceDescriptionListGraphsPrefixesFormatsAndTextSearch() {
        HttpResponse<String> v = get("/.well-known/void", null);
        assertEquals(200, v.statusCode());
        assertTrue(type(v).startsWith("text/turtle"), type(v));
        assertTrue(Pattern.compile("void:sparqlEndpoint\\s+<https://example.org/kg/newpath/sparql>").matcher(v.body()).find(), v.body());
        for (String s : List.of("void:uriSpace", "sh:declare", "sh:prefix",
                "\"npo\"", "https://w3id.org/newpath-kg/graph/entities", "https://w3id.org/newpath-kg/claim/c1", "formats:Turtle",
                "text:query", "void:triples"))
            assertTrue(v.body().contains(s), s + " missing from VoID:\n" + v.body());
        assertTrue(type(get("/.well-known/void", "application/ld+json")).startsWith("application/ld+json"));
        String sd = get("/newpath/sparql", "text/turtle").body();
        assertTrue(sd.contains("sh:declare") && sd.contains("sh:namespace"), sd);
    }

    @Test
    void fusekiPathsStillWorkAndPagesAreReadOnly() {
        HttpResponse<String> q = get("/newpath/sparql?query=" + java.net.URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8),
                "application/sparql-results+json");
        assertEquals(200, q.statusCode());
        assertTrue(q.body().contains("true"));
        assertEquals(200, get("/$/ping", null).statusCode());
        assertEquals(200, get("/$/stats", null).statusCode());
        for (String p : List.of("/id/dprk", "/", "/ui")) {
            try {
                HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(base + p))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, post.statusCode(), p);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void homeTimelineUiAndExamplesRender() {
        String home = get("/", null).body();
        assertTrue(home.contains("href=\"/id/dprk\""), "a state entry point");
        assertTrue(home.contains("href=\"/.well-known/void\"") && home.contains("href=\"/newpath/sparql\""));
        assertTrue(home.contains("/ui?example=00-overview"));
        String tl = get("/timeline", null).body();
        assertTrue(tl.contains("<svg class=\"timeline\""), tl);
        Matcher m = Pattern.compile("<a href=\"/id/evil-summit\">").matcher(tl);
        assertTrue(m.find(), "the event is drawn and linked");
        assertTrue(get("/timeline?actor=/id/russia", null).body().contains("No dated events."));
        String ui = get("/ui?example=01-dprk-treaties", null).body();
        assertTrue(ui.contains("<script src=\"/static/ui/editor.js\" defer></script>"), "the query editor (EditorBrowserIT tests it): " + ui);
        HttpResponse<String> rq = get("/queries/01-dprk-treaties.rq", null);
        assertEquals(200, rq.statusCode());
        assertTrue(rq.body().startsWith("# Question:"));
        assertEquals(404, get("/queries/nope.rq", null).statusCode());
        assertEquals(404, get("/static/../page.html", null).statusCode());
    }

    @Test
    void languageSwitchShowsJapaneseLabelsAndTexts() {
        String ja = get("/id/dprk?lang=ja", null).body();
        assertTrue(ja.contains("<html lang=\"ja\">"));
        assertTrue(ja.contains(">北朝鮮</h1>"), ja);
        assertTrue(ja.contains("lang=\"en\">North Korea</p>"), ja);
        String en = get("/id/dprk", null).body();
        assertTrue(en.contains(">North Korea</h1>"), en);
        assertTrue(get("/id/dprk", null, "ja,en;q=0.5").body().contains(">北朝鮮</h1>"));
    }

    static HttpResponse<String> get(String path, String accept, String acceptLanguage) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", acceptLanguage).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClaimShowsTheArgumentAroundItAsAPictureAndArgumentNodesArePages() {
        String c2 = get("/claim/c2", null).body();
        String arg = c2.substring(c2.indexOf("<section class=\"argument\""), c2.indexOf("</section>", c2.indexOf("<section class=\"argument\"")));
        assertTrue(arg.contains("<svg class=\"argument\""), arg);
        assertTrue(arg.contains("<a href=\"/claim/c1\">") && arg.contains("<a href=\"/claim/c3\">"), "ground and conflict boxes link their claims: " + arg);
        assertTrue(arg.contains("だからこそ"), "the connective labels the arrow");
        assertTrue(arg.contains("class=\"edge conflict\""), "the conflict is drawn apart");
        assertEquals(1, count(arg, "href=\"/argument/c2-ground-1\""), "the link and its shortcuts are one ground, shown once: " + arg);
        // Each claim is listed with its own link node, never another link's (a shortcut row names no link).
        String[] items = arg.substring(arg.indexOf("</svg>")).split("<li>");
        assertEquals(3, items.length, "two list items, the ground and the conflict: " + arg);
        for (String li : items)
            if (li.contains("href=\"/claim/c1\""))
                assertTrue(li.contains("/argument/c2-ground-1") && !li.contains("/argument/c2-contrast-1"), li);
            else if (li.contains("href=\"/claim/c3\""))
                assertTrue(li.contains("/argument/c2-contrast-1") && !li.contains("/argument/c2-ground-1") && li.contains("encoder"), li);
        HttpResponse<String> node = get("/argument/c2-ground-1", null);
        assertEquals(200, node.statusCode());
        assertTrue(node.body().contains("<svg class=\"argument\"") && node.body().contains("href=\"/claim/c2\""), node.body());
        assertEquals(404, get("/argument/none", null).statusCode());
    }

    @Test
    void aClaimPageIsTitledByItsGlossWithProvenanceFirstAndItsNoteCitationResolves() {
        String c1 = get("/claim/c1", null).body();
        assertTrue(c1.contains("<h1 lang=\"en\" class=\"claim-title\">North Korea pursued a defence build-up despite sanctions.</h1>"), c1);
        assertTrue(c1.indexOf("id=\"h-prov\"") < c1.indexOf("id=\"h-st\""), "provenance before the statements");
        assertTrue(c1.contains(">" + new Messages("en").get("commitment") + "</dt>") && c1.contains("進めた"), "the commitment and its cue");
        // <claim#cite-1>, the NoteCitation, lands on the note's reference.
        assertTrue(c1.contains("<li id=\"cite-1\">"), c1);
        assertTrue(c1.contains(new Messages("en").get("argument.withoutGrounds")), "a claim the essay gives no grounds for says so");
        String c3 = get("/claim/c3", null).body();
        assertTrue(c3.contains(">" + new Messages("en").get("ledger") + "</dt>") && c3.contains("China keeps defending its position."), c3);
        assertTrue(c3.contains("<span>2025-07</span>"), "the ledger's date at its precision (a month): " + c3);
        assertEquals("/claim/c1#cite-1", new Site(null).pathFor("https://w3id.org/newpath-kg/claim/c1#cite-1"));
    }

    @Test
    void inferredTriplesAreFoldedUnderTheAssertedOnes() {
        String china = get("/id/china", null).body();
        String st = china.substring(china.indexOf("id=\"h-st\""), china.indexOf("id=\"h-in\""));
        assertEquals(1, count(st, "<th scope=\"row\"><a href=\"/ontology#signatory\""), st);
        assertEquals(0, count(st, "<th scope=\"row\"><a href=\"/ontology#party\""), "npo:party (inferred from npo:signatory) is not a row of its own: " + st);
        assertTrue(st.contains("href=\"/ontology#party\""), "but shown folded under npo:signatory");
        assertEquals(1, count(st, ">rdf:type</a>"), "one rdf:type row, the asserted type; the inferred super-classes are in the header");
    }

    @Test
    void pagesCarryTheSecurityHeadersAndHaveNoInlineScriptStyleOrHandlers() {
        for (String p : List.of("/", "/id/dprk", "/claim/c1", "/claim/c2", "/note/1", "/timeline", "/ontology", "/id/nothing", "/argument/c2-ground-1",
                "/static/site.css", "/.well-known/void")) {
            HttpResponse<String> r = get(p, null);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("base-uri 'none'") && !csp.contains("unsafe-inline"), p + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), p);
            assertEquals("strict-origin-when-cross-origin", r.headers().firstValue("Referrer-Policy").orElse(""), p);
            String body = r.body();
            assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(body).find(), p + ": inline script");
            assertFalse(Pattern.compile("<style|\\sstyle=\"", Pattern.CASE_INSENSITIVE).matcher(body).find(), p + ": inline style");
            assertFalse(Pattern.compile("<[^>]+\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(body).find(), p + ": an event handler attribute");
        }
    }

    static HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2)
            b.header(headers[i], headers[i + 1]);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    static String gunzip(byte[] body) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void responsesAreGzippedWhenTheClientAsksAndOnlyThen() throws IOException {
        String query = "/newpath/sparql?query=" + java.net.URLEncoder.encode("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200", StandardCharsets.UTF_8);
        for (String[] c : new String[][] {{"/", "text/html", "newpath-kg"}, {"/id/dprk", "text/html", "<h1"},
                {"/static/site.css", "text/css", "{"}, {"/static/ui/yasgui.min.js", "text/javascript", "function"},
                {"/id/dprk", "text/turtle", "npo:alliedWith"}, {"/sitemap.xml", "application/xml", "<urlset"},
                {query, "application/sparql-results+json", "\"bindings\""}}) {
            HttpResponse<byte[]> plain = getBytes(c[0], "Accept", c[1]);
            assertEquals(200, plain.statusCode(), c[0]);
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), c[0] + " not compressed unasked");
            String text = new String(plain.body(), StandardCharsets.UTF_8);
            assertTrue(text.contains(c[2]), c[0] + ": " + text.substring(0, Math.min(300, text.length())));

            HttpResponse<byte[]> gz = getBytes(c[0], "Accept", c[1], "Accept-Encoding", "gzip, deflate");
            assertEquals(200, gz.statusCode(), c[0]);
            assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""), c[0] + " compressed when asked");
            assertTrue(gz.headers().firstValue("Content-Type").orElse("").startsWith(c[1]), c[0]);
            assertTrue(String.join(",", gz.headers().allValues("Vary")).contains("Accept-Encoding"), c[0] + ": " + gz.headers().allValues("Vary"));
            assertTrue(gz.body().length < plain.body().length, c[0] + " smaller");
            assertEquals(text, gunzip(gz.body()), c[0] + ": the same content");
        }
        // The page's own Vary is kept beside the compression's.
        String vary = String.join(",", getBytes("/id/dprk", "Accept-Encoding", "gzip").headers().allValues("Vary"));
        assertTrue(vary.contains("Accept-Language") && vary.contains("Accept-Encoding"), vary);
        // Already compressed or tiny answers go out as they are.
        assertTrue(getBytes("/static/favicon.svg", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding").isEmpty(), "under the minimum size");
    }

    @Test
    void robotsWelcomeThePagesAndPointAtTheSitemap() {
        HttpResponse<String> r = get("/robots.txt", null);
        assertEquals(200, r.statusCode());
        assertTrue(type(r).startsWith("text/plain"), type(r));
        assertTrue(r.body().contains("User-agent: *") && r.body().contains("Allow: /"), r.body());
        assertTrue(r.body().contains("Disallow: /newpath/"), "crawlers do not run queries: " + r.body());
        assertTrue(r.body().contains("Sitemap: https://example.org/kg/sitemap.xml"), "absolute, on the public base: " + r.body());
    }

    @Test
    void sitemapListsEveryPageOnceAndEachAnswers() {
        HttpResponse<String> r = get("/sitemap.xml", null);
        assertEquals(200, r.statusCode());
        assertTrue(type(r).startsWith("application/xml"), type(r));
        assertTrue(r.body().startsWith("<?xml") && r.body().contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), r.body());
        Matcher m = Pattern.compile("<loc>https://example\\.org/kg/([^<]*)</loc>").matcher(r.body());
        List<String> paths = new java.util.ArrayList<>();
        while (m.find())
            paths.add("/" + m.group(1));
        assertEquals(paths.size(), new java.util.HashSet<>(paths).size(), "each page once");
        assertEquals(r.body().split("<loc>").length - 1, paths.size(), "every URL on the public base");
        for (String p : List.of("/", "/timeline", "/id/dprk", "/claim/c1", "/id/hub", "/id/spoke-2999", "/ontology"))
            assertTrue(paths.contains(p), p + " listed");
        assertFalse(paths.stream().anyMatch(p -> p.contains("#")), "no fragments: a hash IRI is part of its page");
        assertTrue(paths.size() > WebFixture.SPOKES, "the hub's spokes too: " + paths.size());
        // Every listed page answers (a sample across the list, the fixture has thousands).
        for (int i = 0; i < paths.size(); i += Math.max(1, paths.size() / 60))
            assertEquals(200, get(paths.get(i), "text/html").statusCode(), paths.get(i));
    }

    @Test
    void everyLinkToAFragmentOfAPageLandsOnAnAnchor() {
        java.util.Map<String, String> pages = new java.util.HashMap<>();
        java.util.function.Function<String, String> page = p -> pages.computeIfAbsent(p, x -> get(x, "text/html").body());
        Pattern href = Pattern.compile("href=\"(/(?:claim|id|note|essay|argument|graph|work)/[^\"#?]+)(?:\\?[^\"#]*)?#([^\"]+)\"");
        List<String> missing = new java.util.ArrayList<>();
        int checked = 0;
        for (String from : List.of("/", "/id/dprk", "/claim/c1", "/claim/c2", "/claim/c3", "/essay/section-1", "/note/1", "/timeline")) {
            Matcher m = href.matcher(page.apply(from));
            while (m.find()) {
                checked++;
                if (!page.apply(m.group(1)).contains("id=\"" + m.group(2) + "\""))
                    missing.add(from + " -> " + m.group(1) + "#" + m.group(2));
            }
        }
        assertTrue(checked > 0, "links to fragments were found");
        assertEquals(List.of(), missing, "links to an anchor the page does not have");
        assertTrue(page.apply("/claim/c1").contains("id=\"target\""), "a claim's #target (its oa:hasTarget) lands on the passage");
    }

    @Test
    void aJapaneseClaimPageIsTitledByItsPassageAndAnEnglishOneByItsGloss() {
        String ja = get("/claim/c1?lang=ja", "text/html").body();
        Matcher h1 = Pattern.compile("<h1 lang=\"([a-z]+)\"[^>]*>([^<]*)</h1>").matcher(ja);
        assertTrue(h1.find(), ja);
        assertEquals("ja", h1.group(1));
        assertEquals("北朝鮮は国防力強化を進めた。", h1.group(2), "the verbatim passage");
        Matcher en = Pattern.compile("<h1 lang=\"([a-z]+)\"").matcher(get("/claim/c1?lang=en", "text/html").body());
        assertTrue(en.find() && en.group(1).equals("en"), "the English page keeps the gloss");
    }

    @Test
    void aSectionReadsInTheEssaysOrderOnRequest() {
        String grouped = get("/essay/section-1", "text/html").body();
        assertTrue(grouped.contains("order=essay"), "a link to the essay's order");
        String ordered = get("/essay/section-1?order=essay", "text/html").body();
        Matcher m = Pattern.compile("<li class=\"claim\">.*?href=\"/claim/(c[0-9]+)\"", Pattern.DOTALL).matcher(ordered);
        List<String> order = new java.util.ArrayList<>();
        while (m.find())
            order.add(m.group(1));
        assertTrue(order.size() >= 2, ordered);
        List<String> sorted = new java.util.ArrayList<>(order);
        sorted.sort(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.substring(1))));
        assertEquals(sorted, order, "claims in their ordinal order (the fixture numbers them so)");
    }

    @Test
    void theTimelineCountsAndListsItsUndatedEvents() {
        String html = get("/timeline", "text/html").body();
        if (html.contains("href=\"#undated\""))
            assertTrue(html.contains("id=\"undated\""), "the count links to the list");
        String labels = get("/id/dprk", "text/html").body();
        assertFalse(labels.contains("(2019-02-28) (2019-02-28)"), "no date twice");
    }
}
