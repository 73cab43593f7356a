package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
 * A person's walk through the real graph in headless Chromium: home page, the DPRK's page, a
 * claim, its note and the note's source, the timeline, an example query run in the query page.
 * Screenshots go to {@code target/screenshots/}. Chromium, chromedriver and CJK fonts are
 * installed by {@code src/test/scripts/ensure-chromium.sh} when absent; in CI ({@code CI=true})
 * a failed install fails the test instead of skipping it.
 */
class BrowserIT {
    static final Path SHOTS = Path.of("target/screenshots");
    static KnowledgeGraph kg;
    static FusekiServer server;
    static String base;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        ensureChromium();
        kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().ratePerSecond(0).build()).build();
        server = NewpathServer.build(kg.dataset(), config, new WebModule(kg.dataset(), config.baseUrl())).start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        browser = new WebDriver("/usr/bin/chromedriver", Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "/usr/bin/chromium-browser");
    }

    static void ensureChromium() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "src/test/scripts/ensure-chromium.sh").inheritIO().start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        boolean ok = done && p.exitValue() == 0 && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!ok) {
            if ("true".equals(System.getenv("CI")))
                fail("src/test/scripts/ensure-chromium.sh could not install chromium/chromedriver; the browser test must run in CI");
            Assumptions.abort("Chromium could not be installed on this machine (not CI): browser test skipped");
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null)
            browser.close();
        if (server != null)
            server.stop();
        if (kg != null)
            kg.close();
    }

    String h1() throws Exception {
        String e = browser.find("h1", 10);
        assertNotNull(e, "no h1 on " + browser.currentUrl());
        return browser.text(e);
    }

    @Test
    void analystWalksFromHomeToDprkToAClaimsSourceThenTimelineAndAQuery() throws Exception {
        browser.open(base + "/");
        assertTrue(h1().contains("North Korea"), h1());
        assertTrue(browser.count("dl.counts dd") >= 8, "counts from 00-overview.rq");
        browser.screenshot(SHOTS.resolve("01-home.png"));

        browser.click(browser.find("a[href='/id/dprk']", 5));
        assertTrue(browser.currentUrl().endsWith("/id/dprk"), browser.currentUrl());
        assertEquals("North Korea", h1());
        assertTrue(browser.count("li.claim") > 20, "claims that mention the DPRK");
        assertNotNull(browser.find("svg.timeline a", 5), "the DPRK's timeline");
        browser.screenshot(SHOTS.resolve("02-dprk.png"));

        String claimLink = browser.find("li.claim:has(ol.refs) .claim-head a[href^='/claim/']", 5);
        assertNotNull(claimLink, "a claim with a note");
        browser.click(claimLink);
        assertTrue(browser.currentUrl().contains("/claim/"), browser.currentUrl());
        assertNotNull(browser.find("blockquote.passage[lang='ja'] mark", 5), "the verbatim passage");
        assertNotNull(browser.find(".claim-panel .badge", 5), "a modality badge");
        browser.screenshot(SHOTS.resolve("03-claim.png"));

        browser.click(browser.find(".claim-panel ol.refs a[href^='/note/']", 5));
        assertTrue(browser.currentUrl().contains("/note/"), browser.currentUrl());
        assertNotNull(browser.find("blockquote.note-text", 5), "the note as printed");
        browser.screenshot(SHOTS.resolve("04-note.png"));
        browser.click(browser.find("ul.works a[href^='/work/']", 5));
        assertTrue(browser.currentUrl().contains("/work/"), browser.currentUrl());
        assertTrue(!h1().isBlank());
        browser.screenshot(SHOTS.resolve("05-source.png"));

        browser.click(browser.find("header.site a[href='/timeline']", 5));
        assertTrue(browser.count("svg.timeline a") >= 20, "events drawn on the timeline");
        browser.screenshot(SHOTS.resolve("06-timeline.png"));

        browser.open(base + "/ui");
        browser.script("var s = document.getElementById('example'); s.value = '01-dprk-treaties'; s.dispatchEvent(new Event('change')); return 'ok'");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!browser.script("return document.getElementById('query').value").startsWith("# Question: Which treaties")
                && System.currentTimeMillis() < deadline)
            Thread.sleep(200);
        browser.click(browser.find("#run", 5));
        assertNotNull(browser.find("#result-table tbody tr", 30), "rows of the example query");
        assertTrue(browser.count("#result-table tbody tr") >= 3, "the DPRK's treaties");
        browser.screenshot(SHOTS.resolve("07-query.png"));

        browser.open(base + "/id/dprk?lang=ja");
        assertEquals("北朝鮮", h1());
        browser.screenshot(SHOTS.resolve("08-dprk-ja.png"));
    }
}
