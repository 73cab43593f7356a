package org.newpathkg.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void theCapEvictsTheLeastRecentlyUsedAnswerFirst() {
        ResultCache c = new ResultCache(10_000);   // entries up to 2,500 bytes
        c.put("a", entry(2_000));
        c.put("b", entry(2_000));
        c.put("c", entry(2_000));
        c.put("d", entry(2_000));
        c.get("a");   // a is now the most recently used
        c.put("e", entry(2_000));
        assertNull(c.get("b"), "the least recently used answer went first");
        assertNotNull(c.get("a"));
        assertNotNull(c.get("e"));
        assertEquals(1, c.stats().evictions());
        assertEquals(true, c.stats().usedBytes() <= 10_000);
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
