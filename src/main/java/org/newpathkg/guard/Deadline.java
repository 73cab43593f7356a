package org.newpathkg.guard;

import org.apache.jena.query.QueryCancelledException;

/**
 * The time limit of the query running on this thread, checked by {@link DeadlineExecutor} before
 * each solution of every operator and on every read of a property path, and by {@link DeadlineView}
 * on every data access through the Graph API. ARQ cancels queries cooperatively, and some
 * operators never look: property paths such as {@code ?s (!<p>)* ?o} compute whole closures
 * without checking.
 */
final class Deadline {
    private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

    private Deadline() {}

    /** Starts a deadline {@code ms} from now for this thread. */
    static void start(long ms) {
        CURRENT.set(new long[] {System.nanoTime() + ms * 1_000_000});
    }

    /** Moves this thread's deadline (e.g. from the first-result limit to the overall one). */
    static void moveTo(long nanoTime) {
        long[] d = CURRENT.get();
        if (d != null)
            d[0] = nanoTime;
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Throws {@link QueryCancelledException} if this thread has a deadline and it has passed. */
    static void check() {
        long[] d = CURRENT.get();
        if (d != null && System.nanoTime() - d[0] > 0)
            throw new QueryCancelledException();
    }
}
