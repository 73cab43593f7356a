package org.newpathkg.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.text.TextLookup;

/**
 * {@code /complete?prefix=…&lang=}: the things of this graph ({@code np:}, {@code …/id/…}) whose
 * local name starts with {@code prefix}, then those whose label has a word starting so (the search
 * page's lookup), at most {@value #MAX} of them, each with its label in the page's language and its
 * most specific type: what the query editor's entity completion ({@code ui/complete.js}) offers
 * after {@code np:}. A prefix past {@link TextLookup#MAX_QUERY_CHARS} characters is a 400.
 *
 * <pre>{@code
 * GET /complete?prefix=dp  →  {"result": [{"iri": "https://w3id.org/newpath-kg/id/dprk", "name": "dprk",
 *                                          "label": "North Korea", "type": "state"}, …]}
 * }</pre>
 */
final class Completion {
    static final int MAX = 20;
    private final DatasetGraph ds;
    private final Finder finder;
    /** The local names of the typed things under {@link Reconciliation#ID_SPACE}, sorted; the data is read only, so read once. */
    private volatile NavigableSet<String> names;

    Completion(DatasetGraph ds, Finder finder) {
        this.ds = ds;
        this.finder = finder;
    }

    Response handle(PageContext ctx) {
        String prefix;
        try {
            prefix = TextLookup.checked(ctx.req.param("prefix", ""));
        } catch (TextLookup.TooLong e) {
            return SearchPage.jsonError(400, e.getMessage());
        }
        String p = prefix;
        List<SearchView.Thing> things = Txn.calculateRead(ds, () -> {
            Set<String> iris = new LinkedHashSet<>();
            for (String n : localNames().tailSet(p, true)) {
                if (!n.startsWith(p) || iris.size() >= MAX)
                    break;
                iris.add(Reconciliation.ID_SPACE + n);
            }
            if (!p.isEmpty() && iris.size() < MAX)
                for (SearchView.Thing t : finder.thingsByPrefix(p, MAX, ctx))
                    if (iris.size() < MAX && isEntity(t.iri()))
                        iris.add(t.iri());
            return finder.describe(new ArrayList<>(iris), ctx);
        });
        JsonArray out = new JsonArray();
        for (SearchView.Thing t : things) {
            JsonObject o = new JsonObject();
            o.put("iri", t.iri());
            o.put("name", t.iri().substring(Reconciliation.ID_SPACE.length()));
            o.put("label", t.label());
            if (!t.types().isEmpty())
                o.put("type", t.types().get(0).text());
            out.add(o);
        }
        JsonObject answer = new JsonObject();
        answer.put("result", out);
        return Response.text(200, "application/json", JSON.toString(answer));
    }

    private static boolean isEntity(String iri) {
        return iri.startsWith(Reconciliation.ID_SPACE) && iri.indexOf('/', Reconciliation.ID_SPACE.length()) < 0 && iri.indexOf('#') < 0;
    }

    private NavigableSet<String> localNames() {
        NavigableSet<String> n = names;
        if (n == null) {
            TreeSet<String> all = new TreeSet<>();
            for (Sparql.Row r : Sparql.select(ds, Completion.class, "entities", Map.of(), -1, 0))
                if (isEntity(r.str("x")))
                    all.add(r.str("x").substring(Reconciliation.ID_SPACE.length()));
            names = n = all;
        }
        return n;
    }
}
