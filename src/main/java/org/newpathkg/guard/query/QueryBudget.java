package org.newpathkg.guard.query;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Context;

/**
 * What one query may spend beyond what ARQ's timeout watches, stopped with ARQ's own cancel
 * signal, so it stops where a timed-out query stops (before its next solution, its next index
 * match, its path's next read) and gets the timed-out query's answer. One watcher thread reads
 * every running query's figures every {@link #POLL_MS} ms.
 * <ul>
 * <li><b>Memory</b>: the bytes the query's thread allocated since it started
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, a per-thread counter). Java
 * offers no per-thread measure of live memory, and a heap-wide check cannot tell which query to
 * stop; allocated bytes are an upper bound of what a query holds, so the {@code maxConcurrent}
 * queries hold at most that many budgets between them (sorts, groups and hash joins keep their
 * rows in memory). The price: a query that churns through much more than it keeps is stopped too.
 * Which of time and memory a heavy query meets first depends on the machine; both get one
 * answer.</li>
 * <li><b>Time, while the plan is built</b>: ARQ's timeout alarm and {@code QueryExec.abort} set
 * the signal under a lock ({@code QueryExecDataset.lockTimeout}) that the query's own thread
 * holds while it builds the plan, and building it can be all the work: {@code QueryIterSlice}
 * skips the {@code OFFSET} rows in its constructor, so {@code LIMIT 1 OFFSET 100000000} over a
 * property path ran for minutes past its timeout (Jena 5.6.0). Past the overall timeout this
 * watcher sets the signal itself, without the lock.</li>
 * </ul>
 */
public final class QueryBudget implements AutoCloseable {
    /** Between two reads a query thread allocates at most some hundred MB even at full speed. */
    static final long POLL_MS = 20;
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final ScheduledThreadPoolExecutor WATCHER = watcher();

    private final ScheduledFuture<?> task;
    private volatile boolean overMemory;

    /**
     * Watches the query {@code exec} run on this thread from now on: at most {@code allocBytes}
     * allocated (0: no budget, or the JVM cannot count) and {@code overallMs} of time.
     */
    QueryBudget(QueryExec exec, long allocBytes, long overallMs) {
        AtomicBoolean signal = Context.getOrSetCancelSignal(exec.getContext());
        long thread = Thread.currentThread().getId();
        boolean counting = allocBytes > 0 && THREADS != null;
        long allocStart = counting ? THREADS.getThreadAllocatedBytes(thread) : 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(overallMs);
        this.task = WATCHER.scheduleWithFixedDelay(() -> {
            if (signal.get())
                return;
            if (counting && THREADS.getThreadAllocatedBytes(thread) - allocStart > allocBytes) {
                overMemory = true;
                signal.set(true);
            } else if (System.nanoTime() - deadline > 0)
                signal.set(true);
        }, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops {@code exec} as its timeout would, without waiting for ARQ's lock; from any thread. */
    static void cancel(QueryExec exec) {
        Context.getOrSetCancelSignal(exec.getContext()).set(true);
    }

    /** Whether the query was stopped for passing its memory budget. */
    boolean overMemory() {
        return overMemory;
    }

    /** Whether this JVM counts allocations per thread (HotSpot does); without it only the time limit applies. */
    static boolean countsAllocations() {
        return THREADS != null;
    }

    /** Stops watching: called once the query's results are complete, on every path. */
    @Override
    public void close() {
        task.cancel(false);
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled())
                t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    private static ScheduledThreadPoolExecutor watcher() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "query-budget");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }
}
