package org.newpathkg.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.text.TextLookup;

/**
 * The one lookup behind the search page, the editor's completion and the reconciliation service:
 * {@link TextLookup}'s hits on the text index, completed from the graph with labels in the page's
 * language, most specific types, and for a passage the claim it belongs to. Callers hold a read
 * transaction.
 */
final class Finder {
    private final DatasetGraph ds;
    private volatile TextLookup lookup;

    Finder(DatasetGraph ds) {
        this.ds = ds;
    }

    private TextLookup lookup() {
        TextLookup l = lookup;
        if (l == null) {
            l = TextLookup.of(ds);
            if (l == null)
                throw new IllegalStateException("the dataset has no text index");
            lookup = l;
        }
        return l;
    }

    /** Things named {@code q}, best first, at most {@code limit}. */
    List<SearchView.Thing> things(String q, int limit, PageContext ctx) {
        return things(lookup().names(q, limit), ctx);
    }

    /** Things with a name starting as {@code prefix} is written, best first, at most {@code limit}. */
    List<SearchView.Thing> thingsByPrefix(String prefix, int limit, PageContext ctx) {
        return things(lookup().namePrefix(prefix, limit), ctx);
    }

    /** The things {@code iris} with their labels and most specific types, in the order given. */
    List<SearchView.Thing> describe(List<String> iris, PageContext ctx) {
        return things(iris.stream().map(i -> new TextLookup.Hit(i, "label", "", "", 0f, List.of())).toList(), ctx);
    }

    private List<SearchView.Thing> things(List<TextLookup.Hit> hits, PageContext ctx) {
        if (hits.isEmpty())
            return List.of();
        List<Node> nodes = hits.stream().map(h -> NodeFactory.createURI(h.subject())).toList();
        Map<String, List<String>> types = new HashMap<>();
        for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(Finder.class, "types", "x", nodes), Map.of()))
            types.computeIfAbsent(r.str("x"), k -> new ArrayList<>()).add(r.str("type"));
        List<Node> toLabel = new ArrayList<>(nodes);
        types.values().forEach(ts -> ts.forEach(t -> toLabel.add(NodeFactory.createURI(t))));
        ctx.loadLabels(ds, toLabel);
        List<SearchView.Thing> out = new ArrayList<>();
        for (TextLookup.Hit h : hits) {
            String iri = h.subject();
            String label = ctx.label(iri);
            List<String> ts = types.getOrDefault(iri, List.of()).stream().sorted().toList();
            String matched = h.text().isEmpty() || h.text().equals(label) ? null : h.text();
            out.add(new SearchView.Thing(iri, ctx.labelled(iri), label, ctx.labelLang(iri), matched,
                    h.lang().isEmpty() ? null : h.lang(), ts.stream().map(t -> ctx.value(NodeFactory.createURI(t))).toList(), ts, h.score()));
        }
        return out;
    }

    /** Claims whose passage or gloss has the words of {@code q}, best first, one entry per claim, at most {@code limit}. */
    List<SearchView.ClaimHit> claims(String q, int limit, PageContext ctx) {
        List<TextLookup.Hit> hits = lookup().passages(q, limit * 2);
        if (hits.isEmpty())
            return List.of();
        List<Node> nodes = hits.stream().map(h -> NodeFactory.createURI(h.subject())).distinct().toList();
        Map<String, Sparql.Row> claimOf = new HashMap<>();
        List<Node> sections = new ArrayList<>();
        for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(Finder.class, "claims", "hit", nodes), Map.of())) {
            claimOf.putIfAbsent(r.str("hit"), r);
            if (r.get("section") != null)
                sections.add(r.get("section"));
        }
        ctx.loadLabels(ds, sections);
        Map<String, SearchView.ClaimHit> byClaim = new LinkedHashMap<>();
        for (TextLookup.Hit h : hits) {
            Sparql.Row r = claimOf.get(h.subject());
            if (r == null)
                continue;
            String claim = r.str("claim");
            List<SearchView.Run> marked = h.spans().stream().map(s -> new SearchView.Run(s.text(), s.match())).toList();
            SearchView.ClaimHit prev = byClaim.get(claim);
            boolean isGloss = h.field().equals("gloss");
            List<SearchView.Run> passage = !isGloss ? marked
                    : prev != null ? prev.passage() : plain(r.str("exact"));
            List<SearchView.Run> gloss = isGloss ? marked
                    : prev != null ? prev.gloss() : plain(r.str("gloss"));
            String path = ctx.site.pathFor(claim);
            String id = claim.substring(claim.lastIndexOf('/') + 1);
            byClaim.put(claim, new SearchView.ClaimHit(claim, path == null ? null : ctx.href(path), id,
                    r.get("section") == null ? null : ctx.value(r.get("section")), passage, gloss,
                    prev != null ? prev.matchedField() + " " + h.field() : h.field(),
                    prev != null ? prev.score() : h.score()));
        }
        return byClaim.values().stream().limit(limit).toList();
    }

    private static List<SearchView.Run> plain(String text) {
        return text == null ? List.of() : List.of(new SearchView.Run(text, false));
    }
}
