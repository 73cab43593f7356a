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
 * <p>
 * Two levels. The answers themselves are keyed by the normalised query ({@link QueryKey}); a
 * second, smaller map links a <em>raw</em> request ({@link RawKey}: the bytes as sent, before any
 * parsing) to the normalised key its answer was stored under, so that {@link CacheFront} answers
 * a repeated request before admission without parsing it. That map holds keys only (the answer
 * is counted once, in the first), and is bounded by entries ({@link #MAX_LINKS}) and by bytes (an
 * eighth of the cache, at least 1 MiB); a raw key longer than {@link RawKey#MAX_CHARS} is never
 * linked. So nothing in either level grows with what clients send.
 *
 * <pre>{@code
 * ResultCache cache = new ResultCache(64L << 20);              // 64 MiB
 * cache.put(key, new ResultCache.Entry("application/sparql-results+json", bytes, etag));
 * ResultCache.Entry e = cache.get(key);                       // null on a miss
 * cache.link(rawKey, key);                                    // the raw request now finds it too
 * ResultCache.Entry f = cache.front(rawKey);                  // null on a miss
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

    /** At most this many raw requests are linked to an answer. */
    public static final int MAX_LINKS = 20_000;

    private final long capacityBytes, linkCapacityBytes;
    private final Cache<String, Entry> entries;
    /** Raw request key to the normalised key of its answer. */
    private final Cache<String, String> links;
    private final AtomicLong stores = new AtomicLong(), frontHits = new AtomicLong(), frontMisses = new AtomicLong();

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
        this.linkCapacityBytes = Math.max(1L << 20, capacityBytes / 8);
        // Caffeine bounds a cache by weight or by size, not both: the entry bound is kept by
        // giving every link a weight of at least linkCapacityBytes / MAX_LINKS.
        long minLinkWeight = Math.max(1, linkCapacityBytes / MAX_LINKS);
        this.links = Caffeine.newBuilder()
                .maximumWeight(linkCapacityBytes)
                .weigher((String raw, String key) -> (int) Math.max(minLinkWeight, linkWeight(raw, key)))
                .executor(Runnable::run)
                .build();
    }

    /** Bytes a link holds: both keys as Java strings and the map's node. */
    static long linkWeight(String raw, String key) {
        return 2L * (raw.length() + key.length()) + 128;
    }

    /** The largest single answer worth keeping: a quarter of the cache, so one answer cannot flush all others. */
    public long maxEntryBytes() {
        return capacityBytes / 4;
    }

    /** The stored answer for {@code key}, or null; counts a hit or a miss. */
    public Entry get(String key) {
        return entries.getIfPresent(key);
    }

    /** Stores an answer; too large an answer is not kept (false). */
    public boolean put(String key, Entry e) {
        if (e.weight(key) > maxEntryBytes())
            return false;
        entries.put(key, e);
        stores.incrementAndGet();
        return true;
    }

    /**
     * Makes the raw request {@code rawKey} find the answer stored under {@code key}; a raw key
     * longer than {@link RawKey#MAX_CHARS}, or a link heavier than a sixteenth of the links'
     * bytes, is not kept.
     */
    public void link(String rawKey, String key) {
        if (rawKey == null || rawKey.length() > RawKey.MAX_CHARS || linkWeight(rawKey, key) > linkCapacityBytes / 16)
            return;
        links.put(rawKey, key);
    }

    /**
     * The answer linked to the raw request {@code rawKey}, or null (never linked, or its answer
     * was evicted since); counted as a front hit or miss.
     */
    public Entry front(String rawKey) {
        String key = links.getIfPresent(rawKey);
        Entry e = key == null ? null : entries.getIfPresent(key);
        (e == null ? frontMisses : frontHits).incrementAndGet();
        return e;
    }

    /** Forgets every answer (the data was rebuilt). */
    public void clear() {
        links.invalidateAll();
        links.cleanUp();
        entries.invalidateAll();
        entries.cleanUp();
    }

    /** The raw-request level's counters and sizes. */
    public FrontStats frontStats() {
        links.cleanUp();
        long used = links.policy().eviction().map(ev -> ev.weightedSize().orElse(0)).orElse(0L);
        return new FrontStats(frontHits.get(), frontMisses.get(), links.estimatedSize(), used, linkCapacityBytes);
    }

    /** A snapshot of the raw-request level: hits and misses before admission, links held, their weight and bound. */
    public record FrontStats(long hits, long misses, long links, long usedBytes, long capacityBytes) {}

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
