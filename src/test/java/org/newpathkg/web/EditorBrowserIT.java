package org.newpathkg.web;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.newpathkg.Fixtures;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

/**
 * The query editor (YASGUI at {@code /ui}) in headless Chromium over the real graph, under its
 * Content-Security-Policy: it loads with no console error, autocompletes a prefix and a property
 * from this graph, runs library examples and shows them as a table, a timeline, a graph and a bar
 * chart, follows an IRI to its page, never makes a {@code javascript:} IRI a link, downloads CSV
 * from the endpoint, opens a shared {@code #query=} link, and switches to Japanese. Every network
 * request the browser makes for the editor is recorded and must go to this server.
 * Screenshots of each step go to {@code target/screenshots/editor-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditorBrowserIT {
    static final Path SHOTS = Chromium.SHOTS;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();
    static String base;
    static WebDriver browser;
    static Path downloads;
    static String axe;
    /** Every URL the browser requested while on the editor, and every console message there. */
    static final Set<String> requested = new TreeSet<>();
    static final List<String> console = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        downloads = Files.createTempDirectory("newpath-downloads");
        browser = Chromium.start(downloads);
        axe = Chromium.axe();
        // The editor is one client among others: the endpoint's limits apply, except the request
        // rate, which a test that runs many queries in a row would otherwise trip.
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().ratePerSecond(0).build()).build();
        base = ServedGraph.base(graph.start(config, new WebModule(graph.kg().dataset(), config.baseUrl())));
        // Start from a blank page and drop what the browser logged before (its own start page).
        browser.open("about:blank");
        browser.log("performance");
        browser.log("browser");
    }

    @AfterAll
    static void stop() {
        if (browser != null)
            browser.close();
        if (downloads != null)
            Fixtures.deleteTree(downloads);
    }

    /** Moves the browser's console and network log into {@link #console} and {@link #requested} (keep = false: drop them). */
    static void collect(boolean keep) throws Exception {
        for (JsonObject e : browser.log("browser"))
            if (keep)
                console.add(e.getString("level") + " " + e.getString("message"));
        for (JsonObject e : browser.log("performance")) {
            JsonObject m = JSON.parse(e.getString("message")).getObj("message");
            if (keep && m.getString("method").equals("Network.requestWillBeSent"))
                requested.add(m.getObj("params").getObj("request").getString("url"));
        }
    }

    static void waitFor(String what, BooleanSupplier ok) throws InterruptedException {
        Chromium.waitFor(what, ok);
    }

    static String js(String script) {
        return Chromium.js(browser, script);
    }

    static void openEditor(String pathAndFragment) throws Exception {
        browser.open(base + pathAndFragment);
        waitFor("the editor on " + pathAndFragment, () -> "ready".equals(js("return document.body.getAttribute('data-editor') || ''")));
    }

    /** No serious or critical axe-core finding on the editor as it is now ({@code when} names the moment). */
    static void noAxeFinding(String when) throws Exception {
        List<String> found = Chromium.axeViolations(browser, axe);
        assertEquals(List.of(), found, "axe-core on /ui " + when);
    }

    /** Opens the library example {@code name} from the list, runs it and waits until the view {@code css} is drawn in its results. */
    static void runExample(String name, String css) throws Exception {
        browser.click(browser.find("#example-list button[data-example='" + name + "']", 10));
        waitFor("tab " + name, () -> js("return window.newpathYasgui.getTab().getId()").equals("ex-" + name));
        run();
        waitFor(css + " for " + name, () -> !js("return String(document.querySelectorAll('.tabPanel.active .yasr_results " + css + "').length)").equals("0"));
    }

    /** Runs the active tab's query and waits until Yasr has drawn its answer (not an answer kept from before). */
    static void run() throws Exception {
        js("window.npDrawn = false; window.newpathYasgui.getTab().getYasr().once('drawn', function () { window.npDrawn = true; }); return 'ok'");
        browser.click(browser.find(".tabPanel.active .yasqe_queryButton", 10));
        waitFor("the answer drawn", () -> "true".equals(js("return String(window.npDrawn)")));
    }

    static int count(String css) {
        return Integer.parseInt(js("return String(document.querySelectorAll(\"" + css + "\").length)"));
    }

    @Test
    @Order(1)
    void loadsWithTheLibraryAsTabsAndAutocompletesFromThisGraph() throws Exception {
        openEditor("/ui");
        assertEquals(1, count(".tabsList .tab"), "one tab at start");
        assertTrue(js("return window.newpathYasgui.getTab().getName()").startsWith("00 How big"), "the first example");
        assertTrue(browser.text(browser.find("#question", 5)).contains("how many claims, notes"), "its question is shown");
        // The library as one list by theme, filtered by a search field.
        assertEquals(QueryLibrary.all().size(), count("#example-list button.example"), "every library query listed once");
        assertTrue(count("#example-list section h3") >= 5, "grouped by theme");
        browser.type(browser.find("#example-filter", 5), "shoigu");
        waitFor("the filter", () -> count("#example-list li:not([hidden])") < QueryLibrary.all().size());
        assertEquals(0, count("#example-list li:not([hidden]) button[data-example='00-overview']"), "a query without the word is hidden");
        assertEquals(1, count("#example-list li:not([hidden]) button[data-example='10-shoigu-visit']"), "one with it is shown");
        js("var f = document.getElementById('example-filter'); f.value = ''; f.dispatchEvent(new Event('input')); return 'ok'");
        noAxeFinding("at start");
        // A new tab is empty, not a copy of example 00.
        browser.click(browser.find("#new-tab", 5));
        waitFor("a second tab", () -> count(".tabsList .tab") == 2);
        assertEquals("", js("return window.newpathYasgui.getTab().getYasqe().getValue()"), "a new tab starts empty");
        browser.screenshot(SHOTS.resolve("editor-01-loaded.png"));

        // A prefix: type into the editor, then Ctrl-Space; the graph's prefixes are offered.
        js("window.newpathYasgui.getTab().getYasqe().setValue(''); return 'ok'");
        String input = browser.find(".tabPanel.active .CodeMirror textarea", 5);
        browser.type(input, "PREFIX np");
        browser.type(input, "\uE009 \uE000");
        waitFor("prefix suggestions", () -> count(".CodeMirror-hints li") > 0);
        String hints = js("return Array.from(document.querySelectorAll('.CodeMirror-hints li')).map(function (l) { return l.textContent; }).join('\\n')");
        assertTrue(hints.contains("npo: <https://w3id.org/newpath-kg/ontology#>"), hints);
        assertTrue(hints.contains("np: <https://w3id.org/newpath-kg/id/>"), hints);
        browser.screenshot(SHOTS.resolve("editor-02-prefix-completion.png"));
        browser.type(input, "\uE007");
        assertTrue(js("return window.newpathYasgui.getTab().getYasqe().getValue()").startsWith("PREFIX np: <https://w3id.org/newpath-kg/id/>"),
                js("return window.newpathYasgui.getTab().getYasqe().getValue()"));

        // A property of this graph (not from Linked Open Vocabularies, which is never asked).
        js("var y = window.newpathYasgui.getTab().getYasqe(); y.setValue('PREFIX npo: <https://w3id.org/newpath-kg/ontology#>\\nSELECT * WHERE { ?e npo:datePr');"
                + " y.focus(); y.setCursor({line: 1, ch: 29}); return 'ok'");
        browser.type(input, "\uE009 \uE000");
        waitFor("property suggestions", () -> count(".CodeMirror-hints li") > 0);
        assertEquals("npo:datePrecision", js("return document.querySelector('.CodeMirror-hints li').textContent"));
        browser.type(input, "\uE00C");
        collect(true);
    }

    @Test
    @Order(2)
    void examplesShowAsTimelineTableGraphAndBarChart() throws Exception {
        openEditor("/ui");
        runExample("11-events-2023-2024", "svg.np-timeline");
        // Each row is drawn at its precision: a day as a point, a month or a year as a bar.
        String precisions = js("return window.newpathYasgui.getTab().getYasr().results.getBindings().map(function (b) { return b.precision.value; }).join(' ')");
        long days = List.of(precisions.split(" ")).stream().filter("Day"::equals).count();
        long months = List.of(precisions.split(" ")).stream().filter("Month"::equals).count();
        assertTrue(days > 0 && months > 0, precisions);
        assertEquals(days, count(".tabPanel.active svg.np-timeline circle.mark.day"));
        assertEquals(months, count(".tabPanel.active svg.np-timeline rect.mark.month"));
        double monthWidth = Double.parseDouble(js("return document.querySelector('.tabPanel.active svg.np-timeline rect.mark.month').getAttribute('width')"));
        double yearGrid = Double.parseDouble(js("var l = document.querySelectorAll('.tabPanel.active svg.np-timeline line.grid');"
                + " return String(l[1].getAttribute('x1') - l[0].getAttribute('x1'))"));
        assertTrue(Math.abs(monthWidth - yearGrid * 31 / 365) < yearGrid * 4 / 365, "a month is a month long: " + monthWidth + " of a year's " + yearGrid);
        assertTrue(count(".tabPanel.active svg.np-timeline a[href^='/id/']") > 0, "events link to their pages here");
        browser.screenshot(SHOTS.resolve("editor-03-timeline.png"));
        noAxeFinding("with a timeline");

        browser.click(browser.find(".tabPanel.active .select_table", 5));
        waitFor("the table", () -> count(".tabPanel.active .yasr_results table tbody tr") > 0);
        assertEquals(js("return String(window.newpathYasgui.getTab().getYasr().results.getBindings().length)"),
                String.valueOf(count(".tabPanel.active .yasr_results table tbody tr")));
        assertTrue(count(".tabPanel.active .yasr_results a[href^='/id/']") > 0, "IRIs of this graph link to this server's pages");
        assertEquals(0, count(".tabPanel.active .yasr_results a[href^='https://w3id.org/']"), "not to w3id");
        browser.screenshot(SHOTS.resolve("editor-04-table.png"));
        noAxeFinding("with a table");
        browser.click(browser.find(".tabPanel.active .select_response", 5));
        waitFor("the response", () -> count(".tabPanel.active .yasr_results .CodeMirror") > 0);
        noAxeFinding("with the response");

        // The table shows each cell whole: Japanese cue words are not cut to a few characters.
        runExample("29-conditional-predictions", "svg.np-graph");
        browser.click(browser.find(".tabPanel.active .select_table", 5));
        waitFor("the table", () -> count(".tabPanel.active .yasr_results table tbody tr") > 0);
        assertEquals(0, count(".tabPanel.active .yasr_results table.ellipseTable"), "no ellipsis");
        String cue = js("return window.newpathYasgui.getTab().getYasr().results.getBindings().filter(function (b) { return b.cue; })[0].cue.value");
        assertTrue(js("return document.querySelector('.tabPanel.active .yasr_results table').innerText").contains(cue), "the whole cue: " + cue);

        // The argument as a graph: claims are nodes, each link labelled with its connective or
        // scheme; modality and scheme are no nodes; every label inside the picture.
        runExample("28-final-prediction-grounds", "svg.np-graph");
        assertEquals(0, count(".tabPanel.active svg.np-graph g.node.literal"), "no literal becomes a node");
        assertTrue(count(".tabPanel.active svg.np-graph g.node.iri") >= 5, "the claims");
        assertTrue(count(".tabPanel.active svg.np-graph text.edge-label") >= 3, "labelled links");
        assertEquals("0", js("var svg = document.querySelector('.tabPanel.active svg.np-graph'), w = +svg.getAttribute('width'), h = +svg.getAttribute('height');"
                + " return String(Array.from(svg.querySelectorAll('text')).filter(function (t) { var b = t.getBBox();"
                + " return b.x < -0.5 || b.y < -0.5 || b.x + b.width > w + 0.5 || b.y + b.height > h + 0.5; }).length)"), "every label inside the picture");
        noAxeFinding("with a graph");

        runExample("27-treaty-lineage", "svg.np-graph");
        assertTrue(count(".tabPanel.active svg.np-graph g.node") >= 5, "treaties, provision, end reasons and claims");
        assertTrue(count(".tabPanel.active svg.np-graph line.edge") >= 4);
        assertTrue(count(".tabPanel.active svg.np-graph a[href^='/claim/']") >= 3, "claims link to their pages");
        browser.screenshot(SHOTS.resolve("editor-05-graph.png"));

        runExample("16-modality-by-section", "svg.np-bar");
        assertEquals(js("return String(window.newpathYasgui.getTab().getYasr().results.getBindings().length)"),
                String.valueOf(count(".tabPanel.active svg.np-bar rect.bar")), "one bar per row");
        browser.screenshot(SHOTS.resolve("editor-06-bar.png"));
        noAxeFinding("with a bar chart");
        collect(true);
    }

    @Test
    @Order(3)
    void anIriOpensItsPageAndAJavascriptIriIsNoLink() throws Exception {
        openEditor("/ui");
        runExample("01-dprk-treaties", "svg.np-timeline");
        browser.click(browser.find(".tabPanel.active .select_table", 5));
        String link = browser.find(".tabPanel.active .yasr_results a[href='/id/russia-dprk-treaty-2024']", 10);
        assertNotNull(link, "the treaty's IRI is a link to its page");
        assertEquals("null", js("return String(document.querySelector(\".tabPanel.active .yasr_results a[href='/id/russia-dprk-treaty-2024']\").getAttribute('target'))"),
                "opened in this window");
        collect(true);
        js("document.querySelector(\".tabPanel.active .yasr_results a[href='/id/russia-dprk-treaty-2024']\").scrollIntoView({block: 'center'}); return 'ok'");
        // A cell too narrow for its IRI is cut with an ellipsis; as in YASGUI, a first click opens it up.
        if (!js("return document.querySelector(\".tabPanel.active .yasr_results .expandable:not(.expanded) a[href='/id/russia-dprk-treaty-2024']\") ? 'cut' : ''").isEmpty())
            browser.click(browser.find(".tabPanel.active .yasr_results .expandable:not(.expanded):has(a[href='/id/russia-dprk-treaty-2024'])", 5));
        browser.click(link);
        waitFor("the treaty's page", () -> {
            try {
                return browser.currentUrl().endsWith("/id/russia-dprk-treaty-2024");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(browser.text(browser.find("h1", 10)).contains("Russia"), "the treaty's page");
        browser.screenshot(SHOTS.resolve("editor-07-iri-page.png"));
        collect(false); // another page (issue 14A's), checked by its own tests

        openEditor("/ui");
        js("window.newpathYasgui.addTab(true, { id: 'hostile', name: 'hostile', yasqe: { value: "
                + "'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\\nSELECT ?x ?y ?when WHERE { BIND (IRI(\"javascript:alert(1)\") AS ?x)"
                + " BIND (IRI(\"data:text/plain,x\") AS ?y) BIND (\"2020-01-01\"^^xsd:date AS ?when) }' } }); return 'ok'");
        run();
        waitFor("the table", () -> count(".tabPanel.active .yasr_results table tbody tr") > 0);
        String table = js("return document.querySelector('.tabPanel.active .yasr_results table').textContent");
        assertTrue(table.contains("javascript:alert(1)") && table.contains("data:text/plain,x"), "shown as text: " + table);
        String unsafe = ".tabPanel.active .yasr_results a[href^='javascript'], .tabPanel.active .yasr_results a[href^='data']";
        assertEquals(0, count(unsafe), "a javascript: or data: IRI is not a link in the table");
        browser.screenshot(SHOTS.resolve("editor-08-javascript-iri.png"));
        for (String view : new String[] {"timeline", "graph"}) {
            browser.click(browser.find(".tabPanel.active .select_" + view, 5));
            waitFor(view, () -> count(".tabPanel.active .yasr_results svg.np-" + view) > 0);
            assertTrue(js("return document.querySelector('.tabPanel.active .yasr_results svg').textContent").contains("javascript:alert(1)"), view);
            assertEquals(0, count(".tabPanel.active .yasr_results svg a"), "no link at all in the " + view + ": " + js("return document.querySelector('.tabPanel.active .yasr_results svg').outerHTML"));
        }
        collect(true);
    }

    @Test
    @Order(4)
    void downloadsCsvFromTheEndpointAndOpensASharedLink() throws Exception {
        openEditor("/ui");
        runExample("01-dprk-treaties", "*");
        browser.click(browser.find("button.dl[data-format='csv']", 5));
        Path csv = downloads.resolve("01-dprk-treaties.csv");
        waitFor("the CSV download", () -> Files.isRegularFile(csv) && csv.toFile().length() > 0);
        byte[] bytes = Files.readAllBytes(csv);
        assertTrue(bytes.length > 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF,
                "a UTF-8 byte-order mark first, so Excel reads the Japanese as UTF-8");
        List<String> lines = List.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r?\n"));
        assertEquals("treaty,name,otherParty,signed,signedPrecision,ended,endedPrecision,endReason", lines.get(0).strip(), "SPARQL CSV from the endpoint");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("https://w3id.org/newpath-kg/id/russia-dprk-treaty-2024,")), String.join("\n", lines));
        // Yasr's own download button over the table gives the very same file.
        Files.delete(csv);
        browser.click(browser.find(".tabPanel.active .select_table", 5));
        waitFor("the table", () -> count(".tabPanel.active .yasr_results table tbody tr") > 0);
        browser.click(browser.find(".tabPanel.active .yasr_downloadIcon", 5));
        waitFor("the table's CSV download", () -> Files.isRegularFile(csv) && csv.toFile().length() > 0);
        assertEquals(new String(bytes, StandardCharsets.UTF_8), Files.readString(csv, StandardCharsets.UTF_8), "both CSV buttons give one file");

        String query = "SELECT ?label WHERE { <https://w3id.org/newpath-kg/id/dprk> <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label";
        // A link that names another endpoint still queries this server (and the page policy would block any other).
        browser.open("about:blank"); // the same page with another fragment would not load again
        openEditor("/ui#query=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")
                + "&endpoint=" + URLEncoder.encode("https://query.example.org/sparql", StandardCharsets.UTF_8));
        waitFor("the shared query's results", () -> count(".tabPanel.active .yasr_results table tbody tr") > 0);
        assertEquals(query, js("return window.newpathYasgui.getTab().getQuery()"));
        assertTrue(js("return document.querySelector('.tabPanel.active .yasr_results table').textContent").contains("北朝鮮"));
        assertEquals(base + "/newpath/sparql", js("return window.newpathYasgui.getTab().getEndpoint()"));
        browser.screenshot(SHOTS.resolve("editor-09-shared-link.png"));
        collect(true);
    }

    @Test
    @Order(5)
    void switchesToJapanese() throws Exception {
        openEditor("/ui");
        browser.click(browser.find("header.site .langs a[lang='ja']", 5));
        waitFor("the Japanese editor", () -> "ja".equals(js("return document.documentElement.lang"))
                && "ready".equals(js("return document.body.getAttribute('data-editor') || ''")));
        assertEquals("SPARQLクエリエディタ", browser.text(browser.find("h1", 5)));
        assertTrue(js("return window.newpathYasgui.getTab().getName()").startsWith("00 グラフの規模"), js("return window.newpathYasgui.getTab().getName()"));
        assertTrue(browser.text(browser.find("#question", 5)).contains("主張・注・節"), "the question in Japanese");
        assertTrue(js("return document.querySelector(\"#example-list button[data-example='01-dprk-treaties']\").textContent").startsWith("01 北朝鮮"));
        assertTrue(browser.text(browser.find(".tabPanel.active .select_table", 5)).contains("表"), "YASGUI's own labels in Japanese");
        runExample("24-kim-jong-un-events", "svg.np-timeline");
        // The library's labels follow the page's language.
        String names = js("return window.newpathYasgui.getTab().getYasr().results.getBindings().map(function (b) { return b.name['xml:lang']; }).join(' ')");
        assertTrue(!names.isEmpty() && List.of(names.split(" ")).stream().allMatch("ja"::equals), names);
        browser.screenshot(SHOTS.resolve("editor-10-japanese.png"));
        noAxeFinding("in Japanese");
        collect(true);
    }

    @Test
    @Order(6)
    void noConsoleErrorAndNoRequestLeavesTheOrigin() throws Exception {
        collect(true);
        assertFalse(requested.isEmpty());
        assertTrue(requested.contains(base + "/static/ui/yasgui.min.js"), requested.toString());
        assertTrue(requested.contains(base + "/ui/terms.json"), "the autocompletion lists come from here: " + requested);
        assertTrue(requested.contains(base + "/ui/prefixes.json"), requested.toString());
        for (String url : requested)
            assertTrue(url.startsWith(base + "/") || url.startsWith("blob:" + base + "/"), "a request left the origin: " + url);
        assertEquals(List.of(), console, "console messages on the editor (CSP violations among them)");
    }

    @Test
    @Order(7)
    void pageCarriesItsPolicyAndHasNoInlineScript() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ui")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(EditorServlet.CSP, r.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertFalse(r.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "every script is a file");
        assertFalse(r.body().contains("http://") || r.body().contains("https://"), "nothing from elsewhere");
        HttpResponse<String> js = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/static/ui/yasgui.min.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        for (String path : new String[] {"/static/ui/..%2Fmessages.properties", "/static/ui/editor.properties", "/static/ui/../../META-INF/MANIFEST.MF"}) {
            HttpResponse<String> no = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(no.statusCode() == 400 || no.statusCode() == 404, path + ": " + no.statusCode());
            assertFalse(no.body().contains("Manifest-Version") || no.body().contains("intro="), path);
        }
    }
}
