package org.newpathkg.web;

/**
 * {@code /ui}: a SPARQL editor (a textarea), the query library as ready examples, and results
 * shown as a table in the page ({@code ui.js} posts to {@code /newpath/sparql}). Without
 * JavaScript the form still posts the query to the endpoint. {@code ?example=NN-slug} or
 * {@code ?query=} preload the editor.
 */
final class QueryUiPage {
    static final String DEFAULT = """
            PREFIX npo: <https://w3id.org/newpath-kg/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?state ?label WHERE {
              ?state a npo:State ; rdfs:label ?label .
              FILTER ( LANG(?label) = "en" )
            }
            ORDER BY ?label
            """;

    private QueryUiPage() {}

    static String render(PageContext ctx) {
        String example = ctx.req.param("example", "");
        String text = ctx.req.param("query", null);
        if (text == null)
            text = QueryLibrary.get(example).map(QueryLibrary.Example::text).orElse(DEFAULT);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(ctx.t("ui.title")).append("</h1>");
        b.append("<form id=\"query-form\" method=\"post\" action=\"/newpath/sparql\">");
        b.append("<p><label for=\"example\">").append(ctx.t("ui.examples")).append("</label> <select id=\"example\" name=\"example\">")
         .append("<option value=\"\">").append(ctx.t("ui.choose")).append("</option>");
        for (QueryLibrary.Example e : QueryLibrary.all())
            b.append("<option value=\"").append(Html.esc(e.name())).append("\"").append(e.name().equals(example) ? " selected" : "")
             .append(">").append(Html.esc(e.name().substring(0, Math.min(2, e.name().length())) + " · " + QueryLibrary.question(e, ctx.lang)))
             .append("</option>");
        b.append("</select></p>");
        b.append("<p><label for=\"query\">").append(ctx.t("ui.query")).append("</label></p>");
        b.append("<textarea id=\"query\" name=\"query\" rows=\"16\" spellcheck=\"false\" autocapitalize=\"off\">").append(Html.esc(text)).append("</textarea>");
        b.append("<p><button id=\"run\" type=\"submit\">").append(ctx.t("ui.run")).append("</button> <small>")
         .append(ctx.t("ui.endpoint")).append(" <code>/newpath/sparql</code></small></p></form>");
        b.append("<section aria-labelledby=\"h-res\"><h2 id=\"h-res\">").append(ctx.t("ui.results"))
         .append("</h2><p id=\"status\" role=\"status\" aria-live=\"polite\"></p><div id=\"results\" class=\"scroll\"></div></section>");
        String head = "<script src=\"/static/ui.js\" defer></script>\n";
        return Layout.page(ctx, ctx.t("ui.title"), head, b.toString());
    }
}
