package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/**
 * The interface texts: one bundle with the same keys in English and Japanese, and every page
 * rendered with {@code ?lang=ja} shows none of the English texts (checked on the text nodes and
 * the labelling attributes of the HTML, so English data such as a gloss does not count).
 */
class MessagesTest {
    static final List<String> PAGES = List.of("/", "/id/dprk", "/id/evil", "/claim/c1", "/claim/c9", "/note/1", "/essay/section-1",
            "/graph/claims", "/ontology", "/timeline", "/timeline?actor=/id/dprk", "/id/hub", "/id/hub?page=1", "/id/no-such-thing");
    // Not /ui: the editor is EditorServlet's, not WebHandler's (which would render /ui as not found);
    // its Japanese texts are checked by EditorConfigTest.
    /** Keys whose text is the same word in both languages. */
    static final Set<String> SAME_IN_BOTH = Set.of("iri");
    static final Pattern TEXT = Pattern.compile(">([^<>]+)<|(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"");

    static Path dir;
    static KnowledgeGraph kg;
    static WebHandler handler;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("newpath-messages");
        kg = Pipeline.load(SourceTree.directory(WebFixture.create(dir)), null);
        handler = new WebHandler(kg.dataset(), new Site(null));
    }

    @AfterAll
    static void close() {
        kg.close();
        Fixtures.deleteTree(dir);
    }

    @Test
    void everyKeyIsInBothLanguages() {
        Set<String> en = new TreeSet<>(new Messages("en").keys());
        Set<String> ja = new TreeSet<>(new Messages("ja").keys());
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(ja);
        Set<String> onlyJa = new TreeSet<>(ja);
        onlyJa.removeAll(en);
        assertTrue(onlyEn.isEmpty() && onlyJa.isEmpty(), "only in messages_en: " + onlyEn + "; only in messages_ja: " + onlyJa);
        assertTrue(en.size() > 50, "the bundle is loaded: " + en.size() + " keys");
        for (String k : ja) {
            assertFalse(new Messages("ja").get(k).isBlank(), k + " is empty in Japanese");
            // A Japanese text copied from the English one is an untranslated text, unless it is a name used in both.
            if (!SAME_IN_BOTH.contains(k))
                assertFalse(new Messages("ja").get(k).equals(new Messages("en").get(k)), k + " is not translated: " + new Messages("ja").get(k));
        }
    }

    /** The page at {@code path} (may carry a query) rendered in {@code lang}. */
    static String page(String path, String lang) {
        int q = path.indexOf('?');
        Map<String, String> params = new java.util.HashMap<>();
        if (q >= 0)
            for (String kv : path.substring(q + 1).split("&"))
                params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        params.put("lang", lang);
        Response r = handler.handle(new Request(q < 0 ? path : path.substring(0, q), params, "text/html", null, "http://localhost/"));
        assertTrue(r.status() == 200 || r.status() == 404, path + " -> " + r.status());
        return r.bodyText();
    }

    /** The text nodes and labelling attributes of {@code html}, trimmed, without arrows, digits and brackets at either end. */
    static List<String> texts(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = TEXT.matcher(html);
        while (m.find()) {
            String t = (m.group(1) != null ? m.group(1) : m.group(2)).replace("&amp;", "&").replace("&#39;", "'").replace("&#34;", "\"");
            t = t.replaceAll("^[\\s→←·:：()（）0-9]+|[\\s→←·:：()（）0-9…]+$", "");
            if (!t.isEmpty())
                out.add(t);
        }
        return out;
    }

    @Test
    void everyPageInJapaneseShowsNoEnglishInterfaceText() {
        Messages en = new Messages("en"), ja = new Messages("ja");
        Set<String> english = new HashSet<>();
        for (String k : en.keys()) {
            String e = en.get(k).replaceAll("\\{\\d}", "").strip();
            // A name that is the same in both (IRI) or a text with no word to translate is not a leftover.
            if (!SAME_IN_BOTH.contains(k) && e.matches("(?s).*[A-Za-z]{3,}.*"))
                english.add(e.replaceAll("^[\\s→←·:：()（）0-9]+|[\\s→←·:：()（）0-9…]+$", ""));
        }
        List<String> leftovers = new ArrayList<>();
        for (String p : PAGES) {
            String html = page(p, "ja");
            assertTrue(html.contains("<html lang=\"ja\">"), p);
            for (String t : texts(html))
                if (english.contains(t))
                    leftovers.add(p + ": \"" + t + "\"");
        }
        assertTrue(leftovers.isEmpty(), "English interface text on Japanese pages:\n" + String.join("\n", leftovers));
    }

    @Test
    void theEnglishPagesDoShowTheEnglishTextsSoTheCheckAboveCanFail() {
        List<String> texts = texts(page("/id/dprk", "en"));
        Messages en = new Messages("en");
        for (String k : List.of("statements", "referenced", "nav.home", "nav.timeline", "types"))
            assertTrue(texts.contains(en.get(k)), k + " missing from the English page: " + texts);
        assertEquals("ja", new Messages("ja").lang());
    }
}
