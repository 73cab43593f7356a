package org.newpathkg.guard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;

import org.junit.jupiter.api.Test;

/** The row cap and the nesting limit of {@link CappedQueryProcessor}, without a server. */
class CappedQueryProcessorTest {

    @Test
    void queriesGetTheRowCapAsLimitUnlessTheyAskForLess() {
        Query open = QueryFactory.create("SELECT * { ?s ?p ?o }");
        Query capped = CappedQueryProcessor.capped(open, 100);
        assertEquals(101, capped.getLimit());
        assertFalse(open.hasLimit(), "the original is untouched");
        Query small = QueryFactory.create("SELECT * { ?s ?p ?o } LIMIT 5");
        assertSame(small, CappedQueryProcessor.capped(small, 100));
        assertEquals(101, CappedQueryProcessor.capped(QueryFactory.create("SELECT * { ?s ?p ?o } LIMIT 5000"), 100).getLimit());
        assertEquals(101, CappedQueryProcessor.capped(QueryFactory.create("CONSTRUCT WHERE { ?s ?p ?o }"), 100).getLimit());
        Query ask = QueryFactory.create("ASK { ?s ?p ?o }");
        assertSame(ask, CappedQueryProcessor.capped(ask, 100));
    }

    @Test
    void groupsNestedPastTheLimitAreFoundWhateverKindNestsThem() {
        int max = CappedQueryProcessor.MAX_NESTING;
        String[][] kinds = {{"OPTIONAL { ", "} "}, {"{ ", "} "}, {"MINUS { ", "} "}, {"GRAPH ?g { ", "} "},
                {"FILTER NOT EXISTS { ", "} "}, {"{} UNION { ", "} "}, {"{ SELECT * WHERE ", ""}};
        for (String[] kind : kinds) {
            for (int n = max - 3; n <= max + 2; n++) {
                String q = "SELECT * { " + kind[0].repeat(n) + "{ ?s ?p ?o } " + (kind[0].startsWith("{ SELECT") ? "} ".repeat(n) : kind[1].repeat(n)) + "}";
                // These queries have no other brackets: their text's bracket depth is how deep their groups nest.
                boolean deeper = CappedQueryProcessor.bracketDepth(q) > max;
                assertEquals(deeper, CappedQueryProcessor.nestedDeeperThan(QueryFactory.create(q).getQueryPattern(), max), kind[0] + n);
            }
        }
    }
}
