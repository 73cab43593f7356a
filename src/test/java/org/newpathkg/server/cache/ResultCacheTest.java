package org.newpathkg.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ResultCacheTest {
    static ResultCache.Entry entry(int bytes) {
        return new ResultCache.Entry("text/csv", new byte[bytes], "\"e\"");
    }

    @Test
    void aStoredAnswerIsFoundAndCountedAsAHit() {
        ResultCache c = new ResultCache(1 << 20);
        assertNull(c.get("k"));
        c.put("k", entry(10));
        assertNotNull(c.get("k"));
        assertEquals(1, c.stats().hits());
        assertEquals(1, c.stats().misses());
    }

    @Test
    void theWeightInBytesBoundsTheCacheAndEvictionsAreCounted() {
        ResultCache c = new ResultCache(10_000);   // entries up to 2,500 bytes
        for (int i = 0; i < 20; i++) {
            c.put("k" + i, entry(2_000));
            assertTrue(c.stats().usedBytes() <= 10_000, "after " + (i + 1) + " answers: " + c.stats());
        }
        assertEquals(20, c.stats().stores());
        assertTrue(c.stats().entries() <= 4, c.stats().toString());
        assertEquals(20 - c.stats().entries(), c.stats().evictions());
    }

    @Test
    void anEntryKeepsTheHeadersAHitMustRepeat() {
        ResultCache c = new ResultCache(1 << 20);
        c.put("k", new ResultCache.Entry("text/csv", new byte[3], "\"e\"", java.util.Map.of("X-Result-Truncated", "true")));
        assertEquals("true", c.get("k").headers().get("X-Result-Truncated"));
    }

    @Test
    void anAnswerLargerThanAQuarterOfTheCacheIsNotKept() {
        ResultCache c = new ResultCache(10_000);
        c.put("big", entry(3_000));
        assertNull(c.get("big"));
        assertEquals(0, c.stats().entries());
    }

    @Test
    void clearForgetsEverything() {
        ResultCache c = new ResultCache(10_000);
        c.put("a", entry(100));
        c.clear();
        assertNull(c.get("a"));
        assertEquals(0, c.stats().usedBytes());
    }
}
