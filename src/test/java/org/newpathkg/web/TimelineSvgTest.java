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
}
