package org.newpathkg.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.vocab.Graphs;
import org.newpathkg.vocab.NPO;

/**
 * The HTML page of one resource of the graph: its labels in Japanese and English, types, the
 * statements about it (each with the claim that states it), the claims that mention it with
 * their passages and notes, an actor's timeline, a claim's assertions and provenance, and what
 * links to it. Every list is one page of at most {@link #PAGE} rows ({@code ?page=}).
 */
final class ResourcePage {
    static final int PAGE = 200;
    private static final String RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    private static final String SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel";

    private ResourcePage() {}

    /** The page of {@code iri}, which exists in {@code ds}; the caller holds a read transaction. */
    static String render(DatasetGraph ds, Node iri, PageContext ctx) {
        int page = ctx.req.page();
        long offset = (long) page * PAGE;
        Map<String, Node> self = Map.of("this", iri);
        String uri = iri.getURI();

        List<Sparql.Row> types = Sparql.select(ds, ResourcePage.class, "types", self, 500, 0);
        Set<String> typeSet = new HashSet<>();
        types.forEach(r -> typeSet.add(r.str("type")));
        boolean isClaim = typeSet.contains(NPO.Claim.getURI());
        boolean isNote = typeSet.contains(NPO.Note.getURI());
        boolean isActor = typeSet.contains(NPO.NS + "Actor") || typeSet.contains(NPO.NS + "State") || typeSet.contains(NPO.NS + "Person");
        boolean isGraph = uri.startsWith(Graphs.NS) || isClaim;

        List<Sparql.Row> out = Sparql.select(ds, ResourcePage.class, "outbound", self, PAGE + 1, offset);
        List<Sparql.Row> in = Sparql.select(ds, ResourcePage.class, "inbound", self, PAGE + 1, offset);
        List<Sparql.Row> claims = isClaim ? List.of() : Sparql.select(ds, ResourcePage.class, "claims", self, PAGE + 1, offset);
        List<Sparql.Row> graph = isGraph ? Sparql.select(ds, ResourcePage.class, "graph", self, PAGE + 1, offset) : List.of();
        List<Sparql.Row> passage = isClaim ? Sparql.select(ds, ResourcePage.class, "claim", self, 10, 0) : List.of();
        List<Sparql.Row> timeline = isActor ? Sparql.select(ds, ResourcePage.class, "timeline", self, 2000, 0) : List.of();
        List<Sparql.Row> terms = isClaim || page > 0 ? List.of() : Sparql.select(ds, ResourcePage.class, "terms", self, 2000, 0);
        boolean more = out.size() > PAGE || in.size() > PAGE || claims.size() > PAGE || graph.size() > PAGE;
        out = cut(out);
        in = cut(in);
        claims = cut(claims);
        graph = cut(graph);

        List<Node> claimNodes = new ArrayList<>();
        claims.forEach(r -> claimNodes.add(r.get("claim")));
        if (isClaim)
            claimNodes.add(iri);
        List<Sparql.Row> notes = claimNodes.isEmpty() ? List.of()
                : Sparql.select(ds, Sparql.withValues(ResourcePage.class, "notes", "claim", claimNodes), Map.of());

        List<Node> toLabel = new ArrayList<>();
        toLabel.add(iri);
        for (List<Sparql.Row> rows : List.of(types, out, in, claims, graph, passage, timeline, terms, notes))
            for (Sparql.Row r : rows)
                toLabel.addAll(r.values().values());
        ctx.loadLabels(ds, toLabel);

        StringBuilder b = new StringBuilder();
        header(b, ctx, uri, types);
        if (isClaim)
            claimPanel(b, ctx, uri, out, passage, notes);
        if (isNote)
            notePanel(b, ctx, out);
        if (!timeline.isEmpty()) {
            List<String> undated = new ArrayList<>();
            List<TimelineSvg.Item> items = TimelineSvg.fromRows(timeline, ctx, undated);
            b.append("<section aria-labelledby=\"h-timeline\"><h2 id=\"h-timeline\">").append(ctx.t("timeline")).append("</h2>");
            b.append("<p class=\"legend\"><span class=\"key event\"></span> ").append(ctx.t("timeline.events"))
             .append(" <span class=\"key office\"></span> ").append(ctx.t("timeline.offices"))
             .append(" <span class=\"key stance\"></span> ").append(ctx.t("timeline.stances")).append("</p>");
            b.append("<div class=\"scroll\">").append(TimelineSvg.render(items, ctx.label(uri) + " — " + ctx.t("timeline"))).append("</div>");
            if (!undated.isEmpty()) {
                b.append("<details><summary>").append(ctx.t("timeline.undated")).append(" (").append(undated.size()).append(")</summary><ul class=\"inline\">");
                for (String u : undated)
                    b.append("<li>").append(ctx.link(u, ctx.label(u))).append("</li>");
                b.append("</ul></details>");
            }
            b.append("</section>");
        }
        if (!isClaim && (!claims.isEmpty() || page == 0)) {
            b.append("<section aria-labelledby=\"h-claims\"><h2 id=\"h-claims\">")
             .append(ctx.t(isNote ? "claims.note" : "claims.about")).append("</h2>");
            if (claims.isEmpty())
                b.append("<p>").append(ctx.t("claims.none")).append("</p>");
            else
                claimCards(b, ctx, claims, notes);
            b.append("</section>");
        }
        if (!terms.isEmpty()) {
            b.append("<section aria-labelledby=\"h-terms\"><h2 id=\"h-terms\">").append(ctx.t("ontology.terms")).append("</h2><dl class=\"terms\">");
            for (Sparql.Row r : terms) {
                String t = r.str("term");
                String frag = t.substring(t.indexOf('#') + 1);
                b.append("<dt id=\"").append(Html.esc(frag)).append("\">").append(Html.esc(ctx.label(t)))
                 .append(" <code>").append(Html.esc(PageContext.shortName(t))).append("</code>");
                if (r.get("type") != null)
                    b.append(" <small class=\"tag\">").append(Html.esc(PageContext.shortName(r.str("type")))).append("</small>");
                b.append("</dt><dd>").append(r.get("comment") == null ? "" : "<span lang=\"en\">" + Html.esc(r.str("comment")) + "</span>").append("</dd>");
            }
            b.append("</dl></section>");
        }
        if (isGraph && !graph.isEmpty()) {
            b.append("<section aria-labelledby=\"h-graph\"><h2 id=\"h-graph\">").append(isClaim ? ctx.t("asserts") : ctx.t("graph")).append("</h2>");
            b.append("<table class=\"triples\"><thead><tr><th scope=\"col\">").append(ctx.t("subject")).append("</th><th scope=\"col\">")
             .append(ctx.t("property")).append("</th><th scope=\"col\">").append(ctx.t("value")).append("</th></tr></thead><tbody>");
            for (Sparql.Row r : graph)
                b.append("<tr><td>").append(ctx.link(r.get("s"))).append("</td><td>").append(ctx.link(r.get("p")))
                 .append("</td><td>").append(ctx.link(r.get("o"))).append("</td></tr>");
            b.append("</tbody></table></section>");
        }
        statements(b, ctx, out);
        inbound(b, ctx, in);
        pager(b, ctx, page, more);
        String title = ctx.label(uri);
        String head = alternates(ctx.req.path());
        return Layout.page(ctx, title, head, b.toString());
    }

