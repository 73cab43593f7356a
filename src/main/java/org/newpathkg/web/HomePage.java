package org.newpathkg.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.vocab.NPO;

/**
 * The home page: what the graph is and where it comes from (the essay, cited as the data
 * cites it), its size ({@code queries/00-overview.rq}), entry points (states, persons, treaties,
 * parts of the essay, notes, the timeline) and the ways in for people and machines.
 */
final class HomePage {
    private HomePage() {}

    static String render(DatasetGraph ds, PageContext ctx) {
        List<Sparql.Row> essay = Sparql.select(ds, HomePage.class, "essay", Map.of(), -1, 0);
        List<Sparql.Row> entries = Sparql.select(ds, HomePage.class, "entries", Map.of(), 2000, 0);
        String overview = QueryLibrary.text("00-overview");
        List<Sparql.Row> counts = overview == null ? List.of()
                : Sparql.select(ds, QueryFactory.create(overview, Syntax.syntaxARQ), Map.of());
        List<Node> toLabel = new ArrayList<>();
        essay.forEach(r -> toLabel.addAll(r.values().values()));
        entries.forEach(r -> toLabel.add(r.get("x")));
        ctx.loadLabels(ds, toLabel);

        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.esc(ctx.t("home.title"))).append("</h1>");
        b.append("<section aria-labelledby=\"h-src\"><h2 id=\"h-src\">").append(ctx.t("home.source")).append("</h2>");
        for (Sparql.Row r : essay) {
            String e = r.str("essay");
            b.append("<p class=\"cite\">");
            if (r.get("author") != null)
                b.append(ctx.link(r.get("author"))).append(", ");
            b.append("<cite>").append(ctx.link(e, ctx.label(e))).append("</cite>");
            String other = ctx.labelIn(e, ctx.otherLang());
            if (other != null)
                b.append(" (<span lang=\"").append(ctx.otherLang()).append("\">").append(Html.esc(other)).append("</span>)");
            if (r.get("language") != null)
                b.append(", <span class=\"tag\">").append(Html.esc(r.str("language"))).append("</span>");
            b.append(". <code>").append(Html.esc(e)).append("</code></p>");
            if (r.get("remark") != null)
                b.append("<p class=\"remark\" lang=\"en\">").append(Html.esc(r.str("remark"))).append("</p>");
        }
        b.append("<p>").append(ctx.lang.equals("ja")
                ? "論考の一文一文を主張（claim）とし、各主張は自らの名前付きグラフに構造化された内容（誰が・何を・いつ）を持ち、本文の引用箇所（日本語原文）、英語要約、言明種別、典拠の注へとたどれます。"
                : "Each statement of the essay is a claim; each claim is a named graph holding what it asserts (who, what, when) and can be traced to its verbatim Japanese passage, an English gloss, its modality and the notes it cites.")
         .append("</p></section>");

        if (!counts.isEmpty()) {
            b.append("<section aria-labelledby=\"h-counts\"><h2 id=\"h-counts\">").append(ctx.t("home.counts")).append("</h2><dl class=\"counts\">");
            Sparql.Row r = counts.get(0);
            for (String v : List.of("claims", "notes", "sections", "states", "persons", "treaties", "events", "stances"))
                if (r.get(v) != null)
                    b.append("<div><dt>").append(Html.esc(v)).append("</dt><dd>").append(Html.esc(r.str(v))).append("</dd></div>");
            b.append("</dl><p><a href=\"").append(Html.esc(ctx.href("/ui?example=00-overview"))).append("\">queries/00-overview.rq</a></p></section>");
        }

        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (Sparql.Row r : entries)
            byKind.computeIfAbsent(r.str("kind"), k -> new ArrayList<>()).add(r.str("x"));
        b.append("<section aria-labelledby=\"h-entry\"><h2 id=\"h-entry\">").append(ctx.t("home.entry")).append("</h2><div class=\"entries\">");
        b.append("<div><h3>").append(ctx.t("home.events")).append("</h3><p><a href=\"").append(Html.esc(ctx.href("/timeline")))
         .append("\">").append(ctx.t("nav.timeline")).append(" →</a></p></div>");
        for (String[] k : new String[][] {{"State", "home.states"}, {"Person", "home.persons"}, {"Treaty", "home.treaties"},
                {"Section", "home.sections"}, {"Note", "home.notes"}}) {
            List<String> xs = byKind.get(NPO.NS + k[0]);
            if (xs == null)
                continue;
            if (!k[0].equals("Section") && !k[0].equals("Note"))
                xs.sort((a, c) -> ctx.label(a).compareTo(ctx.label(c)));
            b.append("<div><h3>").append(ctx.t(k[1])).append("</h3><ul class=\"").append(k[0].equals("Note") ? "inline" : "plain").append("\">");
            for (String x : xs)
                b.append("<li>").append(ctx.link(x, ctx.label(x))).append("</li>");
            b.append("</ul></div>");
        }
        b.append("</div></section>");

        b.append("<section aria-labelledby=\"h-q\"><h2 id=\"h-q\">").append(ctx.t("home.query")).append("</h2>");
        b.append("<p><a class=\"button\" href=\"").append(Html.esc(ctx.href("/ui"))).append("\">").append(ctx.t("ui.title")).append(" →</a></p>");
        b.append("<details><summary>").append(ctx.t("home.examples")).append("</summary><ol class=\"examples\">");
        for (QueryLibrary.Example e : QueryLibrary.all())
            b.append("<li><a href=\"").append(Html.esc(ctx.href("/ui?example=" + e.name()))).append("\">").append(Html.esc(QueryLibrary.question(e, ctx.lang)))
             .append("</a> <code>").append(Html.esc(e.name())).append(".rq</code></li>");
        b.append("</ol></details></section>");

        b.append("<section aria-labelledby=\"h-m\"><h2 id=\"h-m\">").append(ctx.t("home.discovery")).append("</h2><ul>");
        b.append("<li><a href=\"/newpath/sparql\">SPARQL endpoint + service description</a> <code>/newpath/sparql</code></li>");
        b.append("<li><a href=\"/.well-known/void\">VoID</a> <code>/.well-known/void</code></li>");
        b.append("<li><a href=\"").append(Html.esc(ctx.href("/ontology"))).append("\">").append(ctx.t("nav.ontology")).append("</a> <code>https://w3id.org/newpath-kg/ontology#</code></li>");
        b.append("<li><a href=\"/newpath/get\">Graph Store (read only), TriG/N-Quads</a> <code>/newpath/get</code></li>");
        b.append("</ul></section>");
        String head = "<link rel=\"describedby\" type=\"text/turtle\" href=\"/.well-known/void\">\n";
        return Layout.page(ctx, "newpath-kg", head, b.toString());
    }
}
