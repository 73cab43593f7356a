package org.newpathkg.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.text.TextLookup;

/**
 * {@code /search?q=}: things found by name first, then claims found by passage or gloss with the
 * matched words marked, each linked to its page; in the page's language ({@code ?lang=ja}). The
 * same as JSON for scripts with {@code ?format=json} or {@code Accept: application/json}. A query
 * longer than {@link TextLookup#MAX_QUERY_CHARS} characters, or an unknown format, is a 400 that
 * says why; an empty query shows the search box (JSON: 400, there is nothing to search).
 *
 * <pre>{@code
 * curl 'http://localhost:3030/search?q=denuclearization&format=json'
 * }</pre>
 */
final class SearchPage {
    /** Things shown at most. */
    static final int THINGS = 20;
    /** Claims shown at most. */
    static final int CLAIMS = 50;

    private SearchPage() {}

    static Response handle(DatasetGraph ds, Finder finder, PageContext ctx) {
        Request req = ctx.req;
        String format = req.param("format", null);
        boolean json;
        if (format == null)
            json = wantsJson(req.accept());
        else if (format.equals("json") || format.equals("html"))
            json = format.equals("json");
        else
            return Response.text(400, "text/plain", "Unknown format; the search answers ?format=html or ?format=json.\n");
        String raw = req.param("q", "");
        String error = null;
        String q = "";
        try {
            q = TextLookup.checked(raw);
        } catch (TextLookup.TooLong e) {
            error = e.getMessage();
        }
        if (json) {
            if (error != null)
                return jsonError(400, error);
            if (q.isEmpty())
                return jsonError(400, "Nothing to search for: give the words as ?q=.");
        }
        String shown = raw.length() > TextLookup.MAX_QUERY_CHARS ? raw.substring(0, TextLookup.MAX_QUERY_CHARS) : raw;
        List<SearchView.Thing> things = List.of();
        List<SearchView.ClaimHit> claims = List.of();
        if (error == null && !q.isEmpty()) {
            String query = q;
            var found = Txn.calculateRead(ds, () -> Map.entry(finder.things(query, THINGS, ctx), finder.claims(query, CLAIMS, ctx)));
            things = found.getKey();
            claims = found.getValue();
        }
        if (json)
            return json(q, ctx.lang, things, claims);
        Map<String, String> jsonParams = new TreeMap<>();
        jsonParams.put("q", shown);
        jsonParams.put("format", "json");
        if (ctx.lang.equals("ja"))
            jsonParams.put("lang", "ja");
        String title = q.isEmpty() ? ctx.t("search.title") : ctx.t("search.title") + ": " + q;
        SearchView.Page page = new SearchView.Page(ctx.frame(title, null, List.of(), false), shown, error, things, claims,
                "/search?" + PageContext.query(jsonParams), error == null && !q.isEmpty());
        return Response.text(error == null ? 200 : 400, "text/html", Templates.render("search.jte", page))
                .header("Vary", "Accept, Accept-Language");
    }

    /** True when the Accept header asks for JSON before HTML. */
    static boolean wantsJson(String accept) {
        if (accept == null)
            return false;
        int j = accept.indexOf("application/json");
        int h = accept.indexOf("text/html");
        return j >= 0 && (h < 0 || j < h);
    }

    private static Response json(String q, String lang, List<SearchView.Thing> things, List<SearchView.ClaimHit> claims) {
        JsonObject o = new JsonObject();
        o.put("q", q);
        o.put("lang", lang);
        JsonArray ts = new JsonArray();
        for (SearchView.Thing t : things) {
            JsonObject x = new JsonObject();
            x.put("iri", t.iri());
            if (t.link().href() != null)
                x.put("href", t.link().href());
            x.put("label", t.label());
            if (t.labelLang() != null)
                x.put("labelLang", t.labelLang());
            if (t.matched() != null)
                x.put("matched", t.matched());
            JsonArray types = new JsonArray();
            for (int i = 0; i < t.typeIris().size(); i++) {
                JsonObject ty = new JsonObject();
                ty.put("iri", t.typeIris().get(i));
                ty.put("label", t.types().get(i).text());
                types.add(ty);
            }
            x.put("types", types);
            x.put("score", org.apache.jena.atlas.json.JsonNumber.value(Math.round(t.score() * 1000) / 1000.0));
            ts.add(x);
        }
        o.put("things", ts);
        JsonArray cs = new JsonArray();
        for (SearchView.ClaimHit c : claims) {
            JsonObject x = new JsonObject();
            x.put("iri", c.iri());
            if (c.href() != null)
                x.put("href", c.href());
            if (c.section() != null)
                x.put("section", c.section().text());
            x.put("matched", c.matchedField());
            x.put("passage", runs(c.passage()));
            x.put("gloss", runs(c.gloss()));
            x.put("score", org.apache.jena.atlas.json.JsonNumber.value(Math.round(c.score() * 1000) / 1000.0));
            cs.add(x);
        }
        o.put("claims", cs);
        return Response.text(200, "application/json", JSON.toString(o)).header("Vary", "Accept, Accept-Language");
    }

    /** Runs as [{"text": ..., "match": true|false}]. */
    private static JsonArray runs(List<SearchView.Run> runs) {
        JsonArray a = new JsonArray();
        for (SearchView.Run r : runs) {
            JsonObject x = new JsonObject();
            x.put("text", r.text());
            x.put("match", r.match());
            a.add(x);
        }
        return a;
    }

    static Response jsonError(int status, String message) {
        JsonObject o = new JsonObject();
        o.put("error", message);
        return Response.text(status, "application/json", JSON.toString(o));
    }
}
