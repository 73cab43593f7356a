package org.newpathkg.server.cache;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * The answers already given, bounded by bytes: a Caffeine cache with {@code maximumWeight} in
 * bytes (each answer weighs its body, its key and a fixed overhead), evicting by Caffeine's
 * frequency-and-recency policy, with statistics recorded.
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
    /**
     * One stored answer: what to send back on a hit. {@code headers} are the answer's own headers
     * a hit must repeat (the {@code X-Result-*} truncation signals), name to value.
     */
    public record Entry(String contentType, byte[] body, String etag, Map<String, String> headers) {
        public Entry {
            headers = Map.copyOf(headers);
        }

        /** An answer without headers of its own. */
        public Entry(String contentType, byte[] body, String etag) {
            this(contentType, body, etag, Map.of());
        }

        int weight(String key) {
            // The body dominates; the key, the headers and the node are counted so many tiny answers still hit the cap.
            long w = body.length + 2L * key.length() + 256;
            for (Map.Entry<String, String> h : headers.entrySet())
                w += 2L * (h.getKey().length() + h.getValue().length());
            return (int) Math.min(Integer.MAX_VALUE, w);
        }
    }

    private final long capacityBytes;
    private final Cache<String, Entry> entries;
    private final AtomicLong stores = new AtomicLong();

    /** A cache holding at most {@code capacityBytes} of answers. */
    public ResultCache(long capacityBytes) {
        if (capacityBytes <= 0)
            throw new IllegalArgumentException("cache capacity must be positive, not " + capacityBytes);
        this.capacityBytes = capacityBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(capacityBytes)
                .weigher((String k, Entry e) -> e.weight(k))
                // Eviction on the caller's thread: the weight bound holds when put() returns.
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** The largest single answer worth keeping: a quarter of the cache, so one answer cannot flush all others. */
    public long maxEntryBytes() {
        return capacityBytes / 4;
    }

    /** The stored answer for {@code key}, or null; counts a hit or a miss. */
    public Entry get(String key) {
        return entries.getIfPresent(key);
    }

    /** Stores an answer; too large an answer is not kept. */
    public void put(String key, Entry e) {
        if (e.weight(key) > maxEntryBytes())
            return;
        entries.put(key, e);
        stores.incrementAndGet();
    }

    /** Forgets every answer (the data was rebuilt). */
    public void clear() {
        entries.invalidateAll();
        entries.cleanUp();
    }

    /** Counters and sizes, for tests, logs and the benchmark. */
    public Stats stats() {
        entries.cleanUp();
        CacheStats s = entries.stats();
        long used = entries.policy().eviction().map(ev -> ev.weightedSize().orElse(0)).orElse(0L);
        return new Stats(s.hitCount(), s.missCount(), stores.get(), s.evictionCount(), (int) entries.estimatedSize(),
                used, capacityBytes);
    }

    /** A snapshot of the counters. */
    public record Stats(long hits, long misses, long stores, long evictions, int entries, long usedBytes, long capacityBytes) {}
}
