package org.newpathkg.web;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.server.ServerConfig;

/**
 * A person's walk through the real graph's pages in headless Chromium: home page, the DPRK's
 * page, a claim, its note and the note's source, the timeline, the ontology, a section, a graph,
 * an argument where the data has one, a missing page; then the same in Japanese through the
 * language switch. Every page type is checked with axe-core (no serious or critical violation).
 * Screenshots go to {@code target/screenshots/}. Chromium and axe-core are installed as
 * {@link Chromium} says.
 * The query editor ({@code /ui}) has its own browser test, EditorBrowserIT.
 */
class BrowserIT {
    static final Path SHOTS = Chromium.SHOTS;
    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();
    static KnowledgeGraph kg;
    static String base;
    static WebDriver browser;
    static String axe;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start(null);
        axe = Chromium.axe();
        kg = graph.kg();
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build();
        base = ServedGraph.base(graph.start(config, new WebModule(kg.dataset(), config.baseUrl())));
    }

    @AfterAll
    static void stop() {
        if (browser != null)
            browser.close();
    }

    String h1() throws Exception {
        String e = browser.find("h1", 10);
        assertNotNull(e, "no h1 on " + browser.currentUrl());
        return browser.text(e);
    }

    /** Violations of impact serious or critical found by axe-core on the page now open, one line each. */
    List<String> axeViolations() throws IOException {
        return Chromium.axeViolations(browser, axe);
    }

    /**
     * On the open timeline: the events the essay only orders are drawn as hollow boxes (no fill: no
     * mark that reads as a date), as many as the page states, each labelled with {@code tag}, and
     * the legend explains the box.
     */
    void orderedEventsAreDrawnAndMarkedAsNotDated(String tag, String statedPattern) throws Exception {
        assertNotNull(browser.find("svg.timeline rect.mark.ordered", 5), "ordered events drawn");
        int ordered = browser.count("svg.timeline a rect.mark.ordered");
        assertTrue(ordered >= 20, "the essay orders more than 20 undated events; drawn: " + ordered);
        java.util.regex.Matcher stated = java.util.regex.Pattern.compile(statedPattern).matcher(browser.text(browser.find("p.drawn-count", 5)));
        assertTrue(stated.find(), "the page states how many are ordered, not dated");
        assertEquals(ordered, Integer.parseInt(stated.group(1)));
        String labels = browser.script("return Array.from(document.querySelectorAll('svg.timeline a'))"
                + ".filter(function (a) { return a.querySelector('rect.mark.ordered'); })"
                + ".map(function (a) { return a.querySelector('text.label').textContent; }).join('\\n')");
        assertEquals(ordered, labels.split("\n").length, labels);
        for (String l : labels.split("\n"))
            assertTrue(l.endsWith(" — " + tag), "an ordered event's visible label says it is not dated: " + l);
        assertEquals("none", browser.script("return getComputedStyle(document.querySelector('svg.timeline rect.mark.ordered')).fill"),
                "an ordered event's box is hollow");
        assertTrue(browser.text(browser.find("section.legend li.ordered", 5)).startsWith(tag), "the legend explains the box");
    }

    /** Checks the open page with axe-core, records what it found under {@code name} and takes its screenshot. */
    void check(Map<String, List<String>> found, String name) throws Exception {
        found.put(name + " " + browser.currentUrl(), axeViolations());
        browser.screenshot(SHOTS.resolve(name + ".png"));
    }

    /** A claim of the real data that is the conclusion of an argument link, and that link; null when the data has none yet. */
    static String[] argumentExample() {
        String q = "PREFIX npo: <https://w3id.org/newpath-kg/ontology#> SELECT ?link ?claim { ?link npo:conclusion ?claim ; npo:premise ?p } ORDER BY ?link LIMIT 1";
        return Txn.calculateRead(kg.dataset(), () -> {
            try (QueryExecution qe = QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(kg.dataset())).query(q).build()) {
                ResultSet rs = qe.execSelect();
                if (!rs.hasNext())
                    return null;
                QuerySolution s = rs.next();
                return new String[] {s.getResource("link").getURI(), s.getResource("claim").getURI()};
            }
        });
    }

    static String path(String iri) {
        return iri.substring("https://w3id.org/newpath-kg".length());
    }

    @Test
    void analystWalksThePagesInEnglishAndJapaneseAndEveryPageTypePassesAxe() throws Exception {
        Map<String, List<String>> found = new LinkedHashMap<>();
        browser.open(base + "/");
        assertTrue(h1().contains("North Korea"), h1());
        assertTrue(browser.count("dl.counts dd") >= 8, "counts from 00-overview.rq");
        check(found, "01-home");

        browser.click(browser.find("a[href='/id/dprk']", 5));
        assertTrue(browser.currentUrl().endsWith("/id/dprk"), browser.currentUrl());
        assertEquals("North Korea", h1());
        assertTrue(browser.count("li.claim") > 20, "claims that mention the DPRK");
        assertTrue(browser.count("section.claim-section") >= 5, "the claims grouped by section");
        assertTrue(browser.count("table.claim-matrix tbody tr") >= 5, "a section x modality table");
        assertNotNull(browser.find("svg.timeline a", 5), "the DPRK's timeline");
        check(found, "02-entity");

        String claimLink = browser.find("li.claim:has(ol.refs) .claim-head a[href^='/claim/']", 5);
        assertNotNull(claimLink, "a claim with a note");
        browser.click(claimLink);
        assertTrue(browser.currentUrl().contains("/claim/"), browser.currentUrl());
        assertNotNull(browser.find("h1.claim-title[lang='en']", 5), "the claim is titled by its gloss");
        assertNotNull(browser.find("blockquote.passage[lang='ja'] mark", 5), "the verbatim passage");
        assertNotNull(browser.find(".claim-panel .badge", 5), "a modality badge");
        assertNotNull(browser.find(".claim-panel ol.refs li[id^='cite-']", 5), "notes as references with their citation anchors");
        check(found, "03-claim");

        browser.click(browser.find(".claim-panel ol.refs a[href^='/note/']", 5));
        assertTrue(browser.currentUrl().contains("/note/"), browser.currentUrl());
        assertNotNull(browser.find("blockquote.note-text", 5), "the note as printed");
        check(found, "04-note");
        browser.click(browser.find("ul.works a[href^='/work/']", 5));
        assertTrue(browser.currentUrl().contains("/work/"), browser.currentUrl());
        assertTrue(!h1().isBlank());
        check(found, "05-work");

        browser.click(browser.find("header.site a[href='/timeline']", 5));
        assertTrue(browser.count("svg.timeline a") >= 20, "events drawn on the timeline");
        orderedEventsAreDrawnAndMarkedAsNotDated("ordered, not dated", "and ([0-9]+) that the essay only orders");
        check(found, "06-timeline");
        browser.open(base + "/timeline?lang=ja");
        orderedEventsAreDrawnAndMarkedAsNotDated("前後関係のみ・日付なし", "関係だけを示すもの([0-9]+)件");
        check(found, "06-timeline-ja");
        browser.open(base + "/timeline");

        browser.click(browser.find("header.site a[href='/ontology']", 5));
        assertTrue(browser.count("dl.terms dt") > 30, "the ontology's terms");
        check(found, "07-ontology");
        browser.open(base + "/essay/section-3");
        assertTrue(browser.count("li.claim") > 5, "a section lists its claims");
        check(found, "08-section");
        browser.open(base + "/graph/arguments");
        if (browser.find("table.triples", 1) == null)
            browser.open(base + "/graph/entities");
        check(found, "09-graph");
        browser.open(base + "/id/no-such-thing");
        assertEquals(browser.text(browser.find("h1", 5)), new Messages("en").get("notfound"));
        check(found, "10-not-found");
        // The check can fail: an image without alt text, put into the page by the test, is a critical violation.
        browser.script("var i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').appendChild(i); return 'ok';");
        assertTrue(axeViolations().stream().anyMatch(v -> v.startsWith("critical image-alt")), "axe-core reports a planted violation");

        String[] arg = argumentExample();
        if (arg != null) {
            browser.open(base + path(arg[1]));
            assertNotNull(browser.find("section.argument svg.argument a", 5), "the argument around " + arg[1] + " drawn");
            check(found, "11-claim-argument");
            browser.open(base + path(arg[0]));
            assertNotNull(browser.find("section.argument svg.argument", 5), "the argument node " + arg[0] + " is a page");
            check(found, "12-argument-node");
        }

        browser.open(base + "/id/dprk");
        browser.click(browser.find("header.site .langs a[lang='ja']", 5));
        assertTrue(browser.currentUrl().contains("lang=ja"), browser.currentUrl());
        assertEquals("北朝鮮", h1());
        assertEquals("ja", browser.script("return document.documentElement.lang"));
        check(found, "13-entity-ja");
        browser.click(browser.find("header.site a[href='/?lang=ja']", 5));
        assertEquals(new Messages("ja").get("home.title"), h1());
        check(found, "14-home-ja");
        browser.click(browser.find("a[href^='/id/'][href$='lang=ja']", 5));
        String claimJa = browser.find("li.claim .claim-head a[href^='/claim/'][href$='lang=ja']", 5);
        assertNotNull(claimJa, "links keep the language");
        browser.click(claimJa);
        assertEquals(new Messages("ja").get("provenance"), browser.text(browser.find("#h-prov", 5)));
        check(found, "15-claim-ja");

        // Every page type again in Japanese: no heading shows English that is not marked as
        // English data (lang="en", e.g. a work's English title) or code.
        List<String> english = new ArrayList<>();
        for (String key : new ArrayList<>(found.keySet())) {
            String url = key.substring(key.indexOf(' ') + 1);
            if (url.contains("lang=ja"))
                continue;
            browser.open(url.replaceAll("[?#].*$", "") + "?lang=ja");
            String hits = browser.script("var out = [];"
                    + " document.querySelectorAll('main h1, main h2, main h3, main h4, main caption, main summary, main th[scope=col], header.site nav a').forEach(function (h) {"
                    + "   var c = h.cloneNode(true);"
                    + "   c.querySelectorAll('code, [lang]:not([lang=ja])').forEach(function (x) { x.remove(); });"
                    + "   var own = h.closest('[lang]');"
                    + "   if (own && own.getAttribute('lang') !== 'ja') return;"
                    + "   var words = (c.textContent.match(/[A-Za-z]{4,}/g) || []).filter(function (w) { return ['newpath', 'SPARQL', 'JSON', 'Turtle', 'TriG', 'VoID', 'Wikidata'].indexOf(w) < 0; });"
                    + "   if (words.length) out.push(h.tagName + ': ' + h.textContent.trim().substring(0, 120));"
                    + " }); return out.join('\\n');");
            if (!hits.isEmpty())
                english.add(browser.currentUrl() + "\n" + hits);
        }
        assertEquals(List.of(), english, "English headline text on Japanese pages");

        List<String> all = new ArrayList<>();
        found.forEach((page, v) -> v.forEach(x -> all.add(page + ": " + x)));
        assertTrue(found.size() >= 13, "every page type checked: " + found.keySet());
        assertTrue(all.isEmpty(), "axe-core found serious or critical violations:\n" + String.join("\n", all));
    }
}
