package org.newpathkg.guard.query;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

/**
 * What queries may spend beyond what ARQ's timeout watches, stopped with ARQ's own cancel signal,
 * so a query stops where a timed-out query stops (before its next solution, its next index match,
 * its path's next read) and gets the timed-out query's answer.
 * <ul>
 * <li><b>Memory: what running queries hold</b>, read after garbage collections. The JVM has no
 * per-thread measure of live memory; the bytes a thread allocated (the measure this class used
 * before) count garbage too, and stopped analysts' queries at 1M triples that churn through more
 * than a GiB of short-lived objects a second while holding little. The heap in use after a
 * collection is live data; the same idea as Elasticsearch's "real memory" parent circuit breaker,
 * which trips on the heap actually in use rather than on estimates. How it is read, as G1 on
 * JDK 17 reports it (checked: a program holding 574 MB, then dropping it):
 * <ul>
 * <li>Each collection's {@code GcInfo} gives the heap pools' use after it. After a full
 * collection ({@code "end of major GC"}) that is exact. After a young or mixed one it still counts
 * dead objects already promoted to the old generation, until a concurrent cycle or a full
 * collection clears them (574 MB stayed in every young reading after it was dropped); the old
 * pool's {@code getCollectionUsage()} is not updated by young collections at all. So a young
 * reading is an upper bound of what is live.</li>
 * <li>The <b>baseline</b> is what the server holds without queries: the data it serves, the
 * text index, its caches. It is the least reading since the server started serving
 * ({@link #servingStarts()}); one full collection is asked for at the first moment no query runs,
 * at least {@link #BASELINE_AFTER_MS} ms after that (so not while start-up is timed, and the
 * garbage of loading the data is gone from the baseline); later readings can only lower it.</li>
 * <li>A reading more than the budget ({@code --query-memory-mb}) above the baseline means the
 * running queries together hold more than it, or that dead objects wait in the old generation.
 * A young reading only asks for a full collection to tell the two apart ({@code System.gc()}), at
 * most once per {@link #CONFIRM_SPACING} times the last one's duration (so confirming costs at most
 * 1/20 of the time, whatever a client sends) unless the heap grew a whole budget since the last
 * exact reading; the full collection's own reading decides. A full collection is not cheap: with
 * the 1M-triple corpus (830 MB live, {@code -Xmx8g}) it took 7.2 s on the project's 2-core machine
 * under load 17. Past
 * {@link #HEAP_CEILING} of the maximum heap a young reading decides at once: the heap is
 * about to run out.</li>
 * <li>Deciding stops <b>one</b> query: the running one that allocated most since it started
 * (per-thread allocation counters, {@code com.sun.management.ThreadMXBean}): what a query holds it
 * allocated, so the largest holder is among the largest allocators. Allocation only picks the
 * query; it never triggers a stop. <b>Hysteresis</b>: no other query is stopped until the stopped
 * one has ended and a collection that started after it ended says the heap is still over.</li>
 * </ul>
 * The budget is therefore shared by the queries running at once (at most {@code maxConcurrent}),
 * not one each: Java cannot say which query holds what. A query that churns through much more than
 * the budget and holds little runs to its answer.</li>
 * <li><b>Time, while the plan is built</b>: ARQ's timeout alarm and {@code QueryExec.abort} set
 * the signal under a lock ({@code QueryExecDataset.lockTimeout}) that the query's own thread
 * holds while it builds the plan, and building it can be all the work: {@code QueryIterSlice}
 * skips the {@code OFFSET} rows in its constructor, so {@code LIMIT 1 OFFSET 100000000} over a
 * property path ran for minutes past its timeout (Jena 5.6.0). Past the overall timeout this
 * watcher sets the signal itself, without the lock, reading the clock every {@link #POLL_MS} ms.</li>
 * </ul>
 */
public final class QueryBudget implements AutoCloseable {
    /** How often a query's deadline is read while it runs. */
    static final long POLL_MS = 20;
    /** Share of the maximum heap past which a young collection's reading stops a query without confirming. */
    static final double HEAP_CEILING = 0.9;
    /** A confirming full collection is asked for at most once per this many times the last one took. */
    static final int CONFIRM_SPACING = 20;
    /** The baseline's full collection waits at least this long after serving starts, then for no query to run. */
    static final long BASELINE_AFTER_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(QueryBudget.class);
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final ScheduledThreadPoolExecutor WATCHER = watcher();
    private static final Heap HEAP = new Heap();

