package org.newpathkg.server.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The answers already given, bounded by bytes and evicted least-recently-used first.
 * <p>
 * The served dataset does not change while the server runs, so an answer is valid for as long as
 * the key that produced it (normalised query, dataset version, content type) is the same. The
 * dataset version is part of every key, so answers over a rebuilt dataset never meet old ones;
 * {@link #clear()} frees the memory when a rebuild happens in the same process.
 *
 * <pre>{@code
 * ResultCache cache = new ResultCache(64L << 20);              // 64 MiB
 * cache.put(key, new ResultCache.Entry("application/sparql-results+json", bytes, etag));
 * ResultCache.Entry e = cache.get(key);                       // null on a miss
 * }</pre>
 */
public final class ResultCache {
    /** One stored answer: what to send back on a hit. */
    public record Entry(String contentType, byte[] body, String etag) {
        long weight(String key) {
            // The body dominates; the key and the map node are counted so many tiny answers still hit the cap.
            return body.length + 2L * key.length() + 128;
        }
    }

    private final long capacityBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long usedBytes;
    private final AtomicLong hits = new AtomicLong(), misses = new AtomicLong(), evictions = new AtomicLong(),
            stores = new AtomicLong();

    /** A cache holding at most {@code capacityBytes} of answers. */
    public ResultCache(long capacityBytes) {
        if (capacityBytes <= 0)
            throw new IllegalArgumentException("cache capacity must be positive, not " + capacityBytes);
        this.capacityBytes = capacityBytes;
    }

    /** The largest single answer worth keeping: a quarter of the cache, so one answer cannot flush all others. */
    public long maxEntryBytes() {
        return capacityBytes / 4;
    }

    /** The stored answer for {@code key}, or null; counts a hit or a miss. */
    public synchronized Entry get(String key) {
        Entry e = entries.get(key);
        (e == null ? misses : hits).incrementAndGet();
        return e;
    }

    /** Stores an answer, evicting the least recently used ones until it fits; too large an answer is not kept. */
    public synchronized void put(String key, Entry e) {
        long w = e.weight(key);
        if (w > maxEntryBytes())
            return;
        Entry old = entries.remove(key);
        if (old != null)
            usedBytes -= old.weight(key);
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (usedBytes + w > capacityBytes && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            usedBytes -= eldest.getValue().weight(eldest.getKey());
            it.remove();
            evictions.incrementAndGet();
        }
        entries.put(key, e);
        usedBytes += w;
        stores.incrementAndGet();
    }

    /** Forgets every answer (the data was rebuilt). */
    public synchronized void clear() {
        entries.clear();
        usedBytes = 0;
    }

    /** Counters and sizes, for tests, logs and the benchmark. */
    public synchronized Stats stats() {
        return new Stats(hits.get(), misses.get(), stores.get(), evictions.get(), entries.size(), usedBytes, capacityBytes);
    }

    /** A snapshot of the counters. */
    public record Stats(long hits, long misses, long stores, long evictions, int entries, long usedBytes, long capacityBytes) {}
}