    private static List<Sparql.Row> cut(List<Sparql.Row> rows) {
        return rows.size() > PAGE ? rows.subList(0, PAGE) : rows;
    }

    static String alternates(String path) {
        StringBuilder h = new StringBuilder();
        for (Conneg.Format f : Conneg.Format.values())
            if (f != Conneg.Format.HTML)
                h.append("<link rel=\"alternate\" type=\"").append(f.mediaType).append("\" href=\"")
                 .append(Html.esc(path + "?format=" + f.shortName)).append("\">\n");
        return h.toString();
    }

    private static void header(StringBuilder b, PageContext ctx, String uri, List<Sparql.Row> types) {
        String main = ctx.labelIn(uri, ctx.lang);
        String other = ctx.labelIn(uri, ctx.otherLang());
        if (main == null) {
            main = ctx.label(uri);
            other = null;
        }
        b.append("<header class=\"resource\"><h1 lang=\"").append(main.equals(ctx.labelIn(uri, ctx.otherLang())) ? ctx.otherLang() : ctx.lang)
         .append("\">").append(Html.esc(main)).append("</h1>");
        if (other != null && !other.equals(main))
            b.append("<p class=\"other-label\" lang=\"").append(ctx.otherLang()).append("\">").append(Html.esc(other)).append("</p>");
        b.append("<p class=\"iri\"><span>").append(ctx.t("iri")).append("</span> <code>").append(Html.esc(uri)).append("</code></p>");
        List<String> shown = new ArrayList<>();
        for (Sparql.Row r : types)
            if (!Graphs.INFERRED.getURI().equals(r.str("g")) && !shown.contains(r.str("type")))
                shown.add(r.str("type"));
        if (!shown.isEmpty()) {
            b.append("<p class=\"types\"><span>").append(ctx.t("types")).append("</span> ");
            for (String t : shown)
                b.append("<span class=\"type\">").append(ctx.link(t, ctx.label(t))).append("</span> ");
            b.append("</p>");
        }
        String path = ctx.req.path();
        b.append("<p class=\"download\"><span>").append(ctx.t("download")).append("</span> ");
        for (Conneg.Format f : List.of(Conneg.Format.TURTLE, Conneg.Format.JSONLD, Conneg.Format.NTRIPLES, Conneg.Format.TRIG))
            b.append("<a href=\"").append(Html.esc(path + "?format=" + f.shortName)).append("\" type=\"").append(f.mediaType).append("\">")
             .append(f.name().equals("JSONLD") ? "JSON-LD" : f.name().equals("NTRIPLES") ? "N-Triples" : f.name().equals("TRIG") ? "TriG" : "Turtle").append("</a> ");
        b.append("</p></header>");
    }

