package org.newpathkg.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.newpathkg.vocab.NPO;

/**
 * The home page: what the graph is and where it comes from (the essay, cited as the data
 * cites it), its size ({@code queries/00-overview.rq}), entry points (states, persons, treaties,
 * parts of the essay, notes, the timeline) and the ways in for people and machines.
 */
final class HomePage {
    private HomePage() {}

    /**
     * Where a count opens its list: the entry lists below on this page, the timeline, or the
     * library query that lists what was counted (claims by modality and commitment, the
     * predictions on a condition, the argument's links), opened in the editor.
     */
    static final Map<String, String> COUNT_LISTS = Map.ofEntries(
            Map.entry("claims", "/ui?example=32-commitment-profile"), Map.entry("notes", "#entry-Note"),
            Map.entry("sections", "#entry-Section"), Map.entry("states", "#entry-State"), Map.entry("persons", "#entry-Person"),
            Map.entry("treaties", "#entry-Treaty"), Map.entry("events", "/timeline"), Map.entry("stances", "/ui?example=12-dprk-stances"),
            Map.entry("inferences", "/ui?example=35-argument-connectives"), Map.entry("conflicts", "/ui?example=39-contested-claims"),
            Map.entry("hedgedClaims", "/ui?example=30-most-and-least-certain"),
            Map.entry("conditionalPredictions", "/ui?example=29-conditional-predictions"));

    /** The counts of {@code queries/00-overview.rq} this page shows, in its order. */
    static final List<String> COUNTS = List.of("claims", "notes", "sections", "states", "persons", "treaties", "events", "stances",
            "inferences", "conflicts", "hedgedClaims", "conditionalPredictions");

    /** {@link #counts} of the packaged library's overview, made once (the library is part of the jar). */
    private static volatile String countsQuery;

    /**
     * The overview query as this page asks it: {@code overview} without the sub-selects whose count
     * the page does not show (the reported facts, all, dated and ordered, which the timeline shows),
     * so each count keeps the library query's definition and the page does not run the three
     * costliest parts: on a server just started they took 70 of the overview's 350 ms (first query,
     * medians of 6 start-ups, {@code docs/performance.md}). Each sub-select projects one count and
     * the outer query only joins their single rows, so dropping one changes no other. A query of any
     * other shape (an expression in the outer projection, a pattern that is not a sub-select) is asked whole.
     */
    static String counts(String overview) {
        Query full = QueryFactory.create(overview, Syntax.syntaxARQ);
        if (!full.isSelectType() || !full.getProject().getExprs().isEmpty() || !(full.getQueryPattern() instanceof ElementGroup body))
            return overview;
        ElementGroup kept = new ElementGroup();
        for (Element e : body.getElements()) {
            if (!(e instanceof ElementSubQuery sub) || sub.getQuery().getProjectVars().size() != 1)
                return overview;
            if (COUNTS.contains(sub.getQuery().getProjectVars().get(0).getVarName()))
                kept.addElement(e);
        }
        if (kept.size() == body.size() || kept.isEmpty())
            return overview;
        Query q = new Query();
        q.setQuerySelectType();
        q.setSyntax(Syntax.syntaxARQ);
        q.setPrefixMapping(full.getPrefixMapping());
        q.setQueryPattern(kept);
        for (Var v : full.getProjectVars())
            if (COUNTS.contains(v.getVarName()))
                q.addResultVar(v);
        return q.serialize();
    }

    private static String countHref(PageContext ctx, String count) {
        String to = COUNT_LISTS.get(count);
        if (to == null || (to.startsWith("/ui?example=") && QueryLibrary.get(to.substring("/ui?example=".length())).isEmpty()))
            return null;
        return to.startsWith("#") ? to : ctx.href(to);
    }

    static String render(DatasetGraph ds, PageContext ctx) {
        List<Sparql.Row> essay = Sparql.select(ds, HomePage.class, "essay", Map.of(), -1, 0);
        List<Sparql.Row> entries = Sparql.select(ds, HomePage.class, "entries", Map.of(), 2000, 0);
        String overview = countsQuery;
        if (overview == null) {
            String text = QueryLibrary.text("00-overview");
            overview = countsQuery = text == null ? "" : counts(text);
        }
        List<Sparql.Row> counts = overview.isEmpty() ? List.of()
                : Sparql.select(ds, QueryFactory.create(overview, Syntax.syntaxARQ), Map.of());
        List<Node> toLabel = new ArrayList<>();
        essay.forEach(r -> toLabel.addAll(r.values().values()));
        entries.forEach(r -> toLabel.add(r.get("x")));
        ctx.loadLabels(ds, toLabel);

        List<View.EssayCite> cites = new ArrayList<>();
        for (Sparql.Row r : essay) {
            String e = r.str("essay");
            String other = ctx.labelIn(e, ctx.otherLang());
            cites.add(new View.EssayCite(r.get("author") == null ? null : ctx.value(r.get("author")), ctx.labelled(e),
                    other == null ? null : new View.Text(other, ctx.otherLang()), r.str("language"), r.str("remark"), e));
        }
        List<View.Count> countList = new ArrayList<>();
        if (!counts.isEmpty())
            for (String v : COUNTS)
                if (counts.get(0).get(v) != null)
                    countList.add(new View.Count("count." + v, counts.get(0).str(v), countHref(ctx, v)));

        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (Sparql.Row r : entries)
            byKind.computeIfAbsent(r.str("kind"), k -> new ArrayList<>()).add(r.str("x"));
        List<View.EntryGroup> groups = new ArrayList<>();
        for (String[] k : new String[][] {{"State", "home.states"}, {"Person", "home.persons"}, {"Treaty", "home.treaties"},
                {"Section", "home.sections"}, {"Note", "home.notes"}}) {
            List<String> xs = byKind.get(NPO.NS + k[0]);
            if (xs == null)
                continue;
            // Sections and notes keep the essay's order; the rest are sorted by their label in the page's language.
            if (!k[0].equals("Section") && !k[0].equals("Note"))
                xs.sort((a, c) -> ctx.label(a).compareTo(ctx.label(c)));
            groups.add(new View.EntryGroup("entry-" + k[0], ctx.t(k[1]), k[0].equals("Note"), xs.stream().map(ctx::labelled).toList()));
        }
        List<View.ExampleLink> examples = new ArrayList<>();
        for (QueryLibrary.Example e : QueryLibrary.all())
            examples.add(new View.ExampleLink(ctx.href("/ui?example=" + e.name()), QueryLibrary.question(e, ctx.lang), e.name() + ".rq"));
        View.HomeView view = new View.HomeView(ctx.frame("newpath-kg", "en", List.of(), true), cites, countList,
                ctx.href("/ui?example=00-overview"), ctx.href("/timeline"), groups, ctx.href("/ui"), examples, ctx.href("/ontology"));
        return Templates.render("home.jte", view);
    }
}