    private final ScheduledFuture<?> task;
    private final AtomicBoolean signal;
    private final long thread;
    private final long allocStart;
    private final long heldBytes;
    private volatile boolean overMemory;

    /**
     * Watches the query {@code exec} run on this thread from now on: running queries may hold
     * {@code heldBytes} of heap together above the served data (0: no budget), and this one may run
     * {@code overallMs}.
     */
    QueryBudget(QueryExec exec, long heldBytes, long overallMs) {
        this.signal = Context.getOrSetCancelSignal(exec.getContext());
        this.thread = Thread.currentThread().getId();
        this.allocStart = THREADS != null ? THREADS.getThreadAllocatedBytes(thread) : 0;
        this.heldBytes = heldBytes;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(overallMs);
        this.task = WATCHER.scheduleWithFixedDelay(() -> {
            if (!signal.get() && System.nanoTime() - deadline > 0)
                signal.set(true);
        }, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        if (heldBytes > 0)
            HEAP.running.add(this);
    }

    /** Stops {@code exec} as its timeout would, without waiting for ARQ's lock; from any thread. */
    static void cancel(QueryExec exec) {
        Context.getOrSetCancelSignal(exec.getContext()).set(true);
    }

    /** Whether the query was stopped because running queries held more than their budget. */
    boolean overMemory() {
        return overMemory;
    }

    /**
     * The data to serve is in the heap now: the baseline is read afresh from the collections that
     * follow, and a full one is asked for at the first idle moment (on the watcher thread).
     */
    static void servingStarts() {
        HEAP.reset();
    }

    /** Stops watching: called once the query's results are complete, on every path. */
    @Override
    public void close() {
        task.cancel(false);
        if (heldBytes > 0)
            HEAP.ended(this);
    }

    /** Bytes this query's thread allocated since it started: which query to stop, never whether. */
    private long allocated() {
        return THREADS != null ? THREADS.getThreadAllocatedBytes(thread) - allocStart : 0;
    }

    /**
     * The heap as collections leave it, and the one decision taken from it. Readings arrive on
     * the JVM's notification thread and are handed to the watcher thread, in order; the state is
     * guarded by this object's lock, never held across a collection.
     */
    static final class Heap {
        final Set<QueryBudget> running = ConcurrentHashMap.newKeySet();
        private final long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();
        /** Least reading since serving started; -1 until the first one. */
        private long baseline = -1;
        private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        /**
         * Each collector's count when serving started, the stopped query ended or a full collection
         * was asked for: only collections after it count. Counts, because a Java thread cannot read
         * them during a pause, and a collection's start time is on another clock than the JVM's uptime.
         */
        private long[] mark = counts();
        /** The stopped query, until it ends. */
        private QueryBudget stopped;
        /** The latest exact reading; -1: none since serving started. */
        private long exact = -1;
        /** System.nanoTime() before which a full collection is asked for only if the heap grew a budget since the last. */
        private long spacedUntil;
        private boolean confirmWaiting;
        /** How many times serving started: a baseline asked for by an earlier start is not needed. */
        private long serving;
        private int lastCollector;
        private long lastId;
        private long lastUsed = -1;

        Heap() {
            for (int i = 0; i < collectors.size(); i++) {
                int collector = i;
                if (collectors.get(i) instanceof NotificationEmitter e)
                    e.addNotificationListener((n, h) -> {
                        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()))
                            return;
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        GcInfo gi = info.getGcInfo();
                        long used = heapUsed(gi.getMemoryUsageAfterGc());
                        // HotSpot's label for a collection of the whole heap (G1's full collection; young and mixed are "minor").
                        boolean whole = "end of major GC".equals(info.getGcAction());
                        WATCHER.execute(() -> reading(collector, gi.getId(), used, whole));
                    }, null, null);
            }
        }

        private long[] counts() {
            long[] c = new long[collectors.size()];
            for (int i = 0; i < c.length; i++)
                c[i] = collectors.get(i).getCollectionCount();
            return c;
        }

        private long heapUsed(Map<String, MemoryUsage> after) {
            long used = 0;
            for (String pool : heapPools) {
                MemoryUsage u = after.get(pool);
                if (u != null)
                    used += u.getUsed();
            }
            return used;
        }

