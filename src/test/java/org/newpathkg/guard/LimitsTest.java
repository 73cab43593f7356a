package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
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
        assertThrows(IllegalArgumentException.class, () -> new Limits(2_000, 1_000, 1, 1, 0, 0, 0, 1, 1024, 1024, 1, 0, 1, 1024, 1024, 0, 1024));
    }

    @Test
    void theRateLimiterAllowsABurstThenTheRateAndSaysHowLongToWait() {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(2, 3, now::get);
        for (int i = 0; i < 3; i++)
            assertEquals(0, r.acquire("a"));
        long wait = r.acquire("a");
        assertEquals(1, wait);
        assertEquals(0, r.acquire("b"), "another client has its own bucket");
        now.addAndGet(500_000_000L);
        assertEquals(0, r.acquire("a"), "half a second at 2/s gives one token");
        assertTrue(r.acquire("a") > 0);
    }

    @Test
    void theRateLimiterForgetsQuietClientsWhenItsTableIsFull() {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(10, 1, now::get);
        for (int i = 0; i <= RateLimiter.MAX_CLIENTS; i++)
            r.acquire("10.0." + (i / 256) + "." + (i % 256));
        now.addAndGet(10_000_000_000L);
        r.acquire("fresh");
        assertTrue(r.clients() < 10, "quiet clients dropped: " + r.clients());
    }

    @Test
    void rateLimitZeroIsOff() {
        RateLimiter r = new RateLimiter(0, 1, System::nanoTime);
        for (int i = 0; i < 1000; i++)
            assertEquals(0, r.acquire("a"));
    }

    @Test
    void admissionRefusesBeyondTheQueueAtOnce() {
        Admission a = new Admission(1, 0, 10_000);
        assertTrue(a.enter());
        long t0 = System.nanoTime();
        assertFalse(a.enter());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1_000, "no queue: refused without waiting");
        a.leave();
        assertTrue(a.enter());
        a.leave();
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
    void theDeadlineStopsAReadOnlyOnTheThreadThatSetIt() throws Exception {
        Deadline.start(-1);   // already passed: no need to wait for it
        try {
            assertThrows(QueryCancelledException.class, Deadline::check);
            // Another thread has no deadline: its check must not throw. Run there, the check's
            // outcome is brought back to this thread, where a failure fails the test.
            FutureTask<Void> other = new FutureTask<>(Deadline::check, null);
            Thread t = new Thread(other);
            t.start();
            other.get(10, TimeUnit.SECONDS);   // rethrows what the other thread's check threw
        } finally {
            Deadline.clear();
        }
        Deadline.check();
    }

    @Test
    void unknownCharsetsAreRecognised() {
        assertEquals("bogus", GuardFilter.unknownCharset("application/sparql-query;charset=bogus"));
        assertNull(GuardFilter.unknownCharset("application/sparql-query; charset=UTF-8"));
        assertNull(GuardFilter.unknownCharset("text/plain"));
        assertEquals("\u00ff", GuardFilter.unknownCharset("text/plain;charset=\u00ff"));
    }
}
