package org.newpathkg.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * {@code /timeline}: every dated or ordered event, and whatever else a reported fact dates or
 * orders, drawn as an SVG picture, optionally only the events of one participant
 * ({@code ?actor=/id/dprk}, or the full IRI), chosen from a list of the participants. An event the
 * essay only orders against others (OWL-Time {@code time:before}/{@code time:after}) is drawn in
 * the gap its dated neighbours leave, marked as not dated; events with neither are listed.
 */
final class TimelinePage {
    private TimelinePage() {}

    /**
     * What the page shows: the items in row order (dated and ordered), the undated events, the
     * counts of reported facts by the overview's definitions (null for one participant's timeline)
     * and the order pairs (earlier, later) by IRI.
     */
    record Model(List<TimelineSvg.Item> items, Map<String, String> iriOfHref, List<String> undated, View.TimelineFacts facts,
                 List<List<String>> before) {
        long ordered() {
            return items.stream().filter(TimelineSvg.Item::isOrdered).count();
        }
    }

    static String render(DatasetGraph ds, PageContext ctx) {
        Node actor = actor(ctx);
        List<Sparql.Row> actors = Sparql.select(ds, TimelinePage.class, "actors", Map.of(), 500, 0);
        List<Node> labels = new ArrayList<>();
        actors.forEach(r -> labels.add(r.get("actor")));
        if (actor != null)
            labels.add(actor);
        Model m = model(ds, ctx, actor, labels);
        String title = ctx.t("timeline") + (actor == null ? "" : " — " + ctx.label(actor.getURI()));
        List<View.ActorOption> options = new ArrayList<>();
        for (Sparql.Row r : actors) {
            String a = r.str("actor");
            String v = ctx.site.pathFor(a) != null ? ctx.site.pathFor(a) : a;
            options.add(new View.ActorOption(v, ctx.label(a), r.str("events"), actor != null && actor.getURI().equals(a)));
        }
        int ordered = (int) m.ordered();
        View.TimelineView view = new View.TimelineView(ctx.frame(title, null, List.of(), false), title, options,
                TimelineSvg.picture(m.items(), title), m.items().size(), m.items().size() - ordered, ordered, m.facts(),
                m.undated().stream().map(ctx::labelled).toList());
        return Templates.render("timeline.jte", view);
    }

