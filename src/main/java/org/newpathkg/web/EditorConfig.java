package org.newpathkg.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.vocab.Prefixes;

/**
 * What the query editor's script is configured with, as JSON: the endpoint, the prefixes, the
 * query library as example tabs, the interface texts, and the lists of this graph's properties
 * and classes for autocompletion. Everything the editor needs comes from this server, so it works
 * offline and sends nothing elsewhere.
 */
final class EditorConfig {
    /** The result views a library query may name in a {@code # View:} line (Yasr plugin names). */
    static final List<String> VIEWS = List.of("table", "timeline", "graph", "bar");
    /** The themes a library query names in its {@code # Theme:} line, in the order the editor lists them. */
    static final List<String> THEMES = List.of("overview", "claims", "fulltext", "actors", "treaties", "predictions", "arguments");
    /** A label-language filter of a query whose {@code # Labels: en} line says its labels follow the reader's language. */
    private static final java.util.regex.Pattern LABEL_FILTER = java.util.regex.Pattern.compile("(LANG\\(\\?\\w+\\)\\s*=\\s*)\"en\"");
    /** The SPARQL endpoint the editor queries: the server's own, with its limits. */
    static final String ENDPOINT = NewpathServer.DATASET + "/sparql";

    private final DatasetGraph dataset;
    private volatile JsonObject terms;

    EditorConfig(DatasetGraph dataset) {
        this.dataset = dataset;
    }

    /** The editor's configuration for an interface in {@code lang} ("en" or "ja"). */
    JsonObject config(String lang) {
        JsonObject o = new JsonObject();
        o.put("lang", lang);
        o.put("endpoint", ENDPOINT);
        o.put("dataNs", Prefixes.DATA_NS);
        JsonArray paths = new JsonArray();
        Site.DATA_PATHS.forEach(paths::add);
        o.put("dataPaths", paths);
        o.put("prefixes", prefixes());
        JsonObject texts = new JsonObject();
        // The script's texts: the "ui." keys of the site's one bundle, without the prefix.
        Messages m = new Messages(lang);
        for (String k : new TreeSet<>(m.keys()))
            if (k.startsWith("ui."))
                texts.put(k.substring("ui.".length()), m.get(k));
        o.put("texts", texts);
        JsonArray examples = new JsonArray();
        StringBuilder all = new StringBuilder();
        for (QueryLibrary.Example e : QueryLibrary.all()) {
            JsonObject x = new JsonObject();
            String question = QueryLibrary.question(e, lang);
            x.put("name", e.name());
            x.put("tab", tabName(e.name(), question));
            x.put("question", question);
            x.put("view", view(e.text()));
            x.put("theme", theme(e.text()));
            x.put("query", inLanguage(e.text(), lang));
            examples.add(x);
            all.append(e.name()).append('\n').append(e.text()).append('\n');
        }
        o.put("examples", examples);
        JsonArray themes = new JsonArray();
        THEMES.forEach(themes::add);
        o.put("themes", themes);
        // Tabs are kept in the browser's storage under a key with this version, so a changed
        // library opens fresh example tabs instead of stale ones.
        o.put("version", digest(all.toString()).substring(0, 12));
        return o;
    }

    /** A short tab title: the example's number and the start of its question. */
    static String tabName(String name, String question) {
        String number = name.length() >= 2 && Character.isDigit(name.charAt(0)) ? name.substring(0, 2) + " " : "";
        String q = question.isEmpty() ? name : question;
        int max = q.codePoints().anyMatch(c -> c > 0x2E80) ? 12 : 24;
        if (q.codePointCount(0, q.length()) > max)
            q = q.substring(0, q.offsetByCodePoints(0, max)).strip() + "…";
        return number + q;
    }

    /** The theme named by a {@code # Theme:} line (one of {@link #THEMES}), or "overview". */
    static String theme(String text) {
        String t = header(text, "# Theme:");
        return THEMES.contains(t) ? t : "overview";
    }

    /**
     * The query with its labels in {@code lang}: a query whose {@code # Labels: en} line says its
     * {@code LANG(?x) = "en"} filters choose the language of display labels gets them in the
     * page's language instead (every entity the library shows has a label in both). Other
     * language filters, and queries without that line, are left as written.
     */
    static String inLanguage(String text, String lang) {
        if (lang.equals("en") || !"en".equals(header(text, "# Labels:")))
            return text;
        String q = LABEL_FILTER.matcher(text).replaceAll("$1\"" + lang + "\"");
        return q.replaceFirst("(?m)^# Labels: en$", "# Labels: " + lang);
    }

    private static String header(String text, String prefix) {
        for (String l : text.split("\\R"))
            if (l.startsWith(prefix))
                return l.substring(prefix.length()).strip().toLowerCase(Locale.ROOT);
        return "";
    }

    /** The view named by a {@code # View:} line, or "table". */
    static String view(String text) {
        for (String l : text.split("\\R")) {
            if (l.startsWith("# View:")) {
                String v = l.substring("# View:".length()).strip().toLowerCase(Locale.ROOT);
                if (VIEWS.contains(v))
                    return v;
            }
        }
        return "table";
    }

    /** The graph's prefixes as prefix.cc writes them: {"npo": "https://…#", …}. */
    static JsonObject prefixes() {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, String> e : Prefixes.ALL.entrySet())
            o.put(e.getKey(), e.getValue());
        return o;
    }

    /** {"properties": [IRI…], "classes": [IRI…]}: the terms this graph uses, computed once (the data is read only). */
    JsonObject terms() {
        JsonObject t = terms;
        if (t == null) {
            t = Txn.calculateRead(dataset, () -> {
                JsonObject o = new JsonObject();
                o.put("properties", column("properties", "p"));
                o.put("classes", column("classes", "c"));
                return o;
            });
            terms = t;
        }
        return t;
    }

    private JsonArray column(String query, String var) {
        TreeSet<String> iris = new TreeSet<>();
        for (Sparql.Row r : Sparql.select(dataset, EditorConfig.class, query, Map.of(), -1, -1))
            if (r.get(var) != null && r.get(var).isURI())
                iris.add(r.get(var).getURI());
        JsonArray a = new JsonArray();
        iris.forEach(a::add);
        return a;
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
