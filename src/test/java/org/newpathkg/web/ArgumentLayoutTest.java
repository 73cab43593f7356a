package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ArgumentLayoutTest {
    static View.ArgNode node(String id) {
        return new View.ArgNode(View.Value.link("/claim/" + id, "npc:" + id, false),
                "A gloss long enough to be wrapped over two lines and then cut with an ellipsis at the end of the box", null, null,
                new View.Text("だからこそ", "ja"), null);
    }

    static List<View.ArgNode> nodes(String prefix, int n) {
        List<View.ArgNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add(node(prefix + i));
        return out;
    }

    static double d(String s) {
        return Double.parseDouble(s);
    }

    @Test
    void groundsLeftSupportedRightConflictsBelowNoBoxesOverlapAndEveryArrowEndsAtTheCentre() {
        View.ArgumentSvg g = ArgumentLayout.layout("Argument", "npc:s1", "the centre's gloss", nodes("g", 3), nodes("s", 1), nodes("c", 2), false);
        assertEquals(1 + 3 + 1 + 2, g.boxes().size());
        assertEquals(3 + 1 + 2, g.edges().size());
        View.Box centre = g.boxes().get(0);
        assertEquals("centre", centre.cls());
        for (View.Box b : g.boxes()) {
            assertTrue(d(b.x()) >= 0 && d(b.x()) + d(b.w()) <= g.width() && d(b.y()) >= 0 && d(b.y()) + d(b.h()) <= g.height(), "inside: " + b);
            for (View.Box o : g.boxes())
                if (o != b)
                    assertFalse(d(b.x()) < d(o.x()) + d(o.w()) && d(o.x()) < d(b.x()) + d(b.w())
                            && d(b.y()) < d(o.y()) + d(o.h()) && d(o.y()) < d(b.y()) + d(b.h()), b + " overlaps " + o);
        }
        for (View.Box b : g.boxes())
            if (b.cls().equals("ground"))
                assertTrue(d(b.x()) + d(b.w()) <= d(centre.x()), "grounds left of the claim");
            else if (b.cls().equals("supported"))
                assertTrue(d(b.x()) >= d(centre.x()) + d(centre.w()), "supported claims right of it");
            else if (b.cls().equals("conflict"))
                assertTrue(d(b.y()) >= d(centre.y()) + d(centre.h()), "conflicts below it");
        assertEquals(2, g.edges().stream().filter(e -> e.cls().equals("conflict")).count());
        for (View.Box b : g.boxes())
            for (View.Line l : b.lines())
                assertTrue(l.text().length() <= ArgumentLayout.CHARS, "a line fits its box: " + l.text());
    }

    @Test
    void wrapsAtWordsAndClipsWithAnEllipsis() {
        assertEquals("one two", ArgumentLayout.wrap("one two three", 8));
        assertEquals("abcdefgh", ArgumentLayout.wrap("abcdefghij", 8));
        assertEquals("abcdefg…", ArgumentLayout.clip("abcdefghij", 8));
        assertEquals("short", ArgumentLayout.clip("short", 8));
    }
}
