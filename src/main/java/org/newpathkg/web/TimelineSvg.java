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
 * an end date is a bar from start to end. An item the essay only orders against others (OWL-Time
 * {@code time:before}/{@code time:after}, no date) is a hollow dashed box over the time its order
 * allows, open to the picture's edge on a side without a dated bound, and its label says it is not
 * dated: the box never reads as a date. {@link #arrange} puts rows in date order with every
 * ordered item after what it follows and before what it precedes. Each row links to the item's page.
 */
public final class TimelineSvg {
    /**
     * One row. {@code startPrec}/{@code endPrec} are "day", "month" or "year"; {@code end} may be null.
     * An ordered item has no {@code start} and a {@link Gap}; a dated one has no gap.
     */
    record Item(String href, String label, String kind, LocalDate start, String startPrec, LocalDate end, String endPrec, Gap gap) {
        Item(String href, String label, String kind, LocalDate start, String startPrec, LocalDate end, String endPrec) {
            this(href, label, kind, start, startPrec, end, endPrec, null);
        }

        /** An item placed by its order only, without a date. */
        static Item ordered(String href, String label, String kind, Gap gap) {
            return new Item(href, label, kind, null, "day", null, "day", gap);
        }

        boolean isOrdered() {
            return gap != null;
        }
    }

    /**
     * The time an ordered item's order allows: from the earliest day (the start of what it follows)
     * to the latest (the end of what it precedes); null on a side with no dated neighbour.
     * {@code tag} is shown with the label ("ordered, not dated"), {@code detail} in its tooltip.
     */
    record Gap(LocalDate from, LocalDate to, String tag, String detail) {}

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
    public record Row(String href, String title, boolean band, String bandY, boolean circle, boolean ordered, String cls, String x, String y,
                      String w, String labelX, String labelY, boolean anchorEnd, String label) {}

    /**
     * The items in the order of the picture's rows: dated ones by date, each ordered one after
     * everything it follows and before everything it precedes ({@code before} holds pairs of
     * hrefs, the earlier first), otherwise near the earliest day its gap allows. Kahn's
     * topological sort over the date chain and the pairs, taking the earliest ready item; should
     * the data hold a cycle, the earliest remaining item breaks it.
     */
    static List<Item> arrange(List<Item> items, java.util.Collection<List<String>> before) {
        List<Item> dated = new ArrayList<>(items.stream().filter(i -> !i.isOrdered()).toList());
        dated.sort((a, b) -> a.start().compareTo(b.start()));
        List<Item> all = new ArrayList<>(dated);
        items.stream().filter(Item::isOrdered).forEach(all::add);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++)
            index.putIfAbsent(all.get(i).href(), i);
        List<java.util.Set<Integer>> next = new ArrayList<>();
        for (int i = 0; i < all.size(); i++)
            next.add(new java.util.LinkedHashSet<>());
        for (int i = 0; i + 1 < dated.size(); i++)
            next.get(i).add(i + 1);
        for (List<String> p : before) {
            Integer a = index.get(p.get(0)), b = index.get(p.get(1));
            if (a != null && b != null && !a.equals(b))
                next.get(a).add(b);
        }
        int[] in = new int[all.size()];
        next.forEach(s -> s.forEach(j -> in[j]++));
        java.util.Comparator<Integer> earliest = java.util.Comparator.<Integer, LocalDate>comparing(i -> key(all.get(i)))
                .thenComparing(i -> all.get(i).isOrdered()).thenComparing(i -> i);
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>(earliest);
        java.util.TreeSet<Integer> left = new java.util.TreeSet<>(earliest);
        for (int i = 0; i < all.size(); i++) {
            left.add(i);
            if (in[i] == 0)
                ready.add(i);
        }
        List<Item> out = new ArrayList<>();
        while (!left.isEmpty()) {
            Integer i = ready.poll();
            if (i == null)
                i = left.first();  // a cycle: break it at its earliest item
            else if (!left.contains(i))
                continue;
            left.remove(i);
            out.add(all.get(i));
            for (int j : next.get(i))
                if (--in[j] == 0 && left.contains(j))
                    ready.add(j);
        }
        return out;
    }

    /** Where an item sorts among those ready: its date, or the earliest (else the latest) day its gap allows. */
    private static LocalDate key(Item it) {
        if (!it.isOrdered())
            return it.start();
        Gap g = it.gap();
        return g.from() != null ? g.from() : g.to() != null ? g.to() : LocalDate.MIN;
    }

    /** The picture, or null when there are no items; {@code title} labels it. */
    static Picture picture(List<Item> items, String title) {
        if (items.isEmpty())
            return null;
        TreeSet<Integer> years = new TreeSet<>();
        for (Item it : items) {
            if (it.isOrdered()) {
                if (it.gap().from() != null)
                    years.add(it.gap().from().getYear());
                if (it.gap().to() != null)
                    years.add(it.gap().to().getYear());
                continue;
            }
            years.add(it.start().getYear());
            if (it.end() != null)
                years.add(it.end().getYear());
        }
        if (years.isEmpty())  // only ordered items, none with a dated bound: one column for the whole span
            years.add(LocalDate.now().getYear());
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
            if (it.isOrdered()) {
                rows.add(orderedRow(it, row, y, yearX, yearW));
                row++;
                continue;
            }
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
            rows.add(new Row(it.href(), it.label() + " — " + when, row % 2 == 1, f(y - ROW / 2.0), circle, false, cls,
                    f(x1), circle ? f(y) : f(y - 5), f(x2 - x1), right ? f(x2 + 8) : f(x1 - 8), f(y + 4), !right, text));
            row++;
        }
        return new Picture(WIDTH, height, title, cols, breaks, rows);
    }

    /**
     * An ordered item's row: a hollow box from the earliest to the latest day its order allows
     * (the picture's edge where no dated neighbour bounds it); the label, always ending with the
     * tag that says it is not dated, inside the box when it fits there, else beside it.
     */
    private static Row orderedRow(Item it, int row, double y, TreeMap<Integer, Double> yearX, double yearW) {
        Gap g = it.gap();
        double x1 = g.from() == null ? LEFT : xOf(yearX, yearW, g.from());
        double x2 = g.to() == null ? WIDTH - RIGHT : xOf(yearX, yearW, g.to().plusDays(1)) - 0.5;
        if (x2 - x1 < 10) {  // a narrow gap still shows as a box
            double mid = (x1 + x2) / 2;
            x1 = mid - 5;
            x2 = mid + 5;
        }
        String tag = " — " + g.tag();
        double inside = x2 - x1 - 12, roomRight = WIDTH - 4 - (x2 + 8), roomLeft = x1 - 8 - 4;
        double need = textWidth(it.label() + tag);
        double labelX;
        boolean anchorEnd = false;
        double room;
        if (need <= inside) {
            labelX = x1 + 6;
            room = inside;
        } else if (need <= roomRight) {
            labelX = x2 + 8;
            room = roomRight;
        } else if (need <= roomLeft) {
            labelX = x1 - 8;
            anchorEnd = true;
            room = roomLeft;
        } else {
            room = Math.max(inside, Math.max(roomRight, roomLeft));
            if (room == inside) {
                labelX = x1 + 6;
            } else if (room == roomRight) {
                labelX = x2 + 8;
            } else {
                labelX = x1 - 8;
                anchorEnd = true;
            }
        }
        // Cut the name, never the tag: the reader must see that this is not a date.
        String text = clip(it.label(), room - textWidth(tag)) + tag;
        return new Row(it.href(), it.label() + tag + ": " + g.detail(), row % 2 == 1, f(y - ROW / 2.0), false, true,
                "mark ordered " + it.kind(), f(x1), f(y - 8), f(x2 - x1), f(labelX), f(y + 4), anchorEnd, text);
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
        if (px < 12 + 12)
            return "…";
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

    /** Items from rows of item/kind/start/startPrec/end/endPrec; dated rows only, earliest date per item kept, in date order. */
    static List<Item> fromRows(List<Sparql.Row> rows, PageContext ctx, List<String> undated) {
        List<Item> out = new ArrayList<>(byIri(rows, ctx, undated).values());
        out.sort((a, c) -> a.start().compareTo(c.start()));
        return out;
    }

    /**
     * The dated items of the rows by IRI (earliest date per item kept), in the rows' order; the
     * IRIs of items without a date go to {@code undated}. A row with {@code endOnly} (a thing the
     * data gives only an end date) is drawn at that date, its label saying it is the end.
     */
    static java.util.LinkedHashMap<String, Item> byIri(List<Sparql.Row> rows, PageContext ctx, List<String> undated) {
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
            String label = r.str("endOnly") == null ? ctx.label(iri) : ctx.label(iri) + " — " + ctx.t("timeline.end");
            Item it = new Item(ctx.href(ctx.site.pathFor(iri) == null ? iri : ctx.site.pathFor(iri)), label,
                    r.str("kind") == null ? "event" : r.str("kind"), start, precision(r.str("startPrec")),
                    date(r.str("end")), precision(r.str("endPrec")));
            Item old = byItem.get(iri);
            if (old == null || start.isBefore(old.start()))
                byItem.put(iri, it);
        }
        return byItem;
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