    private static List<Node> values(List<Sparql.Row> out, String prop) {
        List<Node> v = new ArrayList<>();
        for (Sparql.Row r : out)
            if (prop.equals(r.str("p")) && !v.contains(r.get("o")))
                v.add(r.get("o"));
        return v;
    }

    private static void claimPanel(StringBuilder b, PageContext ctx, String uri, List<Sparql.Row> out,
                                   List<Sparql.Row> passage, List<Sparql.Row> notes) {
        b.append("<section class=\"claim-panel\" aria-labelledby=\"h-prov\"><h2 id=\"h-prov\">").append(ctx.t("provenance")).append("</h2><dl class=\"props\">");
        for (Node m : values(out, NPO.NS + "modality"))
            b.append("<dt>").append(ctx.t("modality")).append("</dt><dd>").append(badge(ctx, m)).append("</dd>");
        for (Sparql.Row p : passage) {
            if (p.get("source") != null)
                b.append("<dt>").append(ctx.t("section")).append("</dt><dd>").append(ctx.link(p.get("source"))).append("</dd>");
            if (p.get("exact") != null) {
                b.append("<dt id=\"quote\">").append(ctx.t("passage")).append("</dt><dd><blockquote class=\"passage\" lang=\"ja\">");
                if (p.get("prefix") != null)
                    b.append("<span class=\"context\">…").append(Html.esc(p.str("prefix"))).append("</span>");
                b.append("<mark>").append(Html.esc(p.str("exact"))).append("</mark>");
                if (p.get("suffix") != null)
                    b.append("<span class=\"context\">").append(Html.esc(p.str("suffix"))).append("…</span>");
                b.append("</blockquote></dd>");
            }
        }
        for (Node g : values(out, NPO.gloss.getURI()))
            b.append("<dt>").append(ctx.t("gloss")).append("</dt><dd lang=\"en\">").append(Html.esc(g.getLiteralLexicalForm())).append("</dd>");
        String refs = noteRefs(ctx, uri, notes);
        if (!refs.isEmpty())
            b.append("<dt>").append(ctx.t("notes")).append("</dt><dd>").append(refs).append("</dd>");
        for (Node s : values(out, NPO.NS + "sourcing"))
            b.append("<dt>").append(ctx.t("sourcing")).append("</dt><dd>").append(ctx.link(s)).append("</dd>");
        List<Node> remarks = values(out, NPO.NS + "remark");
        if (!remarks.isEmpty()) {
            b.append("<dt>").append(ctx.t("remarks")).append("</dt><dd><ul>");
            for (Node r : remarks)
                b.append("<li>").append(ctx.literal(r)).append("</li>");
            b.append("</ul></dd>");
        }
        b.append("</dl></section>");
    }

