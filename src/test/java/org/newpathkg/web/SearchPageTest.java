package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/** The search page in process over the fixture with hostile literals: what the data says is shown, never run. */
class SearchPageTest {
    static Path dir;
    static KnowledgeGraph kg;
    static WebHandler pages;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("newpath-search");
        kg = Pipeline.load(SourceTree.directory(WebFixture.create(dir)), null);
        pages = new WebHandler(kg.dataset(), new Site(null));
    }

    @AfterAll
    static void close() {
        kg.close();
        Fixtures.deleteTree(dir);
    }

    static Response search(Map<String, String> params) {
        return pages.handle(Request.of("/search", params));
    }

    @Test
    void markupInLabelsPassagesAndTheQueryIsEscaped() {
        String html = search(Map.of("q", "Evil")).bodyText();
        assertTrue(html.contains("&lt;script&gt;alert('label')&lt;/script&gt; Evil &amp; Co"), html);
        assertTrue(html.contains("<mark>Evil</mark> said \"&lt;script&gt;alert('gloss')&lt;/script&gt;\" &amp; left."), html);
        assertFalse(html.contains("<script>alert"), html);
        String q = search(Map.of("q", "\"><script>alert(1)</script>")).bodyText();
        assertFalse(q.contains("<script>alert(1)"), q);
        // In the quoted attribute jte escapes the quote and '<' (what could end the attribute or open a tag).
        assertTrue(q.contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\""), q);
    }

    @Test
    void japanesePassageIsMarkedAndLinksToItsClaim() {
        String html = search(Map.of("q", "国防", "lang", "ja")).bodyText();
        assertTrue(html.contains("<mark>国防</mark>"), html);
        assertTrue(html.contains("href=\"/claim/c1?lang=ja\""), html);
    }

    @Test
    void emptyQueryShowsTheBoxAndJsonSaysWhatIsMissing() {
        Response empty = search(Map.of());
        assertEquals(200, empty.status());
        assertTrue(empty.bodyText().contains("id=\"search-q\""));
        Response json = search(Map.of("format", "json"));
        assertEquals(400, json.status());
        assertTrue(json.bodyText().contains("?q="), json.bodyText());
    }
}
