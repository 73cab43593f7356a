package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertThrows(IllegalArgumentException.class, () -> new Limits(2_000, 1_000, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1024, 1024, 1, 1, 0, 1, 0, 1024, 1024, 0, 1024));
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
}
