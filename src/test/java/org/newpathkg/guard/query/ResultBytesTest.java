package org.newpathkg.guard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.junit.jupiter.api.Test;

/** The result-size estimate: UTF-8 bytes of each term plus a fixed cell, and a clean cut at the cap. */
class ResultBytesTest {
    @Test
    void countsUtf8BytesNotCharacters() {
        assertEquals(3, ResultBytes.utf8("abc"));
        assertEquals(9, ResultBytes.utf8("日本語"));
        assertEquals(4, ResultBytes.utf8("😀"));
        assertEquals(2, ResultBytes.utf8("é"));
    }

    @Test
    void countsEscapesAsTheCostliestFormatWritesThem() {
        // JSON writes U+0001 as \u0001 (6 bytes), XML as a numeric reference; the estimate takes the larger.
        assertEquals(8 * 1_000, ResultBytes.utf8("\u0001".repeat(1_000)));
        assertEquals(6, ResultBytes.utf8("&"), "&amp;");
        assertEquals(6, ResultBytes.utf8("\""), "&quot;");
        assertEquals(2, ResultBytes.utf8("\\"), "JSON's \\\\");
    }

    @Test
    void cutsAtTheCapAndStaysCut() {
        Binding row = BindingFactory.binding(Var.alloc("x"), NodeFactory.createLiteralString("a".repeat(1_000)));
        long perRow = ResultBytes.CELL + ResultBytes.term(row.get(Var.alloc("x")));
        ResultBytes size = new ResultBytes(10 * perRow);
        for (int i = 0; i < 10; i++)
            assertTrue(size.add(row), "row " + i);
        assertFalse(size.cut());
        assertFalse(size.add(row), "the eleventh row is past the cap");
        assertTrue(size.cut());
        Binding small = BindingFactory.binding(Var.alloc("x"), NodeFactory.createLiteralString("a"));
        assertFalse(size.add(small), "nothing is added after a cut, so the result is a prefix");
    }
}