    private static void notePanel(StringBuilder b, PageContext ctx, List<Sparql.Row> out) {
        List<Node> texts = values(out, NPO.noteText.getURI());
        if (texts.isEmpty())
            return;
        b.append("<section aria-labelledby=\"h-note\"><h2 id=\"h-note\">").append(ctx.t("notes")).append("</h2>");
        for (Node t : texts)
            b.append("<blockquote class=\"note-text\" lang=\"ja\">").append(Html.esc(t.getLiteralLexicalForm())).append("</blockquote>");
        b.append("<ul class=\"works\">");
        for (Node w : values(out, NPO.NS + "cites"))
            b.append("<li>").append(ctx.link(w)).append("</li>");
        b.append("</ul></section>");
    }

    /** The modality as a badge whose colour says which of the five it is. */
    static String badge(PageContext ctx, Node modality) {
        String local = modality.isURI() ? modality.getURI().substring(modality.getURI().lastIndexOf('#') + 1) : "x";
        return "<span class=\"badge m-" + Html.esc(local) + "\">" + ctx.link(modality) + "</span>";
    }

    /** The notes {@code claim} cites, each as a full reference: number, text as printed, works with URLs. */
    static String noteRefs(PageContext ctx, String claim, List<Sparql.Row> notes) {
        Map<String, List<Sparql.Row>> byNote = new LinkedHashMap<>();
        for (Sparql.Row r : notes)
            if (claim.equals(r.str("claim")))
                byNote.computeIfAbsent(r.str("note"), k -> new ArrayList<>()).add(r);
        if (byNote.isEmpty())
            return "";
        StringBuilder b = new StringBuilder("<ol class=\"refs\">");
        for (Map.Entry<String, List<Sparql.Row>> e : byNote.entrySet()) {
            Sparql.Row first = e.getValue().get(0);
            b.append("<li>").append(ctx.link(e.getKey(), ctx.label(e.getKey()))).append(": ");
            if (first.get("text") != null)
                b.append("<q lang=\"ja\">").append(Html.esc(first.str("text"))).append("</q>");
            List<String> seen = new ArrayList<>();
            for (Sparql.Row r : e.getValue()) {
                if (r.get("work") == null || seen.contains(r.str("work")))
                    continue;
                seen.add(r.str("work"));
                b.append(" <span class=\"work\">→ ").append(ctx.link(r.get("work")));
                if (r.get("url") != null && r.get("url").isURI())
                    b.append(" <a class=\"ext\" rel=\"external\" href=\"").append(Html.esc(r.str("url"))).append("\">")
                     .append(Html.esc(r.str("url"))).append("</a>");
                b.append("</span>");
            }
            b.append("</li>");
        }
        return b.append("</ol>").toString();
    }

    /** Claim cards: modality, link, section, the Japanese passage, the English gloss, the notes. */
    static void claimCards(StringBuilder b, PageContext ctx, List<Sparql.Row> claims, List<Sparql.Row> notes) {
        b.append("<ol class=\"claims\">");
        for (Sparql.Row r : claims) {
            String c = r.str("claim");
            b.append("<li class=\"claim\"><p class=\"claim-head\">");
            if (r.get("modality") != null)
                b.append(badge(ctx, r.get("modality"))).append(' ');
            b.append(ctx.link(c, PageContext.shortName(c)));
            if (r.get("section") != null)
                b.append(" · ").append(ctx.link(r.get("section")));
            b.append("</p>");
            if (r.get("exact") != null)
                b.append("<blockquote class=\"passage\" lang=\"ja\">").append(Html.esc(r.str("exact"))).append("</blockquote>");
            if (r.get("gloss") != null)
                b.append("<p class=\"gloss\" lang=\"en\">").append(Html.esc(r.str("gloss"))).append("</p>");
            b.append(noteRefs(ctx, c, notes));
            b.append("</li>");
        }
        b.append("</ol>");
    }

