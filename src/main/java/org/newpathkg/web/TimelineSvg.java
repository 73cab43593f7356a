package org.newpathkg.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws dated items as an inline SVG, one row per item in date order. The time axis shows only
 * the years that have something in them, each equally wide, with a break mark where years are
 * skipped, so 1953 and 2024 fit on one picture without squeezing the recent years. A date with
 * day precision is a dot; month or year precision is a bar over that month or year; an item with
 * an end date is a bar from start to end. Each row links to the item's page.
 */
final class TimelineSvg {
    /** One row. {@code startPrec}/{@code endPrec} are "day", "month" or "year"; {@code end} may be null. */
    record Item(String href, String label, String kind, LocalDate start, String startPrec, LocalDate end, String endPrec) {}

    static final int WIDTH = 1000, LEFT = 20, RIGHT = 20, TOP = 34, ROW = 22, GAP = 18;

    private TimelineSvg() {}

    /** "day", "month" or "year" from an OWL-Time unit IRI ({@code time:unitMonth}); day when unknown. */
    static String precision(String unitIri) {
        if (unitIri == null)
            return "day";
        String u = unitIri.toLowerCase(Locale.ROOT);
        return u.endsWith("unityear") ? "year" : u.endsWith("unitmonth") ? "month" : "day";
    }

    /** The date as precise as it is known: 2023-07-27, 2023-07 or 2023. */
    static String show(LocalDate d, String prec) {
        return switch (prec) {
            case "year" -> Integer.toString(d.getYear());
            case "month" -> String.format("%04d-%02d", d.getYear(), d.getMonthValue());
            default -> d.toString();
        };
    }

    /** The last day a date of this precision may stand for. */
    static LocalDate extentEnd(LocalDate d, String prec) {
        return switch (prec) {
            case "year" -> LocalDate.of(d.getYear(), 12, 31);
            case "month" -> d.withDayOfMonth(d.lengthOfMonth());
            default -> d;
        };
    }

    /** The SVG, or an empty string when there are no items; {@code title} labels the picture. */
    static String render(List<Item> items, String title) {
        if (items.isEmpty())
            return "";
        TreeSet<Integer> years = new TreeSet<>();
        for (Item it : items) {
            years.add(it.start().getYear());
            if (it.end() != null)
                years.add(it.end().getYear());
        }
        int gaps = 0;
        Integer prev = null;
        for (int y : years) {
            if (prev != null && y - prev > 1)
                gaps++;
            prev = y;
        }
        double yearW = (WIDTH - LEFT - RIGHT - gaps * GAP) / (double) years.size();
        TreeMap<Integer, Double> yearX = new TreeMap<>();
        StringBuilder axis = new StringBuilder();
        double x = LEFT;
        prev = null;
        int height = TOP + items.size() * ROW + 10;
        for (int y : years) {
            if (prev != null && y - prev > 1) {
                axis.append(String.format(Locale.ROOT, "<text class=\"break\" x=\"%.1f\" y=\"20\" text-anchor=\"middle\">⋯</text>", x + GAP / 2.0));
                x += GAP;
            }
            yearX.put(y, x);
            axis.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"26\" x2=\"%.1f\" y2=\"%d\"/>", x, x, height));
            axis.append(String.format(Locale.ROOT, "<text class=\"year\" x=\"%.1f\" y=\"20\">%d</text>", x + 3, y));
            x += yearW;
            prev = y;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"group\" aria-label=\"%s\">",
                WIDTH, height, WIDTH, height, Html.esc(title)));
        b.append("<title>").append(Html.esc(title)).append("</title>");
        b.append(axis);
        int row = 0;
        for (Item it : items) {
            double y = TOP + row * ROW + ROW / 2.0;
            double x1 = xOf(yearX, yearW, it.start());
            LocalDate last = it.end() != null ? extentEnd(it.end(), it.endPrec()) : extentEnd(it.start(), it.startPrec());
            double x2 = Math.max(x1, xOf(yearX, yearW, last.plusDays(1)) - 0.5);
            String when = show(it.start(), it.startPrec()) + (it.end() != null ? " – " + show(it.end(), it.endPrec()) : "");
            if (row % 2 == 1)
                b.append(String.format(Locale.ROOT, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%d\"/>", y - ROW / 2.0, WIDTH, ROW));
            b.append("<a href=\"").append(Html.esc(it.href())).append("\">");
            b.append("<title>").append(Html.esc(it.label() + " — " + when)).append("</title>");
            String cls = "mark " + it.kind() + " " + (it.end() != null ? "span" : it.startPrec());
            if (x2 - x1 < 3)
                b.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"/>", cls, x1, y));
            else
                b.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" rx=\"3\"/>", cls, x1, y - 5, x2 - x1));
            String text = it.label() + " (" + when + ")";
            double textW = textWidth(text);
            // Right of the mark when it fits there, else on whichever side has more room.
            if (x2 + 8 + textW <= WIDTH || WIDTH - x2 >= x1)
                b.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\">", x2 + 8, y + 4));
            else
                b.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x1 - 8, y + 4));
            b.append(Html.esc(text)).append("</text></a>");
            row++;
        }
        b.append("</svg>");
        return b.toString();
    }

    private static double xOf(TreeMap<Integer, Double> yearX, double yearW, LocalDate d) {
        Double x0 = yearX.get(d.getYear());
        if (x0 == null) {
            // A day just past a shown year (the end of a year-long bar) lies at the right edge of that year.
            Double before = yearX.floorKey(d.getYear()) == null ? null : yearX.get(yearX.floorKey(d.getYear()));
            return before == null ? LEFT : before + yearW;
        }
        return x0 + yearW * (d.getDayOfYear() - 1) / d.lengthOfYear();
    }

    /** A rough width in pixels at 12px: CJK characters are about twice as wide as Latin ones. */
    static double textWidth(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++)
            w += s.charAt(i) > 0x2E80 ? 12 : 6.5;
        return w;
    }

    /** Items from rows of item/kind/start/startPrec/end/endPrec; dated rows only, earliest date per item kept. */
    static List<Item> fromRows(List<Sparql.Row> rows, PageContext ctx, List<String> undated) {
        java.util.LinkedHashMap<String, Item> byItem = new java.util.LinkedHashMap<>();
        for (Sparql.Row r : rows) {
            String iri = r.str("item");
            LocalDate start = date(r.str("start"));
            if (start == null) {
                if (!undated.contains(iri) && !byItem.containsKey(iri))
                    undated.add(iri);
                continue;
            }
            undated.remove(iri);
            Item it = new Item(ctx.href(ctx.site.pathFor(iri) == null ? iri : ctx.site.pathFor(iri)), ctx.label(iri),
                    r.str("kind") == null ? "event" : r.str("kind"), start, precision(r.str("startPrec")),
                    date(r.str("end")), precision(r.str("endPrec")));
            Item old = byItem.get(iri);
            if (old == null || start.isBefore(old.start()))
                byItem.put(iri, it);
        }
        List<Item> out = new ArrayList<>(byItem.values());
        out.sort((a, c) -> a.start().compareTo(c.start()));
        return out;
    }

    private static LocalDate date(String s) {
        if (s == null)
            return null;
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
