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
                new TimelineSvg.Item("/id/a", "Armistice <1953>", "event", LocalDate.of(1953, 7, 27), "day", null, "day"),
                new TimelineSvg.Item("/id/b", "Visit", "event", LocalDate.of(2024, 6, 1), "month", null, "day")), "t"));
        assertTrue(svg.contains("<circle class=\"mark event day\""), svg);
        assertTrue(svg.contains("<rect class=\"mark event month\""), svg);
        assertTrue(svg.contains(">1953<") && svg.contains(">2024<") && !svg.contains(">1990<"), svg);
        assertTrue(svg.contains("⋯"), "a break between 1953 and 2024");
        assertTrue(svg.contains("Armistice &lt;1953&gt; (1953-07-27)"), svg);
        assertFalse(svg.contains("<1953>"));
        assertNull(TimelineSvg.picture(List.of(), "t"), "no picture without items");
    }

    @Test
    void showsDatesOnlyAsPreciseAsKnown() {
        assertEquals("2023", TimelineSvg.show(LocalDate.of(2023, 1, 1), "year"));
        assertEquals("2023-07", TimelineSvg.show(LocalDate.of(2023, 7, 1), "month"));
        assertEquals("month", TimelineSvg.precision("http://www.w3.org/2006/time#unitMonth"));
    }
}