        synchronized void reset() {
            baseline = -1;
            exact = -1;
            lastUsed = -1;
            spacedUntil = 0;
            mark = counts();
            long at = ++serving;
            WATCHER.schedule(() -> baselineWhenIdle(at), BASELINE_AFTER_MS, TimeUnit.MILLISECONDS);
        }

        /** One full collection for the baseline, once no query runs, unless serving restarted or an exact reading came first. */
        private void baselineWhenIdle(long at) {
            synchronized (this) {
                if (serving != at || exact >= 0)
                    return;
                if (!running.isEmpty()) {
                    WATCHER.schedule(() -> baselineWhenIdle(at), POLL_MS * 10, TimeUnit.MILLISECONDS);
                    return;
                }
            }
            System.gc();
        }

        synchronized void ended(QueryBudget q) {
            running.remove(q);
            if (stopped == q) {
                stopped = null;
                mark = counts();
            }
        }

        private enum Next { NOTHING, CONFIRM, CONFIRM_WHEN_SPACED }

        /** Collection {@code id} of {@code collector} left {@code used} bytes of heap in use ({@code whole}: exact). */
        void reading(int collector, long id, long used, boolean whole) {
            switch (decide(collector, id, used, whole)) {
                case CONFIRM -> confirm();
                case CONFIRM_WHEN_SPACED -> confirmWhenSpaced();
                case NOTHING -> { }
            }
        }

        /** Stops a query if this reading says so, or says whether a full collection should confirm it first. */
        private synchronized Next decide(int collector, long id, long used, boolean whole) {
            // Before serving started, the stopped query ended or a full collection was asked for: nothing new.
            if (id <= mark[collector])
                return Next.NOTHING;
            if (baseline < 0 || used < baseline)
                baseline = used;
            if (whole)
                exact = used;
            lastCollector = collector;
            lastId = id;
            lastUsed = used;
            if (running.isEmpty() || stopped != null)
                return Next.NOTHING;
            long above = used - baseline;
            boolean ceiling = max > 0 && used > HEAP_CEILING * max;
            List<QueryBudget> over = running.stream().filter(q -> ceiling || above > q.heldBytes).toList();
            if (over.isEmpty())
                return Next.NOTHING;
            if (!whole && !ceiling) {
                long budget = over.stream().mapToLong(q -> q.heldBytes).min().orElseThrow();
                // Grown a whole budget since the last exact reading: not the dead objects a young reading also counts.
                return exact >= 0 && used - exact > budget ? Next.CONFIRM : Next.CONFIRM_WHEN_SPACED;
            }
            QueryBudget q = over.stream().max(Comparator.comparingLong(QueryBudget::allocated)).orElseThrow();
            LOG.info("Memory budget: {} MB of heap in use after a {} collection, {} MB above the {} MB held without queries; "
                    + "stopping the query that allocated most of {} running ({} MB since it started)", used >> 20,
                    whole ? "full" : "young", above >> 20, baseline >> 20, running.size(), q.allocated() >> 20);
            q.overMemory = true;
            q.signal.set(true);
            stopped = q;
            return Next.NOTHING;
        }

        /**
         * A full collection now; its reading decides (it arrives as a notification). Readings of
         * collections before it, still queued, no longer count, so they ask for no other.
         */
        private void confirm() {
            synchronized (this) {
                mark = counts();
            }
            long t0 = System.nanoTime();
            System.gc();
            long took = System.nanoTime() - t0;
            synchronized (this) {
                spacedUntil = System.nanoTime() + CONFIRM_SPACING * Math.max(took, TimeUnit.MILLISECONDS.toNanos(5));
            }
        }

        /** {@link #confirm()} now if the spacing allows it, else once it does, if the heap still reads over then. */
        private void confirmWhenSpaced() {
            synchronized (this) {
                if (confirmWaiting)
                    return;
                long wait = spacedUntil - System.nanoTime();
                if (wait > 0) {
                    confirmWaiting = true;
                    WATCHER.schedule(this::confirmLater, wait, TimeUnit.NANOSECONDS);
                    return;
                }
            }
            confirm();
        }

        private void confirmLater() {
            int collector;
            long id, used;
            synchronized (this) {
                confirmWaiting = false;
                collector = lastCollector;
                id = lastId;
                used = lastUsed;
            }
            if (used >= 0)
                reading(collector, id, used, false);
        }
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
