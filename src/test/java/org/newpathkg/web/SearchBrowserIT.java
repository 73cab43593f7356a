package org.newpathkg.web;

import org.newpathkg.ServedGraph;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

/**
 * Searching as a reader does, in headless Chromium over the real graph: from the box in the
 * header, in English (both spellings of denuclearisation find the same claims, a romanised name
 * finds the person) and in Japanese (非核化 finds its passages, marked; 金正恩 the person), the search
 * page checked with axe-core; and completing an entity in the query editor (np:dp + Ctrl-Space
 * offers np:dprk with its label and type). Chromium and axe-core are installed as for
 * {@link BrowserIT}.
 */
class SearchBrowserIT {
    @RegisterExtension
    static final ServedGraph graph = ServedGraph.project();
    static String base;
    static WebDriver browser;
    static String axe;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start(null);
        axe = Chromium.axe();
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build();
        base = ServedGraph.base(graph.start(config, new WebModule(graph.kg().dataset(), config.baseUrl())));
    }

    @AfterAll
    static void stop() {
        if (browser != null)
            browser.close();
    }

    static String js(String script) {
        return Chromium.js(browser, script);
    }

    static void waitFor(String what, BooleanSupplier ok) throws InterruptedException {
        Chromium.waitFor(what, ok);
    }

    /** Types {@code words} into the header's search box of the open page and presses Enter; waits for the search page. */
    static void searchFromHeader(String words) throws Exception {
        String box = browser.find("header.site input[name=q]", 10);
        browser.type(box, words + "\uE007");
        waitFor("the search page for " + words, () -> {
            try {
                // The previous search page also has #search-q: wait for the new one, whose box holds these words.
                return browser.currentUrl().contains("/search?") && browser.count("#search-q") == 1
                        && words.equals(browser.script("return document.querySelector('#search-q').value"));
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The claim links on the search page now open. */
    static Set<String> claimLinks() {
        String s = js("return Array.from(document.querySelectorAll('ol.claims .claim-head a[href^=\"/claim/\"]')).map(function (a) { return a.getAttribute('href'); }).join('\\n')");
        return s.isEmpty() ? Set.of() : new TreeSet<>(List.of(s.split("\n")));
    }

    static String firstThing() {
        return js("var a = document.querySelector('ol.things li a'); return a ? a.getAttribute('href') : ''");
    }

    /** Serious or critical axe-core findings on the page now open. */
    static List<String> axeViolations() throws IOException {
        return Chromium.axeViolations(browser, axe);
    }

    @Test
    void readerSearchesInEnglishAndJapaneseFromTheHeader() throws Exception {
        browser.open(base + "/");
        searchFromHeader("denuclearization");
        Set<String> us = claimLinks();
        assertTrue(us.size() >= 19, "19 glosses say denuclearisation: " + us);
        int marked = Integer.parseInt(js("return String(Array.from(document.querySelectorAll('ol.claims > li')).filter(function (li) {"
                + " return li.querySelector('mark') !== null; }).length)"));
        assertEquals(us.size(), marked, "the word is marked in each claim found, at " + browser.currentUrl());
        assertEquals(List.of(), axeViolations(), "axe on the search page");
        browser.screenshot(Chromium.SHOTS.resolve("search-01-en.png"));
        browser.open(base + "/timeline");
        searchFromHeader("denuclearisation");
        assertEquals(us, claimLinks(), "both spellings find the same claims");

        browser.open(base + "/id/dprk");
        searchFromHeader("Kim Jong-un");
        assertEquals("/id/kim-jong-un", firstThing());

        browser.open(base + "/?lang=ja");
        searchFromHeader("非核化");
        assertTrue(browser.currentUrl().contains("lang=ja"), "a search from a Japanese page stays Japanese: " + browser.currentUrl());
        assertEquals("ja", js("return document.documentElement.lang"));
        int claims = browser.count("ol.claims > li");
        assertTrue(claims > 0);
        assertEquals(String.valueOf(claims), js("return String(Array.from(document.querySelectorAll('ol.claims > li')).filter(function (li) {"
                + " var q = li.querySelector('blockquote'); return q && q.textContent.indexOf('非核化') >= 0"
                + " && Array.from(q.querySelectorAll('mark')).some(function (m) { return m.textContent.indexOf('非核') >= 0; }); }).length)"),
                "every claim found shows its passage with 非核化 marked");
        assertEquals(List.of(), axeViolations(), "axe on the Japanese search page");
        browser.screenshot(Chromium.SHOTS.resolve("search-02-ja.png"));
        searchFromHeader("金正恩");
        assertEquals("/id/kim-jong-un?lang=ja", firstThing());
        assertEquals("金正恩", js("return document.querySelector('ol.things li a').textContent"));
    }

    @Test
    void editorCompletesAnEntityWithItsLabelAndType() throws Exception {
        browser.open(base + "/ui");
        waitFor("the editor", () -> "ready".equals(js("return document.body.getAttribute('data-editor') || ''")));
        js("var y = window.newpathYasgui.getTab().getYasqe(); y.setValue('PREFIX np: <https://w3id.org/newpath-kg/id/>\\nSELECT * WHERE { ?s ?p np:dp');"
                + " y.focus(); y.setCursor({line: 1, ch: 29}); return 'ok'");
        String input = browser.find(".tabPanel.active .CodeMirror textarea", 5);
        browser.type(input, "\uE009 \uE000");
        waitFor("entity suggestions", () -> !"0".equals(js("return String(document.querySelectorAll('.CodeMirror-hints li').length)")));
        String hints = js("return Array.from(document.querySelectorAll('.CodeMirror-hints li')).map(function (l) { return l.textContent; }).join('\\n')");
        assertTrue(hints.lines().anyMatch(h -> h.startsWith("np:dprk — North Korea (")), hints);
        assertFalse(hints.lines().anyMatch(h -> !h.startsWith("np:dp")), "only things whose name starts np:dp: " + hints);
        browser.screenshot(Chromium.SHOTS.resolve("search-03-editor-completion.png"));
        js("var y = window.newpathYasgui.getTab().getYasqe(); var i = Array.from(document.querySelectorAll('.CodeMirror-hints li'))"
                + ".findIndex(function (l) { return l.textContent.indexOf('np:dprk — ') === 0; });"
                + " y.state.completionActive.widget.changeActive(i); y.state.completionActive.widget.pick(); return 'ok'");
        assertTrue(js("return window.newpathYasgui.getTab().getYasqe().getValue()").endsWith("np:dprk"),
                js("return window.newpathYasgui.getTab().getYasqe().getValue()"));
    }
}
