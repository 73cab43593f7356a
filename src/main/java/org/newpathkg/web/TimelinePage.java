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

        StringBuilder b = new StringBuilder();
        String title = ctx.t("timeline") + (actor == null ? "" : " — " + ctx.label(actor.getURI()));
        b.append("<h1>").append(Html.esc(title)).append("</h1>");
        b.append("<p>").append(Html.esc(ctx.t("timeline.intro"))).append("</p>");
        b.append("<form class=\"filter\" method=\"get\" action=\"/timeline\"><label for=\"actor\">").append(ctx.t("timeline.actor"))
         .append("</label> <select id=\"actor\" name=\"actor\"><option value=\"\">").append(ctx.t("timeline.all")).append("</option>");
        for (Sparql.Row r : actors) {
            String a = r.str("actor");
            String v = ctx.site.pathFor(a) != null ? ctx.site.pathFor(a) : a;
            boolean sel = actor != null && actor.getURI().equals(a);
            b.append("<option value=\"").append(Html.esc(v)).append("\"").append(sel ? " selected" : "").append(">")
             .append(Html.esc(ctx.label(a))).append(" (").append(Html.esc(r.str("events"))).append(")</option>");
        }
        b.append("</select> <input type=\"hidden\" name=\"lang\" value=\"").append(ctx.lang).append("\"> <button type=\"submit\">")
         .append(ctx.t("timeline.show")).append("</button></form>");
        List<TimelineSvg.Item> items = TimelineSvg.fromRows(rows, ctx, new ArrayList<>());
        if (items.isEmpty())
            b.append("<p>").append(ctx.t("timeline.none")).append("</p>");
        else
            b.append("<figure class=\"scroll\">").append(TimelineSvg.render(items, title)).append("<figcaption>")
             .append(items.size()).append(' ').append(ctx.t("timeline.events")).append("</figcaption></figure>");
        return Layout.page(ctx, title, "", b.toString());
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
