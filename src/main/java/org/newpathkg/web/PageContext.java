package org.newpathkg.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.vocab.Prefixes;

/**
 * What every page renders with: the chosen language ({@code ?lang=ja|en}, else Accept-Language,
 * else English), the interface texts in that language, the labels of the IRIs on the page
 * (fetched in one query), and links that keep the language and point to our own pages for our IRIs.
 */
final class PageContext {
    final Request req;
    final Site site;
    final String lang;
    private final ResourceBundle texts;
    private final Map<String, Map<String, String>> labels = new HashMap<>();

    PageContext(Request req, Site site) {
        this.req = req;
        this.site = site;
        this.lang = chooseLang(req.param("lang", null), req.acceptLanguage());
        this.texts = ResourceBundle.getBundle("org.newpathkg.web.messages", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static String chooseLang(String param, String acceptLanguage) {
        if ("ja".equals(param) || "en".equals(param))
            return param;
        if (acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("ja"))
            return "ja";
        return "en";
    }

    /** The other language than the page's. */
    String otherLang() {
        return lang.equals("ja") ? "en" : "ja";
    }

    /** The interface text {@code key} in the page's language (not escaped: texts are ours). */
    String t(String key) {
        return texts.getString(key);
    }

    /** {@code path} (may carry a query and a fragment) with the page language kept when it is not the default. */
    String href(String path) {
        if (!lang.equals("ja"))
            return path;
        String frag = "";
        int h = path.indexOf('#');
        if (h >= 0) {
            frag = path.substring(h);
            path = path.substring(0, h);
        }
        return path + (path.contains("?") ? "&" : "?") + "lang=ja" + frag;
    }

    /** Fetches the ja/en labels of {@code nodes} (rdfs:label, else skos:prefLabel) in one query. */
    void loadLabels(DatasetGraph ds, Collection<Node> nodes) {
        Set<Node> todo = new LinkedHashSet<>();
        for (Node n : nodes)
            if (n != null && n.isURI() && !labels.containsKey(n.getURI()))
                todo.add(n);
        if (todo.isEmpty())
            return;
        List<Node> list = new ArrayList<>(todo);
        for (int i = 0; i < list.size(); i += 500) {
            List<Node> chunk = list.subList(i, Math.min(list.size(), i + 500));
            for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(PageContext.class, "labels", "x", chunk), Map.of())) {
                Node l = r.get("label");
                String lg = l.getLiteralLanguage().isEmpty() ? "" : l.getLiteralLanguage().toLowerCase(Locale.ROOT);
                Map<String, String> m = labels.computeIfAbsent(r.str("x"), k -> new HashMap<>());
                boolean primary = r.str("p").endsWith("#label");
                if (primary || !m.containsKey(lg))
                    m.put(lg, l.getLiteralLexicalForm());
            }
        }
        for (Node n : todo)
            labels.computeIfAbsent(n.getURI(), k -> new HashMap<>());
    }

    /** The label of {@code iri} in {@code lg}, or null. */
    String labelIn(String iri, String lg) {
        Map<String, String> m = labels.get(iri);
        return m == null ? null : m.get(lg);
    }

    /** The best label of {@code iri}: page language, other language, untagged, else a prefixed name. */
    String label(String iri) {
        Map<String, String> m = labels.getOrDefault(iri, Map.of());
        for (String lg : List.of(lang, otherLang(), ""))
            if (m.containsKey(lg))
                return m.get(lg);
        for (String v : m.values())
            return v;
        return shortName(iri);
    }

    /** {@code npo:State} for a known namespace, else the IRI. */
    static String shortName(String iri) {
        for (Map.Entry<String, String> e : Prefixes.ALL.entrySet())
            if (iri.startsWith(e.getValue()) && iri.length() > e.getValue().length())
                return e.getKey() + ":" + iri.substring(e.getValue().length());
        return iri;
    }

    /** A link to {@code iri}: our page for our IRIs, the IRI itself otherwise; labelled. */
    String link(Node n) {
        if (n.isURI())
            return link(n.getURI(), label(n.getURI()));
        if (n.isBlank())
            return "<span class=\"bnode\">[…]</span>";
        return literal(n);
    }

    String link(String iri, String text) {
        String path = site.pathFor(iri);
        if (path != null)
            return "<a href=\"" + Html.esc(href(path)) + "\">" + Html.esc(text) + "</a>";
        return "<a class=\"ext\" rel=\"external\" href=\"" + Html.esc(iri) + "\">" + Html.esc(text) + "</a>";
    }

    /** A literal: its text (escaped) with its language or datatype shown small. */
    String literal(Node n) {
        String lex = Html.esc(n.getLiteralLexicalForm());
        String lg = n.getLiteralLanguage();
        if (!lg.isEmpty())
            return "<span lang=\"" + Html.esc(lg) + "\">" + lex + "</span> <small class=\"tag\">@" + Html.esc(lg) + "</small>";
        String dt = n.getLiteralDatatypeURI();
        if (dt == null || dt.equals(XSDDatatype.XSDstring.getURI()))
            return lex;
        return lex + " <small class=\"tag\">" + Html.esc(shortName(dt)) + "</small>";
    }
}
