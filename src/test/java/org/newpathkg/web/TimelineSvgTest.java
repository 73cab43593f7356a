package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineSvgTest {
    @Test
    void drawsDotsForDaysBarsForCoarserDatesAndSkipsEmptyYears() {
        String svg = Templates.render("timelineSvg.jte", TimelineSvg.picture(List.of(
                new TimelineSvg.Item("/id/a", "Armistice <signed>", "event", LocalDate.of(1953, 7, 27), "day", null, "day"),
                new TimelineSvg.Item("/id/b", "Visit", "event", LocalDate.of(2024, 6, 1), "month", null, "day")), "t"));
        assertTrue(svg.contains("<circle class=\"mark event day\""), svg);
        assertTrue(svg.contains("<rect class=\"mark event month\""), svg);
        assertTrue(svg.contains(">1953<") && svg.contains(">2024<") && !svg.contains(">1990<"), svg);
        assertTrue(svg.contains("⋯"), "a break between 1953 and 2024");
        assertTrue(svg.contains("Armistice &lt;signed&gt; (1953-07-27)"), svg);
        assertFalse(svg.contains("<signed>"));
        assertNull(TimelineSvg.picture(List.of(), "t"), "no picture without items");
    }

    @Test
    void labelsStayInsideThePictureAndNameTheirDateOnce() {
        String longName = "A very long name of an event that goes on and on, far longer than any picture is wide, in 2024";
        TimelineSvg.Picture p = TimelineSvg.picture(List.of(
                new TimelineSvg.Item("/id/a", "Victory Day parade (27 July 2023)", "event", LocalDate.of(2023, 7, 27), "day", null, "day"),
                new TimelineSvg.Item("/id/b", longName, "event", LocalDate.of(2024, 12, 1), "month", null, "day"),
                new TimelineSvg.Item("/id/c", "長い名前の出来事".repeat(12), "event", LocalDate.of(2023, 1, 1), "year", null, "day")), "t");
        assertEquals("Victory Day parade (27 July 2023)", p.rows().get(0).label(), "a label naming its year gets no second date");
        for (TimelineSvg.Row r : p.rows()) {
            double x = Double.parseDouble(r.labelX()), w = TimelineSvg.textWidth(r.label());
            double from = r.anchorEnd() ? x - w : x, to = r.anchorEnd() ? x : x + w;
            assertTrue(from >= 0 && to <= p.width(), r.label() + " from " + from + " to " + to + " of " + p.width());
        }
        assertTrue(p.rows().stream().anyMatch(r -> r.label().endsWith("…")), "a label too long for either side is cut");
    }

    @Test
    void showsDatesOnlyAsPreciseAsKnown() {
        assertEquals("2023", TimelineSvg.show(LocalDate.of(2023, 1, 1), "year"));
        assertEquals("2023-07", TimelineSvg.show(LocalDate.of(2023, 7, 1), "month"));
        assertEquals("month", TimelineSvg.precision("http://www.w3.org/2006/time#unitMonth"));
    }

    @Test
    void anOrderedItemSitsBetweenItsNeighboursAsAHollowBoxThatSaysItIsNotDated() {
        TimelineSvg.Item hanoi = new TimelineSvg.Item("/id/hanoi", "Hanoi summit", "event", LocalDate.of(2019, 2, 27), "day", null, "day");
        TimelineSvg.Item congress = new TimelineSvg.Item("/id/congress", "Party congress", "event", LocalDate.of(2021, 1, 1), "month", null, "day");
        TimelineSvg.Item late = new TimelineSvg.Item("/id/late", "Later summit", "event", LocalDate.of(2023, 9, 1), "year", null, "day");
        // After Hanoi, before the congress: the box runs from Hanoi's day to the end of the congress's month.
        TimelineSvg.Item between = TimelineSvg.Item.ordered("/id/between", "Statement", "event",
                new TimelineSvg.Gap(LocalDate.of(2019, 2, 27), LocalDate.of(2021, 1, 31), "ordered, not dated", "after Hanoi; before congress"));
        TimelineSvg.Item open = TimelineSvg.Item.ordered("/id/open", "Talks " + "with a very long name ".repeat(8), "event",
                new TimelineSvg.Gap(LocalDate.of(2021, 1, 1), null, "ordered, not dated", "after congress"));
        // Given first in the list, and keyed by nothing: the pairs alone put it after "between".
        TimelineSvg.Item chained = TimelineSvg.Item.ordered("/id/chained", "Reply", "event",
                new TimelineSvg.Gap(null, null, "ordered, not dated", "after Statement"));
        List<List<String>> before = List.of(List.of("/id/hanoi", "/id/between"), List.of("/id/between", "/id/congress"),
                List.of("/id/congress", "/id/open"), List.of("/id/between", "/id/chained"), List.of("/id/chained", "/id/late"));
        List<TimelineSvg.Item> rows = TimelineSvg.arrange(List.of(chained, late, open, congress, between, hanoi), before);
        List<String> order = rows.stream().map(TimelineSvg.Item::href).toList();
        for (List<String> p : before)
            assertTrue(order.indexOf(p.get(0)) < order.indexOf(p.get(1)), p + " in " + order);
        assertEquals("/id/hanoi", order.get(0));

        TimelineSvg.Picture p = TimelineSvg.picture(rows, "t");
        TimelineSvg.Row hanoiRow = p.rows().get(order.indexOf("/id/hanoi")), congressRow = p.rows().get(order.indexOf("/id/congress"));
        TimelineSvg.Row betweenRow = p.rows().get(order.indexOf("/id/between")), openRow = p.rows().get(order.indexOf("/id/open"));
        double x = Double.parseDouble(betweenRow.x()), right = x + Double.parseDouble(betweenRow.w());
        assertEquals(Double.parseDouble(hanoiRow.x()), x, 0.11, "the box starts at Hanoi's day");
        assertEquals(Double.parseDouble(congressRow.x()) + Double.parseDouble(congressRow.w()), right, 0.11, "and ends with the congress's month");
        assertTrue(betweenRow.ordered() && !betweenRow.circle() && betweenRow.cls().equals("mark ordered event"), betweenRow.toString());
        assertEquals(TimelineSvg.WIDTH - TimelineSvg.RIGHT, Double.parseDouble(openRow.x()) + Double.parseDouble(openRow.w()), 0.11,
                "no later bound: the box reaches the picture's edge");
        assertTrue(openRow.label().endsWith("… — ordered, not dated"), "a long name is cut, never the tag: " + openRow.label());
        assertTrue(betweenRow.title().contains("ordered, not dated: after Hanoi; before congress"), betweenRow.title());
        String svg = Templates.render("timelineSvg.jte", p);
        assertTrue(svg.contains("<rect class=\"mark ordered event\""), svg);
        assertFalse(svg.matches("(?s).*Statement \\([0-9].*"), "no date is written beside an ordered item");
    }

    @Test
    void aCycleInTheOrderDoesNotStopTheLayout() {
        TimelineSvg.Item a = TimelineSvg.Item.ordered("/id/a", "A", "event", new TimelineSvg.Gap(null, null, "ordered, not dated", ""));
        TimelineSvg.Item b = TimelineSvg.Item.ordered("/id/b", "B", "event", new TimelineSvg.Gap(null, null, "ordered, not dated", ""));
        List<TimelineSvg.Item> rows = TimelineSvg.arrange(List.of(a, b), List.of(List.of("/id/a", "/id/b"), List.of("/id/b", "/id/a")));
        assertEquals(2, rows.size());
        assertEquals(2, TimelineSvg.picture(rows, "t").rows().size());
    }
}