    /**
     * The timeline's items: the dated ones, then each undated one that some pair orders, placed by
     * the latest start among the dated things it follows and the earliest end among those it
     * precedes (the whole of a neighbour's date's extent counts: after "2021" may be 2 January
     * 2021); the rest go to the undated list, sorted by label. {@code alsoLabel} is labelled too.
     */
    static Model model(DatasetGraph ds, PageContext ctx, Node actor, List<Node> alsoLabel) {
        List<Sparql.Row> all = Sparql.select(ds, TimelinePage.class, "events", Map.of(), 5000, 0);
        List<Sparql.Row> rows = actor == null ? all
                : Sparql.select(ds, TimelinePage.class, "filtered", Map.of("actor", actor), 5000, 0);
        List<Sparql.Row> pairs = Sparql.select(ds, TimelinePage.class, "order", Map.of(), 20000, 0);
        List<Node> toLabel = new ArrayList<>(alsoLabel);
        all.forEach(r -> toLabel.add(r.get("item")));
        pairs.forEach(r -> {
            toLabel.add(r.get("earlier"));
            toLabel.add(r.get("later"));
        });
        ctx.loadLabels(ds, toLabel);

        // Dates of everything, for the bounds (a participant's ordered event may follow another's).
        List<String> undated = new ArrayList<>();
        LinkedHashMap<String, TimelineSvg.Item> dated = TimelineSvg.byIri(rows, ctx, undated);
        LinkedHashMap<String, TimelineSvg.Item> datedAll = actor == null ? dated : TimelineSvg.byIri(all, ctx, new ArrayList<>());
        Map<String, Set<String>> earlierThan = new LinkedHashMap<>(), laterThan = new LinkedHashMap<>();
        List<List<String>> before = new ArrayList<>();
        for (Sparql.Row r : pairs) {
            String a = r.str("earlier"), b = r.str("later");
            earlierThan.computeIfAbsent(b, k -> new HashSet<>()).add(a);
            laterThan.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            before.add(List.of(a, b));
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        rows.forEach(r -> kinds.putIfAbsent(r.str("item"), r.str("kind") == null ? "event" : r.str("kind")));

        Map<String, String> iriOfHref = new LinkedHashMap<>();
        List<TimelineSvg.Item> items = new ArrayList<>();
        dated.forEach((iri, it) -> {
            items.add(it);
            iriOfHref.put(it.href(), iri);
        });
        List<String> stillUndated = new ArrayList<>();
        for (String iri : undated) {
            if (!earlierThan.containsKey(iri) && !laterThan.containsKey(iri)) {
                stillUndated.add(iri);
                continue;
            }
            TimelineSvg.Item it = TimelineSvg.Item.ordered(href(ctx, iri), ctx.label(iri), kinds.getOrDefault(iri, "event"),
                    gap(ctx, datedAll, earlierThan.getOrDefault(iri, Set.of()), laterThan.getOrDefault(iri, Set.of())));
            items.add(it);
            iriOfHref.put(it.href(), iri);
        }
        stillUndated.sort((a, b) -> ctx.label(a).compareTo(ctx.label(b)));
        Map<String, String> hrefOfIri = new LinkedHashMap<>();
        iriOfHref.forEach((h, i) -> hrefOfIri.put(i, h));
        List<List<String>> hrefPairs = new ArrayList<>();
        for (List<String> p : before)
            if (hrefOfIri.containsKey(p.get(0)) && hrefOfIri.containsKey(p.get(1)))
                hrefPairs.add(List.of(hrefOfIri.get(p.get(0)), hrefOfIri.get(p.get(1))));
        View.TimelineFacts facts = null;
        if (actor == null) {
            Sparql.Row c = Sparql.select(ds, TimelinePage.class, "facts", Map.of(), 1, 0).get(0);
            facts = new View.TimelineFacts(Integer.parseInt(c.str("reportedFacts")), Integer.parseInt(c.str("datedReportedFacts")),
                    Integer.parseInt(c.str("orderedReportedFacts")), Integer.parseInt(c.str("datedOrOrderedReportedFacts")));
        }
        return new Model(TimelineSvg.arrange(items, hrefPairs), iriOfHref, stillUndated, facts, before);
    }

    /**
     * The time an undated item's order allows: after the latest start of the dated things it
     * follows (for a span, the start of its end), before the latest day of the earliest thing it
     * precedes; the tooltip names the neighbour that bounds each side (or, without a dated one,
     * one it is ordered against).
     */
    private static TimelineSvg.Gap gap(PageContext ctx, Map<String, TimelineSvg.Item> dated, Set<String> earlier, Set<String> later) {
        LocalDate from = null, to = null;
        String fromIri = null, toIri = null;
        for (String a : earlier) {
            TimelineSvg.Item x = dated.get(a);
            if (x == null)
                continue;
            LocalDate d = x.end() != null ? x.end() : x.start();
            if (from == null || d.isAfter(from) || d.equals(from) && a.compareTo(fromIri) < 0) {
                from = d;
                fromIri = a;
            }
        }
        for (String b : later) {
            TimelineSvg.Item y = dated.get(b);
            if (y == null)
                continue;
            LocalDate d = TimelineSvg.extentEnd(y.start(), y.startPrec());
            if (to == null || d.isBefore(to) || d.equals(to) && b.compareTo(toIri) < 0) {
                to = d;
                toIri = b;
            }
        }
        List<String> parts = new ArrayList<>();
        String after = fromIri != null ? fromIri : earlier.stream().sorted().findFirst().orElse(null);
        String beforeIri = toIri != null ? toIri : later.stream().sorted().findFirst().orElse(null);
        if (after != null)
            parts.add(ctx.t("timeline.after") + " " + neighbour(ctx, dated, after));
        if (beforeIri != null)
            parts.add(ctx.t("timeline.before") + " " + neighbour(ctx, dated, beforeIri));
        return new TimelineSvg.Gap(from, to, ctx.t("timeline.orderedTag"), String.join("; ", parts));
    }

    private static String neighbour(PageContext ctx, Map<String, TimelineSvg.Item> dated, String iri) {
        TimelineSvg.Item it = dated.get(iri);
        return it == null ? ctx.label(iri) + " (" + ctx.t("timeline.orderedTag") + ")"
                : ctx.label(iri) + " (" + TimelineSvg.show(it.start(), it.startPrec())
                        + (it.end() != null ? " – " + TimelineSvg.show(it.end(), it.endPrec()) : "") + ")";
    }

    private static String href(PageContext ctx, String iri) {
        return ctx.href(ctx.site.pathFor(iri) == null ? iri : ctx.site.pathFor(iri));
    }

    /** The participant asked for: a server path of ours ({@code /id/dprk}) or a full IRI; null for all. */
    static Node actor(PageContext ctx) {
        String a = ctx.req.param("actor", "").strip();
        if (a.isEmpty())
            return null;
        if (a.startsWith("/")) {
            Node n = ctx.site.iriForPath(a);
            return n;
        }
        if (a.matches("https?://\\S+"))
            return NodeFactory.createURI(a);
        return null;
    }
}
