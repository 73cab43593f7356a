package org.newpathkg.guard;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code maxConcurrent} requests execute at once; up to {@code maxQueue} more wait, each
 * for at most {@code queueWaitMs}. Anything beyond is refused at once, so overload turns into
 * quick 429 answers instead of a pile of blocked threads. A slot is held until the request's
 * thread returns, even if the client was already answered (see {@link Watchdog}), so a query
 * that ignores cancellation can occupy a slot but never more than {@code maxConcurrent} threads.
 *
 * <pre>{@code
 * Admission a = new Admission(4, 64, 5000);
 * if (a.enter()) try { run(); } finally { a.leave(); } else refuse429();
 * }</pre>
 */
public final class Admission {
    private final Semaphore slots;
    private final int maxQueue;
    private final long queueWaitMs;
    private final AtomicInteger waiting = new AtomicInteger();

    public Admission(int maxConcurrent, int maxQueue, long queueWaitMs) {
        this.slots = new Semaphore(maxConcurrent, true);
        this.maxQueue = maxQueue;
        this.queueWaitMs = queueWaitMs;
    }

    /** Waits for a slot; false if the queue is full or the wait ran out (the caller answers 429). */
    public boolean enter() {
        if (slots.tryAcquire())
            return true;
        if (waiting.incrementAndGet() > maxQueue) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return slots.tryAcquire(queueWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Gives back the slot taken by a successful {@link #enter()}. */
    public void leave() {
        slots.release();
    }

    /** Requests executing now. */
    public int running(int maxConcurrent) {
        return maxConcurrent - slots.availablePermits();
    }

    /** Requests waiting for a slot now. */
    public int waiting() {
        return waiting.get();
    }
}
