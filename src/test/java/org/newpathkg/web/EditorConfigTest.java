package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;

/** The query editor's configuration, autocompletion lists and page policy, without a server. */
class EditorConfigTest {

    @Test
    void everyLibraryQueryIsAnExampleTabWithItsQuestionInThePageLanguageAndItsView() {
        DatasetGraph ds = DatasetGraphFactory.createTxnMem();
        EditorConfig c = new EditorConfig(ds);
        JsonObject en = c.config("en"), ja = c.config("ja");
        JsonArray exEn = en.get("examples").getAsArray(), exJa = ja.get("examples").getAsArray();
        assertEquals(QueryLibrary.all().size(), exEn.size());
        assertTrue(exEn.size() >= 20, "the library is packaged: " + exEn.size());
        for (int i = 0; i < exEn.size(); i++) {
            JsonObject e = exEn.get(i).getAsObject(), j = exJa.get(i).getAsObject();
            QueryLibrary.Example lib = QueryLibrary.all().get(i);
            assertEquals(lib.name(), e.getString("name"));
            assertEquals(lib.text(), e.getString("query"));
            assertEquals(lib.question(), e.getString("question"));
            assertEquals(lib.questionJa().isEmpty() ? lib.question() : lib.questionJa(), j.getString("question"));
            assertTrue(e.getString("tab").startsWith(lib.name().substring(0, 2) + " "), e.getString("tab"));
            assertTrue(EditorConfig.VIEWS.contains(e.getString("view")), e.getString("view"));
        }
        JsonObject treaties = find(exEn, "01-dprk-treaties"), treatiesJa = find(exJa, "01-dprk-treaties");
        assertEquals("timeline", treaties.getString("view"));
        assertTrue(treatiesJa.getString("question").startsWith("北朝鮮が締結した条約"), treatiesJa.getString("question"));
        assertTrue(treatiesJa.getString("tab").startsWith("01 北朝鮮"), treatiesJa.getString("tab"));
        assertEquals("graph", find(exEn, "27-treaty-lineage").getString("view"));
        assertEquals("bar", find(exEn, "16-modality-by-section").getString("view"));
        assertEquals("table", find(exEn, "00-overview").getString("view"));
        assertEquals("/newpath/sparql", en.getString("endpoint"));
        assertEquals("年表", ja.get("texts").getAsObject().getString("view.timeline"), "the script's texts from the site's bundle");
        assertEquals("Timeline", en.get("texts").getAsObject().getString("view.timeline"));
        assertEquals(en.getString("version"), ja.getString("version"), "one library version for both languages");
    }

    private static JsonObject find(JsonArray examples, String name) {
        for (JsonValue v : examples)
            if (v.getAsObject().getString("name").equals(name))
                return v.getAsObject();
        throw new AssertionError("no example " + name);
    }

    @Test
    void viewLineNamesAKnownViewOrTheTable() {
        assertEquals("timeline", EditorConfig.view("# Question: x\n# View: timeline\nSELECT * {}"));
        assertEquals("graph", EditorConfig.view("# View:   Graph  \nSELECT * {}"));
        assertEquals("table", EditorConfig.view("# View: map\nSELECT * {}"), "an unknown view falls back to the table");
        assertEquals("table", EditorConfig.view("SELECT * {} # View: bar"), "only a comment line at the start of a line counts");
    }

    @Test
    void labelFiltersFollowThePageLanguageOnlyWhereTheQuerySaysSo() {
        String q = "# Labels: en\nSELECT * { ?x rdfs:label ?name . FILTER (LANG(?name) = \"en\") ?p rdfs:label ?pub FILTER (LANG(?pub) = \"ja\")"
                + " ?x npo:gloss ?g FILTER (LANGMATCHES(LANG(?g), \"en\")) }";
        String ja = EditorConfig.inLanguage(q, "ja");
        assertTrue(ja.contains("FILTER (LANG(?name) = \"ja\")"), ja);
        assertTrue(ja.contains("FILTER (LANG(?pub) = \"ja\")"), "a filter that asks for Japanese stays: " + ja);
        assertTrue(ja.contains("LANGMATCHES(LANG(?g), \"en\")"), "only the LANG(?x) = \"en\" form is a label filter: " + ja);
        assertTrue(ja.startsWith("# Labels: ja"), ja);
        assertEquals(q, EditorConfig.inLanguage(q, "en"));
        String without = q.replace("# Labels: en\n", "");
        assertEquals(without, EditorConfig.inLanguage(without, "ja"), "no Labels line: the query is left as written");
        // Every library query that filters labels to English says whether they follow the reader.
        for (QueryLibrary.Example e : QueryLibrary.all()) {
            assertTrue(EditorConfig.THEMES.contains(EditorConfig.theme(e.text())) && e.text().contains("# Theme: "), e.name() + " names its theme");
            if (e.text().contains("# Labels: en"))
                org.apache.jena.query.QueryFactory.create(EditorConfig.inLanguage(e.text(), "ja"));
        }
    }

