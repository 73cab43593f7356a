package org.newpathkg.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out the argument around one claim as a small picture ({@code argumentSvg.jte} draws it):
 * the claim in the middle, its grounds in a column on the left with arrows into it, what it
 * supports on the right with arrows out of it, conflicts in a row below with dashed arrows. Each
 * box links to the claim's page and shows its short name and the start of its English gloss.
 */
final class ArgumentLayout {
    static final int COL = 250, GAP_X = 120, BOX_H = 58, GAP_Y = 14, PAD = 10, CHARS = 34;

    private ArgumentLayout() {}

    static View.ArgumentSvg layout(String title, String centreName, String centreGloss, List<View.ArgNode> grounds,
                                   List<View.ArgNode> supports, List<View.ArgNode> conflicts, boolean conflictLink) {
        int width = PAD * 2 + COL * 3 + GAP_X * 2;
        int rows = Math.max(1, Math.max(grounds.size(), supports.size()));
        int columnH = rows * BOX_H + (rows - 1) * GAP_Y;
        int conflictRow = conflicts.isEmpty() ? 0 : GAP_X + BOX_H;
        int height = PAD * 2 + columnH + conflictRow;
        double cx = PAD + COL + GAP_X, cy = PAD + (columnH - BOX_H) / 2.0;
        List<View.Box> boxes = new ArrayList<>();
        List<View.Edge> edges = new ArrayList<>();
        boxes.add(box(cx, cy, "centre", null, centreName, centreGloss));
        String cls = conflictLink ? "conflict" : "inference";
        column(grounds, PAD, PAD + (columnH - height(grounds.size())) / 2.0, boxes, edges, true, cx, cy, cls);
        column(supports, cx + COL + GAP_X, PAD + (columnH - height(supports.size())) / 2.0, boxes, edges, false, cx, cy, cls);

        double rowW = conflicts.size() * COL + (conflicts.size() - 1) * 20.0;
        double x = Math.max(PAD, PAD + (width - 2 * PAD - rowW) / 2.0);
        double y = PAD + columnH + GAP_X;
        for (View.ArgNode n : conflicts) {
            boxes.add(box(x, y, "conflict", n.claim().href(), n.claim().text(), n.summary()));
            edges.add(edge(x + COL / 2.0, y, cx + COL / 2.0, cy + BOX_H, "conflict", label(n)));
            x += COL + 20;
        }
        if (x + PAD > width)
            width = (int) Math.ceil(x + PAD);
        return new View.ArgumentSvg(width, height, title, boxes, edges);
    }

    private static double height(int n) {
        return n * BOX_H + Math.max(0, n - 1) * GAP_Y;
    }

    private static void column(List<View.ArgNode> nodes, double x, double y0, List<View.Box> boxes, List<View.Edge> edges,
                               boolean into, double cx, double cy, String cls) {
        double y = y0;
        int i = 0;
        for (View.ArgNode n : nodes) {
            boxes.add(box(x, y, into ? "ground" : "supported", n.claim().href(), n.claim().text(), n.summary()));
            // Arrows meet the centre box at points spread over its side, so their labels do not pile up.
            double at = cy + BOX_H * (i + 1) / (nodes.size() + 1.0);
            if (into)
                edges.add(edge(x + COL, y + BOX_H / 2.0, cx, at, cls, label(n)));
            else
                edges.add(edge(cx + COL, at, x, y + BOX_H / 2.0, cls, label(n)));
            y += BOX_H + GAP_Y;
            i++;
        }
    }

    /** What the arrow says: the connective the essay uses, else the scheme. */
    private static String label(View.ArgNode n) {
        if (n.connective() != null)
            return n.connective().text();
        return n.scheme() == null ? null : n.scheme().text();
    }

    private static View.Box box(double x, double y, String cls, String href, String name, String gloss) {
        List<View.Line> lines = new ArrayList<>();
        lines.add(new View.Line(f(x + 8), f(y + 18), clip(name, CHARS), null));
        if (gloss != null) {
            // A Japanese passage (the Japanese page's summary) takes twice the width per character.
            boolean ja = gloss.codePoints().anyMatch(c -> c >= 0x3000);
            int n = ja ? CHARS / 2 : CHARS;
            String rest = gloss;
            for (int i = 0; i < 2 && !rest.isEmpty(); i++) {
                String line = wrap(rest, n);
                rest = rest.substring(line.length()).strip();
                if (i == 1 && !rest.isEmpty())
                    line = clip(line + (ja ? "" : " ") + rest, n);
                lines.add(new View.Line(f(x + 8), f(y + 34 + i * 15), line, ja ? "ja" : "en"));
            }
        }
        return new View.Box(f(x), f(y), f(COL), f(BOX_H), cls, href, gloss == null ? name : name + ": " + gloss, lines);
    }

    private static View.Edge edge(double x1, double y1, double x2, double y2, String cls, String label) {
        return new View.Edge(f(x1), f(y1), f(x2), f(y2), cls, label == null ? null : clip(label, 9), f((x1 + x2) / 2), f((y1 + y2) / 2 - 5));
    }

    /** The first words of {@code s} that fit in {@code n} characters (at least one word, cut if longer). */
    static String wrap(String s, int n) {
        if (s.length() <= n)
            return s;
        int cut = s.lastIndexOf(' ', n);
        return cut <= 0 ? s.substring(0, n) : s.substring(0, cut);
    }

    static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
