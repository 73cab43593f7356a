package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.Test;

/** The limits' arithmetic, without a server. */
class LimitsTest {

    @Test
    void aClientMayLowerTheTimeoutButNeverRaiseIt() {
        Limits l = Limits.DEFAULTS;
        assertEquals(30_000, l.effectiveOverallMs(null));
        assertEquals(2_500, l.effectiveOverallMs("2.5"));
        assertEquals(30_000, l.effectiveOverallMs("3600"));
        for (String bad : new String[] {"-1", "0", "abc", "NaN", "Infinity", "1e400", " ", "9".repeat(30)})
            assertEquals(30_000, l.effectiveOverallMs(bad), bad);
        assertEquals(10_000, l.effectiveFirstResultMs(null));
        assertEquals(2_000, l.effectiveFirstResultMs("2"));
    }

    @Test
    void theDefaultsAreThePublicEndpointOnes() {
        Limits d = Limits.DEFAULTS;
        assertEquals(10_000, d.firstResultMs());
        assertEquals(30_000, d.overallMs());
        assertEquals(10_000, d.maxRows());
        assertEquals(64 * 1024, d.maxBodyBytes());
        assertTrue(d.outputBufferBytes() < 64 * 1024, "small enough for Jetty's buffer pool");
    }

    @Test
    void theBuilderHoldsTheDefaultsAndTheConstructorRefusesNonsense() {
        assertEquals(Limits.DEFAULTS, Limits.DEFAULTS.toBuilder().build());
        assertEquals(1_000, Limits.builder().overallMs(1_000).build().firstResultMs(), "first result clamped to overall");
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().maxRows(0).build());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().maxBodyBytes(10).build());
        assertThrows(IllegalArgumentException.class, () -> new Limits(2_000, 1_000, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1024, 1024, 1, 1, 0, 1, 1024, 1024, 0, 1024));
    }

    @Test
    void aClientsTimeBudgetIsChargedAndRefilledAndSaysHowLongToWait() {
        long budget = 2_000_000_000L;        // 2 s of query time
        double refill = 0.5;                 // 0.5 s back per second
        Admission.Account a = new Admission.Account(budget, 0);
        assertNull(a.refusal(0, 2, 1, budget, refill));
        a.charge(0, 3_000_000_000L, budget, refill);   // one 3 s query: 1 s in debt
        assertNotNull(a.refusal(0, 2, 1, budget, refill), "past its budget");
        assertEquals(3, a.retryAfterSeconds(refill), "1 s of debt at 0.5 s/s: 2 s, rounded up with a margin");
        assertNull(a.refusal(3_000_000_000L, 2, 1, budget, refill), "refilled after 3 s");
    }

    @Test
    void aClientOverItsShareWaitsUntilItsWaitingPlacesAreTaken() {
        Admission.Account a = new Admission.Account(0, 0);
        a.running = 2;
        assertNull(a.refusal(0, 2, 1, 0, 0), "over its share of 2, it may wait");
        a.waiting = 1;
        String why = a.refusal(0, 2, 1, 0, 0);
        assertNotNull(why, "one waiting place: the next is refused");
        assertTrue(why.contains("2 requests running and 1 waiting"), why);
        a.running = 1;
        assertNull(a.refusal(0, 2, 1, 0, 0), "a place given back");
    }

    @Test
    void theDefaultsGiveEachClientHalfTheSlots() {
        assertEquals(Math.max(1, Limits.DEFAULTS.maxConcurrent() / 2), Limits.DEFAULTS.maxConcurrentPerClient());
        assertEquals(4, Limits.builder().maxConcurrent(8).build().maxConcurrentPerClient());
        Limits off = Limits.builder().oneTrustedClient().build();
        assertEquals(0, off.ratePerSecond());
        assertEquals(0, off.maxConcurrentPerClient());
        assertEquals(0, off.clientTimeBudgetMs());
    }

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

    @Test
    void unknownCharsetsAreRecognised() {
        assertEquals("bogus", GuardFilter.unknownCharset("application/sparql-query;charset=bogus"));
        assertNull(GuardFilter.unknownCharset("application/sparql-query; charset=UTF-8"));
        assertNull(GuardFilter.unknownCharset("text/plain"));
        assertEquals("\u00ff", GuardFilter.unknownCharset("text/plain;charset=\u00ff"));
    }
}
