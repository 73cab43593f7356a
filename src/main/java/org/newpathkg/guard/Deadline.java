package org.newpathkg.guard;

import java.lang.management.ManagementFactory;

import org.apache.jena.query.QueryCancelledException;

/**
 * The time limit and the allocation budget of the query running on this thread, checked by
 * {@link DeadlineExecutor} before each solution of every operator and on every read of a
 * property path, and by {@link DeadlineView} on every data access through the Graph API. ARQ
 * cancels queries cooperatively, and some operators never look: property paths such as
 * {@code ?s (!<p>)* ?o} compute whole closures without checking.
 * <p>
 * The budget counts the bytes this thread allocated since the query started
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, a read of a
 * per-thread counter). Allocated bytes are an upper bound of what the query can hold live, so
 * {@code maxConcurrent} queries hold at most that many budgets between them whatever they do;
 * the price is that a query which churns through much more than it keeps is stopped too. Java
 * offers no per-thread measure of live memory, and a heap-wide check cannot tell which query to stop.
 */
final class Deadline {
    private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Deadline() {}

    /**
     * The allocation counter is read on every 32nd check: one solution allocates at most a few
     * values of the value limit, so a query overshoots its budget by a few dozen of those at most.
     */
    static final int ALLOC_EVERY = 32;

    private static final class State {
        long deadline;
        /** Set from another thread ({@link #canceller}): the query must stop at its next check. */
        volatile boolean cancelled;
        int checks;
        final long allocStart, allocBudget;

        State(long deadline, long allocStart, long allocBudget) {
            this.deadline = deadline;
            this.allocStart = allocStart;
            this.allocBudget = allocBudget;
        }
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled())
                t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    /** Whether this JVM can count allocations per thread (HotSpot can); without it only the time limit applies. */
    static boolean budgetSupported() {
        return THREADS != null;
    }

    /** Bytes this thread has allocated so far, or 0 where the JVM cannot tell. */
    static long allocated() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Starts a deadline {@code ms} from now for this thread, without an allocation budget. */
    static void start(long ms) {
        start(ms, 0);
    }

    /** Starts a deadline {@code ms} from now and, if {@code allocBudget > 0}, an allocation budget in bytes. */
    static void start(long ms, long allocBudget) {
        long budget = THREADS == null ? 0 : allocBudget;
        CURRENT.set(new State(System.nanoTime() + ms * 1_000_000, budget > 0 ? allocated() : 0, budget));
    }

    /** Moves this thread's deadline (e.g. from the first-result limit to the overall one). */
    static void moveTo(long nanoTime) {
        State s = CURRENT.get();
        if (s != null)
            s.deadline = nanoTime;
    }

    /**
     * What stops this thread's query at its next check, from any thread: ARQ's own
     * {@code abort} does not reach the checks inside property paths (see above), this does.
     */
    static Runnable canceller() {
        State s = CURRENT.get();
        return s == null ? () -> {} : () -> s.cancelled = true;
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Bytes allocated since the budget started, or -1 without one. */
    static long used() {
        State s = CURRENT.get();
        return s == null || s.allocBudget == 0 ? -1 : allocated() - s.allocStart;
    }

    /**
     * Throws {@link QueryCancelledException} if this thread has a deadline and it has passed, and
     * {@link QueryRefused} if it has spent its allocation budget.
     */
    static void check() {
        State s = CURRENT.get();
        if (s == null)
            return;
        if (s.cancelled || System.nanoTime() - s.deadline > 0)
            throw new QueryCancelledException();
        if (s.allocBudget > 0 && ++s.checks % ALLOC_EVERY == 0) {
            long used = allocated() - s.allocStart;
            if (used > s.allocBudget)
                throw tooLarge(used, s.allocBudget);
        }
    }

    static QueryRefused tooLarge(long used, long budget) {
        return QueryRefused.badRequest("Query too large: it allocated " + mb(used) + " MB while running; the limit "
                + "per query is " + mb(budget) + " MB. Ask for fewer or smaller results (LIMIT, fewer variables, "
                + "no cross products).");
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }
}
