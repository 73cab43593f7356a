package org.newpathkg.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * {@code /timeline}: every dated event drawn as an SVG picture, optionally only those of one
 * participant ({@code ?actor=/id/dprk}, or the full IRI), chosen from a list of the participants.
 */
final class TimelinePage {
    private TimelinePage() {}

    static String render(DatasetGraph ds, PageContext ctx) {
        Node actor = actor(ctx);
        List<Sparql.Row> rows = actor == null
                ? Sparql.select(ds, TimelinePage.class, "events", Map.of(), 5000, 0)
                : Sparql.select(ds, TimelinePage.class, "filtered", Map.of("actor", actor), 5000, 0);
        List<Sparql.Row> actors = Sparql.select(ds, TimelinePage.class, "actors", Map.of(), 500, 0);
        List<Node> toLabel = new ArrayList<>();
        rows.forEach(r -> toLabel.add(r.get("item")));
        actors.forEach(r -> toLabel.add(r.get("actor")));
        if (actor != null)
            toLabel.add(actor);
        ctx.loadLabels(ds, toLabel);

        String title = ctx.t("timeline") + (actor == null ? "" : " — " + ctx.label(actor.getURI()));
        List<View.ActorOption> options = new ArrayList<>();
        for (Sparql.Row r : actors) {
            String a = r.str("actor");
            String v = ctx.site.pathFor(a) != null ? ctx.site.pathFor(a) : a;
            options.add(new View.ActorOption(v, ctx.label(a), r.str("events"), actor != null && actor.getURI().equals(a)));
        }
        List<String> undated = new ArrayList<>();
        List<TimelineSvg.Item> items = TimelineSvg.fromRows(rows, ctx, undated);
        undated.sort((a, b) -> ctx.label(a).compareTo(ctx.label(b)));
        View.TimelineView view = new View.TimelineView(ctx.frame(title, null, List.of(), false), title, options,
                TimelineSvg.picture(items, title), items.size(), undated.stream().map(ctx::labelled).toList());
        return Templates.render("timeline.jte", view);
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
