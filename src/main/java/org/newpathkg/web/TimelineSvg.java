package org.newpathkg.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lays dated items out for an inline SVG ({@code timelineSvg.jte} draws it), one row per item in date order. The time axis shows only
 * the years that have something in them, each equally wide, with a break mark where years are
 * skipped, so 1953 and 2024 fit on one picture without squeezing the recent years. A date with
 * day precision is a dot; month or year precision is a bar over that month or year; an item with
 * an end date is a bar from start to end. Each row links to the item's page.
 */
public final class TimelineSvg {
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

    /** The picture as data for {@code timelineSvg.jte}: size, year columns, break marks and one row per item. */
    public record Picture(int width, int height, String title, List<Year> years, List<String> breaks, List<Row> rows) {}

    /** A year's column: where its grid line and label go. */
    public record Year(String x, String labelX, int year) {}

    /**
     * One item's row: a dot ({@code circle}) or a bar at its date's precision, its label right or
     * left of the mark ({@code anchorEnd}), a shaded band on every other row.
     */
    public record Row(String href, String title, boolean band, String bandY, boolean circle, String cls, String x, String y,
                      String w, String labelX, String labelY, boolean anchorEnd, String label) {}

    /** The picture, or null when there are no items; {@code title} labels it. */
    static Picture picture(List<Item> items, String title) {
        if (items.isEmpty())
            return null;
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
        List<Year> cols = new ArrayList<>();
        List<String> breaks = new ArrayList<>();
        double x = LEFT;
        prev = null;
        int height = TOP + items.size() * ROW + 10;
        for (int y : years) {
            if (prev != null && y - prev > 1) {
                breaks.add(f(x + GAP / 2.0));
                x += GAP;
            }
            yearX.put(y, x);
            cols.add(new Year(f(x), f(x + 3), y));
            x += yearW;
            prev = y;
        }
        List<Row> rows = new ArrayList<>();
        int row = 0;
        for (Item it : items) {
            double y = TOP + row * ROW + ROW / 2.0;
            double x1 = xOf(yearX, yearW, it.start());
            LocalDate last = it.end() != null ? extentEnd(it.end(), it.endPrec()) : extentEnd(it.start(), it.startPrec());
            double x2 = Math.max(x1, xOf(yearX, yearW, last.plusDays(1)) - 0.5);
            String when = show(it.start(), it.startPrec()) + (it.end() != null ? " – " + show(it.end(), it.endPrec()) : "");
            String cls = "mark " + it.kind() + " " + (it.end() != null ? "span" : it.startPrec());
            boolean circle = x2 - x1 < 3;
            // The date once: a label that already names the year (most event names do) is not given it again.
            String text = it.label().contains(Integer.toString(it.start().getYear())) ? it.label() : it.label() + " (" + when + ")";
            // Right of the mark when it fits there, else left when it fits there, else on the side
            // with more room, cut to that room: a label never leaves the picture.
            double roomRight = WIDTH - 4 - (x2 + 8), roomLeft = x1 - 8 - 4;
            boolean right = textWidth(text) <= roomRight || (textWidth(text) > roomLeft && roomRight >= roomLeft);
            text = clip(text, right ? roomRight : roomLeft);
            rows.add(new Row(it.href(), it.label() + " — " + when, row % 2 == 1, f(y - ROW / 2.0), circle, cls,
                    f(x1), circle ? f(y) : f(y - 5), f(x2 - x1), right ? f(x2 + 8) : f(x1 - 8), f(y + 4), !right, text));
            row++;
        }
        return new Picture(WIDTH, height, title, cols, breaks, rows);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
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

    /** {@code s}, cut with "…" to at most {@code px} pixels wide. */
    static String clip(String s, double px) {
        if (textWidth(s) <= px)
            return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && textWidth(b.toString() + s.charAt(i)) + 12 <= px; i++)
            b.append(s.charAt(i));
        return b.append('…').toString();
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