    @Test
    void tabNamesAreShortInEitherScript() {
        assertEquals("07 What are the goals of th…", EditorConfig.tabName("07-goals", "What are the goals of the five-year defence plan?"));
        assertEquals("01 北朝鮮が締結した条約は何…", EditorConfig.tabName("01-x", "北朝鮮が締結した条約は何か。相手国、締結日"));
        assertEquals("02 Short?", EditorConfig.tabName("02-short", "Short?"));
    }

    @Test
    void prefixesAreThePrefixCcFormatOfTheGraphsPrefixes() {
        JsonObject p = EditorConfig.prefixes();
        assertEquals("https://w3id.org/newpath-kg/ontology#", p.getString("npo"));
        assertEquals("https://w3id.org/newpath-kg/id/", p.getString("np"));
        assertEquals("http://www.w3.org/2006/time#", p.getString("time"));
    }

    @Test
    void termsAreThePropertiesAndClassesOfThisGraphOnly() {
        DatasetGraph ds = DatasetGraphFactory.createTxnMem();
        RDFParser.fromString("""
                PREFIX npo: <https://w3id.org/newpath-kg/ontology#>
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                PREFIX np: <https://w3id.org/newpath-kg/id/>
                npo:Treaty a owl:Class .
                GRAPH <https://w3id.org/newpath-kg/claim/c1> { np:t a npo:Event ; npo:party np:dprk . }
                """, Lang.TRIG).parse(ds);
        JsonObject t = new EditorConfig(ds).terms();
        List<String> props = strings(t.get("properties").getAsArray()), classes = strings(t.get("classes").getAsArray());
        assertEquals(List.of("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/newpath-kg/ontology#party"), props);
        assertEquals(List.of("http://www.w3.org/2002/07/owl#Class", "https://w3id.org/newpath-kg/ontology#Event",
                "https://w3id.org/newpath-kg/ontology#Treaty"), classes);
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.getAsString().value()));
        return out;
    }

    /**
     * The policy allows YASGUI's inserted stylesheet by its hash: recomputed here from the bundle
     * in the webjar, so a YASGUI whose stylesheet differs fails this test (and not only the
     * browser test, which needs Chromium).
     */
    @Test
    void policyHashesAreTheHashesOfTheStylesheetsInTheBundle() throws Exception {
        String js = new String(EditorServlet.resource(EditorServlet.YASGUI + "yasgui.min.js"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("createStyle\\(i,\"( \\.grip-resizable\\{.*?)\"\\)").matcher(js);
        assertTrue(m.find(), "the column resizer's stylesheet is in the bundle");
        String css = m.group(1).replace("\\t", "\t");
        assertEquals(EditorServlet.GRIP_STYLE, sha256(css));
        Matcher drag = Pattern.compile("\"\\*\\{cursor:\"\\+n\\.opt\\.dragCursor\\+\"!important\\}\"").matcher(js);
        assertTrue(drag.find(), "the drag cursor stylesheet is built from dragCursor");
        assertTrue(js.contains("dragCursor:\"col-resize\""), "whose default is col-resize");
        assertEquals(EditorServlet.GRIP_DRAG_STYLE, sha256("*{cursor:col-resize!important}"));
        String csp = EditorServlet.CSP;
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertFalse(csp.matches(".*script-src[^;]*unsafe.*"), "no unsafe-inline or unsafe-eval for scripts: " + csp);
        assertTrue(csp.contains("connect-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    }

    private static String sha256(String s) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePageIsInTheSitesLayoutAndLanguageWithScriptsOnlyFromFiles() {
        EditorServlet editor = new EditorServlet(DatasetGraphFactory.createTxnMem(), new Site(null));
        String ja = editor.page(new Request("/ui", java.util.Map.of("lang", "ja"), null, null, null));
        String en = editor.page(new Request("/ui", java.util.Map.of(), null, "en", null));
        assertTrue(ja.contains("<html lang=\"ja\">") && ja.contains("<h1>SPARQLクエリエディタ</h1>"), ja);
        assertTrue(ja.contains("クエリはエンドポイント /newpath/sparql に送られます"), ja);
        assertTrue(en.contains("<html lang=\"en\">") && en.contains("<h1>SPARQL query editor</h1>"), en);
        Messages m = new Messages("en");
        for (String k : m.keys())
            if (k.startsWith("ui.") && !k.equals("ui.intro"))
                assertFalse(ja.contains(">" + m.get(k) + "<"), "English text " + k + " on the Japanese page");
        for (String page : List.of(ja, en)) {
            assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "every script is a file");
            assertTrue(page.contains("<script src=\"/static/ui/yasgui.min.js\" defer></script>"));
            assertFalse(page.contains(" on") && page.matches("(?s).*<[^>]*\\son[a-z]+=.*"), "no event handler attributes");
        }
    }

    @Test
    void yasguiBundlesAreInTheJar() {
        assertNotNull(EditorServlet.class.getResource(EditorServlet.YASGUI + "yasgui.min.js"));
        assertNotNull(EditorServlet.class.getResource(EditorServlet.YASGUI + "yasgui.min.css"));
    }
}
