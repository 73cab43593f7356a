package org.newpathkg.web;

import java.util.ArrayList;
import java.util.List;

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
        List<View.ExampleOption> options = new ArrayList<>();
        for (QueryLibrary.Example e : QueryLibrary.all())
            options.add(new View.ExampleOption(e.name(), e.name().substring(0, Math.min(2, e.name().length())) + " · "
                    + QueryLibrary.question(e, ctx.lang), e.name().equals(example)));
        return Templates.render("ui.jte", new View.QueryView(ctx.frame(ctx.t("ui.title"), null, List.of(), false), options, text));
    }
}
