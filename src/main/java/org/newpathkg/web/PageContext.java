package org.newpathkg.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.vocab.Prefixes;

/**
 * What every page renders with: the chosen language ({@code ?lang=ja|en}, else Accept-Language,
 * else English), the interface texts in that language ({@link Messages}), the labels of the IRIs
 * on the page (fetched in one query), and links that keep the language and point to our own pages
 * for our IRIs. It makes {@link View.Value}s, never markup.
 */
final class PageContext {
    final Request req;
    final Site site;
    final String lang;
    final Messages texts;
    private final Map<String, Map<String, String>> labels = new HashMap<>();

    PageContext(Request req, Site site) {
        this.req = req;
        this.site = site;
        this.lang = chooseLang(req.param("lang", null), req.acceptLanguage());
        this.texts = new Messages(lang);
    }

    /** {@code ?lang=} when it is ja or en, else the first of ja/en in Accept-Language by q-value, else en. */
    static String chooseLang(String param, String acceptLanguage) {
        if ("ja".equals(param) || "en".equals(param))
            return param;
        if (acceptLanguage == null || acceptLanguage.length() > 1000)
            return "en";
        double ja = 0, en = 0;
        for (String part : acceptLanguage.split(",")) {
            String[] p = part.split(";");
            String tag = p[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < p.length; i++)
                if (p[i].strip().startsWith("q="))
                    try {
                        q = Double.parseDouble(p[i].strip().substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
            if ((tag.equals("ja") || tag.startsWith("ja-")) && q > ja)
                ja = q;
            if ((tag.equals("en") || tag.startsWith("en-")) && q > en)
                en = q;
        }
        return ja > en ? "ja" : "en";
    }

    /** The other language than the page's. */
    String otherLang() {
        return lang.equals("ja") ? "en" : "ja";
    }

    /** The interface text {@code key} in the page's language. */
    String t(String key) {
        return texts.get(key);
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

    /** The frame of a page titled {@code title} (in {@code titleLang}, null for the page's language). */
    View.Frame frame(String title, String titleLang, List<View.Alternate> alternates, boolean describedByVoid) {
        List<View.LangLink> langs = new ArrayList<>();
        for (String l : Messages.LANGUAGES) {
            // Only the parameters a page understands travel to its other language; the rest are dropped, not echoed.
            Map<String, String> params = new TreeMap<>();
            for (String keep : List.of("page", "actor", "order"))
                if (req.params().containsKey(keep))
                    params.put(keep, req.params().get(keep));
            params.put("lang", l);
            langs.add(new View.LangLink(l, l.equals("ja") ? "日本語" : "English", req.path() + "?" + query(params), l.equals(lang)));
        }
        return new View.Frame(lang, title, titleLang, texts, href("/"), href("/timeline"), href("/ui"), href("/ontology"),
                langs, alternates, describedByVoid);
    }

    /** A URL query string from {@code params}, each name and value percent-encoded. */
    static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, val) -> {
            if (b.length() > 0)
                b.append('&');
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(val, StandardCharsets.UTF_8));
        });
        return b.toString();
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

    /** The language of {@link #label}'s answer for {@code iri}, or null when it is a prefixed name or untagged. */
    String labelLang(String iri) {
        Map<String, String> m = labels.getOrDefault(iri, Map.of());
        for (String lg : List.of(lang, otherLang()))
            if (m.containsKey(lg))
                return lg;
        return null;
    }

    /** {@code npo:State} for a known namespace, else the IRI. */
    static String shortName(String iri) {
        for (Map.Entry<String, String> e : Prefixes.ALL.entrySet())
            if (iri.startsWith(e.getValue()) && iri.length() > e.getValue().length())
                return e.getKey() + ":" + iri.substring(e.getValue().length());
        return iri;
    }

    /** True for an IRI a browser may follow from our pages: http or https only. */
    static boolean webIri(String iri) {
        String l = iri.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /** A node as a value: a labelled link for IRIs, its text for literals. */
    View.Value value(Node n) {
        if (n.isURI())
            return value(n.getURI(), label(n.getURI()));
        if (n.isBlank())
            return new View.Value("bnode", null, "[…]", null, null);
        return literal(n);
    }

    /** A link to {@code iri} labelled {@code text}: our page for our IRIs, the IRI for other http(s) IRIs, else text. */
    View.Value value(String iri, String text) {
        String path = site.pathFor(iri);
        if (path != null)
            return View.Value.link(href(path), text, false);
        if (webIri(iri))
            return View.Value.link(iri, text, true);
        return View.Value.text(text, null, null);
    }

    /** {@link #value(String, String)} with the label's language kept, so a Japanese label is marked lang="ja". */
    View.Value labelled(String iri) {
        View.Value v = value(iri, label(iri));
        return new View.Value(v.kind(), v.href(), v.text(), labelLang(iri), null);
    }

    /** A literal: its text with its language, or its datatype shown small. */
    View.Value literal(Node n) {
        String lex = n.getLiteralLexicalForm();
        String lg = n.getLiteralLanguage();
        if (!lg.isEmpty())
            return View.Value.text(lex, lg, "@" + lg);
        String dt = n.getLiteralDatatypeURI();
        if (dt == null || dt.equals(XSDDatatype.XSDstring.getURI()))
            return View.Value.text(lex, null, null);
        return View.Value.text(lex, null, shortName(dt));
    }
}