    private static void statements(StringBuilder b, PageContext ctx, List<Sparql.Row> out) {
        b.append("<section aria-labelledby=\"h-st\"><h2 id=\"h-st\">").append(ctx.t("statements")).append("</h2>");
        if (out.isEmpty()) {
            b.append("<p>").append(ctx.t("statements.none")).append("</p></section>");
            return;
        }
        b.append("<table class=\"props\"><thead><tr><th scope=\"col\">").append(ctx.t("property")).append("</th><th scope=\"col\">")
         .append(ctx.t("value")).append("</th><th scope=\"col\">").append(ctx.t("according")).append("</th></tr></thead><tbody>");
        for (Sparql.Row r : out) {
            String p = r.str("p");
            if ((p.equals(RDFS_LABEL) || p.equals(SKOS_PREF)) && Graphs.ENTITIES.getURI().equals(r.str("g")))
                continue;
            b.append("<tr><th scope=\"row\">").append(ctx.link(r.get("p"))).append("</th><td>").append(ctx.link(r.get("o")))
             .append("</td><td>").append(graphNote(ctx, r.get("g"))).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    /** Where a triple comes from: a claim (linked), "inferred", or the fixed graph's short name. */
    private static String graphNote(PageContext ctx, Node g) {
        if (g == null)
            return "";
        if (g.equals(Graphs.INFERRED))
            return "<small class=\"tag inferred\">" + ctx.t("inferred") + "</small>";
        if (g.getURI().startsWith(Graphs.CLAIM_NS))
            return ctx.link(g.getURI(), PageContext.shortName(g.getURI()));
        return "<small class=\"tag\">" + ctx.link(g.getURI(), PageContext.shortName(g.getURI())) + "</small>";
    }

    private static void inbound(StringBuilder b, PageContext ctx, List<Sparql.Row> in) {
        b.append("<section aria-labelledby=\"h-in\"><h2 id=\"h-in\">").append(ctx.t("referenced")).append("</h2>");
        if (in.isEmpty()) {
            b.append("<p>").append(ctx.t("referenced.none")).append("</p></section>");
            return;
        }
        b.append("<table class=\"props\"><thead><tr><th scope=\"col\">").append(ctx.t("subject")).append("</th><th scope=\"col\">")
         .append(ctx.t("property")).append("</th><th scope=\"col\">").append(ctx.t("according")).append("</th></tr></thead><tbody>");
        for (Sparql.Row r : in)
            b.append("<tr><td>").append(ctx.link(r.get("s"))).append("</td><td>").append(ctx.link(r.get("p")))
             .append("</td><td>").append(graphNote(ctx, r.get("g"))).append("</td></tr>");
        b.append("</tbody></table></section>");
    }

    /** Previous/next links when a list is longer than a page. */
    static void pager(StringBuilder b, PageContext ctx, int page, boolean more) {
        if (page == 0 && !more)
            return;
        b.append("<nav class=\"pager\" aria-label=\"").append(ctx.t("page.of")).append("\">");
        if (page > 0)
            b.append("<a rel=\"prev\" href=\"").append(Html.esc(ctx.href(ctx.req.path() + "?page=" + (page - 1)))).append("\">← ")
             .append(ctx.t("page.prev")).append("</a> ");
        b.append("<span>").append(ctx.t("page.of")).append(' ').append(page + 1).append("</span>");
        if (more)
            b.append(" <a rel=\"next\" href=\"").append(Html.esc(ctx.href(ctx.req.path() + "?page=" + (page + 1)))).append("\">")
             .append(ctx.t("page.next")).append(" →</a>");
        b.append("<p><small>").append(Html.esc(ctx.t("truncated").replace("{0}", Integer.toString(PAGE)))).append("</small></p></nav>");
    }
}
