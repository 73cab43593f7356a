package org.newpathkg.guard;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code burst} requests at once, then {@code perSecond}
 * sustained. A refused request learns how many seconds to wait ({@code Retry-After}).
 * The table of clients is bounded: when it grows past {@link #MAX_CLIENTS}, buckets that have
 * refilled completely (clients that went quiet) are dropped, so a spray of addresses cannot
 * exhaust memory.
 *
 * <pre>{@code
 * RateLimiter r = new RateLimiter(20, 40, System::nanoTime);
 * long wait = r.acquire("203.0.113.9");   // 0: go ahead; otherwise seconds to wait
 * }</pre>
 */
public final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long stamp;

        Bucket(double tokens, long stamp) {
            this.tokens = tokens;
            this.stamp = stamp;
        }
    }

    /** {@code perSecond} 0 lets every request through. */
    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = nanoClock;
    }

    /** Takes a token for {@code client}: 0 if the request may proceed, else whole seconds (>= 1) until it may. */
    public long acquire(String client) {
        if (perNano <= 0)
            return 0;
        long now = clock.getAsLong();
        if (buckets.size() > MAX_CLIENTS)
            evictFull(now);
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.stamp) * perNano);
            b.stamp = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            double nanos = (1 - b.tokens) / perNano;
            return Math.max(1, (long) Math.ceil(nanos / 1e9));
        }
    }

    /** Number of clients currently tracked. */
    int clients() {
        return buckets.size();
    }

    private void evictFull(long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Bucket b = it.next().getValue();
            synchronized (b) {
                if (b.tokens + (now - b.stamp) * perNano >= burst)
                    it.remove();
            }
        }
    }
}
