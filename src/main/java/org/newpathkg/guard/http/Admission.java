package org.newpathkg.guard.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.apache.jena.atlas.json.JsonObject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.newpathkg.guard.GuardModule;
import org.newpathkg.guard.Limits;
import org.newpathkg.guard.query.ResultBytes;
import org.newpathkg.log.LogText;

/**
 * The one owner of everything an admitted request holds: a query slot, its client's share, its
 * client's query time and, while it waits, a place in the queue. Each is taken here and given
 * back here, exactly once, when the request's callback completes (answer, error, timeout, client
 * abort, read or write deadline, closed connection), when the handler below throws or declines,
 * or when its wait runs out; {@link #stats()} shows what is held, so a test can watch it return
 * to zero.
 * <ul>
 * <li>A request is admitted only with its body complete: {@code EagerContentHandler} (outside)
 * hands on a request whose body failed (early EOF, the read deadline) with the failure as its
 * last chunk; such a request is answered here and holds nothing.</li>
 * <li>{@code maxConcurrent} slots, two lanes. Every query starts in the <em>fast lane</em>; one
 * still running after {@link #FAST_LANE_MS} has proven heavy and moves to the <em>long lane</em>,
 * which may hold three quarters of the slots (all of them below four), or, when that is full, is
 * stopped with 503 and {@code Retry-After}, or, if its answer is already being written (a reader
 * that does not read), has its connection cut. A client whose query proved heavy sends its next ones
 * straight to the long lane for {@link #HEAVY_MEMORY}. So clients with heavy queries, however
 * many addresses they use, never hold the last quarter of the slots, and a light query from
 * anyone finds one.</li>
 * <li>Per client address: at most {@code maxConcurrentPerClient} queries running, further ones
 * wait (without a thread) up to {@link #waitPerClient} of them, else 429; and a bucket of query
 * time ({@code clientTimeBudgetMs}, refilled at {@code clientTimeRefillPerSecondMs}) charged
 * with the time each query held its slot; empty, 429 with {@code Retry-After} at once (the
 * Wikidata Query Service's idea: charge time, not requests).</li>
 * <li>At most {@code maxQueue} requests wait, each at most {@code queueWaitMs}, the client with
 * most query time left first; else 503 with {@code Retry-After}.</li>
 * <li>An admitted request's answer must be written within the overall timeout plus
 * {@link #WRITE_GRACE_MS}, and a query's answer may not pass {@code maxResultBytes} as written
 * (escapes included, any format); past either, the connection is cut, the write fails and
 * everything is given back, so a slow reader holds nothing past the deadline.</li>
 * <li>Pages take a slot like queries (a slow page moves to the long lane when it can, and is
 * never stopped for it) but no share and no query time (they have their own request
 * rate, see {@link GuardModule}); static files, liveness, counters and CORS preflights take
 * nothing (excluded by the module).</li>
 * </ul>
 * Standard parts tried: Jetty's {@code QoSHandler} gives its permit back from a {@code Request}
 * completion listener, which is never called for a request whose stream failed before the
 * handler ran, the early-EOF path above: four half-sent bodies took its four permits for good
 * (HalfSentBodyIT, on Jetty 12.1.1 as Jena 5.6.0 brings it and on 12.1.14 alike;
 * jetty/jetty.project#11679 is the same report on 12.0.8). The per-client share written here
 * before this class leaked the same way. It also cannot move a running
 * request from one pool to another, which the fast lane needs. {@code ThreadLimitHandler} keeps
 * an entry for every address it ever saw and bounds neither waits nor waiting requests;
 * {@code DoSHandler} counts arrivals, not time (it stays, for request floods).
 */
public final class Admission extends ConditionalHandler.ElseNext {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** Time a query may run in the fast lane before it counts as heavy. */
    public static final long FAST_LANE_MS = 1_000;
    /** How long a client whose query proved heavy stays in the long lane. */
    static final Duration HEAVY_MEMORY = Duration.ofSeconds(60);
    /**
     * Time after the overall query timeout within which an admitted request's answer must have
     * been written; past it the connection is cut (a slow reader, or an answer too large to send
     * in time), which fails the write and gives everything back.
     */
    public static final long WRITE_GRACE_MS = 5_000;
    /** Table bound: a spray of addresses evicts the least recently seen clients, never grows past this. */
    public static final int MAX_CLIENTS = 10_000;
    /** Request attribute holding the request's {@link Ticket}, for {@link #onEviction}. */
    public static final String TICKET = Admission.class.getName() + ".ticket";
    /** The paths that run client-written queries: charged to the client's share and time. */
    public static final Set<String> QUERY_PATHS = Set.of("/newpath/sparql", "/newpath/query", "/newpath/get");

    private final int slots, longSlots, share, waitPerClient, maxQueue;
    private final long queueWaitMs, budgetNanos, writeDeadlineMs, maxResultBytes, maxBodyKb;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final Cache<String, Account> clients;

    // Guarded by this.
    private int inUse, longInUse;
    private long seq;
    private final List<Ticket> queue = new ArrayList<>();

    public Admission(Limits limits, LongSupplier nanoClock) {
        this.slots = limits.maxConcurrent();
        // A quarter of the slots (none below 4) only ever run queries not yet proven heavy.
        this.longSlots = slots - slots / 4;
        this.share = limits.maxConcurrentPerClient();
        this.maxQueue = limits.queueWaitMs() == 0 ? 0 : limits.maxQueue();
        this.waitPerClient = Math.max(1, maxQueue / 4);
        this.queueWaitMs = Math.max(1, limits.queueWaitMs());
        this.budgetNanos = limits.clientTimeBudgetMs() * 1_000_000L;
        this.refillPerNano = limits.clientTimeRefillPerSecondMs() / 1_000.0;
        this.writeDeadlineMs = limits.overallMs() + WRITE_GRACE_MS;
        this.maxResultBytes = limits.maxResultBytes();
        this.maxBodyKb = limits.maxBodyBytes() / 1024;
        this.clock = nanoClock;
        this.clients = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /**
     * Registers what stops {@code request}'s query when it has to leave the fast lane and the
     * long lane is full (ARQ's own {@code abort}); a no-op outside an admitted request.
     */
    public static void onEviction(Object ticket, Runnable abort) {
        if (ticket instanceof Ticket t)
            t.abort = abort;
    }

    /** Whether the query of the request holding {@code ticket} was stopped to free the fast lane. */
    public static boolean evicted(Object ticket) {
        return ticket instanceof Ticket t && t.evicted;
    }

    /** What requests hold now: slots per lane, queued requests, running and waiting requests per client. */
    public synchronized JsonObject stats() {
        JsonObject o = new JsonObject();
        o.put("slotsInUse", inUse);
        o.put("slots", slots);
        o.put("longLane", longInUse);
        o.put("longLaneSlots", longSlots);
        o.put("queued", queue.size());
        JsonObject perClient = new JsonObject();
        long holdings = 0;
        for (var e : clients.asMap().entrySet()) {
            Account a = e.getValue();
            if (a.running + a.waiting > 0) {
                JsonObject c = new JsonObject();
                c.put("running", a.running);
                c.put("waiting", a.waiting);
                perClient.put(e.getKey(), c);
                holdings += a.running + a.waiting;
            }
        }
        o.put("clientHoldings", holdings);
        o.put("clients", perClient);
        o.put("trackedClients", clients.estimatedSize());
        return o;
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        List<Content.Chunk> body = new ArrayList<>();
        Throwable failed = readBody(request, body);
        if (failed != null) {
            // The body never arrived in full: nothing to run, nothing taken (the connection is usually gone).
            body.forEach(Content.Chunk::release);
            int status = failed instanceof org.eclipse.jetty.http.HttpException h ? h.getCode()   // 413 from SizeLimitHandler
                    : failed instanceof java.util.concurrent.TimeoutException ? HttpStatus.REQUEST_TIMEOUT_408 : HttpStatus.BAD_REQUEST_400;
            Response.writeError(request, response, callback, status, status == 413
                    ? "Request body too large: the limit is " + maxBodyKb + " KB" : "The request body did not arrive in full");
            return true;
        }
        Request replay = body.isEmpty() ? request : new ReplayedBody(request, body);
        boolean query = QUERY_PATHS.contains(Request.getPathInContext(request));
        String client = Request.getRemoteAddr(request);
        Account account = query ? clients.get(client, k -> new Account(budgetNanos, clock.getAsLong())) : null;
        Ticket t = new Ticket(replay, response, callback, account);
        String refusal = enter(t);
        if (refusal == null)
            return run(t);
        if (refusal == QUEUED)
            return true;
        if (refusal == BUSY)
            refuse(t, HttpStatus.SERVICE_UNAVAILABLE_503, "The server is busy: every query slot is taken and "
                    + maxQueue + " requests are waiting; retry in 2 s", 2);
        else
            refuse(t, HttpStatus.TOO_MANY_REQUESTS_429, "Too many requests from " + client + ": " + refusal, account.retryAfterSeconds(refillPerNano));
        return true;
    }

    /** Reads what EagerContentHandler retained: the failure if the body did not arrive in full, else null. */
    private static Throwable readBody(Request request, List<Content.Chunk> into) {
        while (true) {
            Content.Chunk c = request.read();
            if (c == null)
                return null;
            if (Content.Chunk.isFailure(c))
                return c.getFailure();
            into.add(c);
            if (c.isLast())
                return null;
        }
    }

    private static final String QUEUED = new String("queued"), BUSY = new String("busy");

    /** Takes what {@code t} needs: null if it runs now, {@link #QUEUED}, {@link #BUSY}, or why its client is refused. */
    private synchronized String enter(Ticket t) {
        long now = clock.getAsLong();
        Account a = t.account;
        if (a != null) {
            String refused = a.refusal(now, share, waitPerClient, budgetNanos, refillPerNano);
            if (refused != null)
                return refused;
            t.lane = a.heavyUntil - now > 0 ? Lane.LONG : Lane.FAST;
        } else
            t.lane = Lane.FAST;
        // Waiting requests that could take the free slot now go first (those over their client's share cannot).
        if (free(t) && queue.stream().noneMatch(q -> q.lane == t.lane && free(q))) {
            take(t, now);
            return null;
        }
        if (queue.stream().filter(q -> q.lane == t.lane).count() >= maxQueue)
            return BUSY;
        t.seq = seq++;
        // A client whose last query was light goes first; then ten levels of time left, so
        // clients with about the same keep their order of arrival.
        t.priority = a == null ? 10 : a.lightUntil - now > 0 ? 20
                : budgetNanos <= 0 ? 10 : Math.round(10 * Math.max(0, a.balance) / budgetNanos);
        queue.add(t);
        if (a != null)
            a.waiting++;
        t.timer = getServer().getScheduler().schedule(() -> expire(t), queueWaitMs, TimeUnit.MILLISECONDS);
        return QUEUED;
    }

    private boolean free(Ticket t) {
        if (t.account != null && share > 0 && t.account.running >= share)
            return false;
        return inUse < slots && (t.lane == Lane.FAST || longInUse < longSlots);
    }

    private void take(Ticket t, long now) {
        inUse++;
        if (t.lane == Lane.LONG)
            longInUse++;
        if (t.account != null)
            t.account.running++;
        t.admittedAt = now;
        t.held = true;
    }

    /**
     * A queued request whose wait ran out: 503, unless it got its slot meanwhile. Its client, unless
     * its last query was light, waits in the long lane from now on: under a flood of new addresses
     * those that never got a slot would otherwise crowd the fast lane for ever.
     */
    private void expire(Ticket t) {
        synchronized (this) {
            if (!queue.remove(t))
                return;
            Account a = t.account;
            if (a != null) {
                a.waiting--;
                long now = clock.getAsLong();
                if (a.lightUntil - now <= 0)
                    a.heavyUntil = now + HEAVY_MEMORY.toNanos();
            }
        }
        refuse(t, HttpStatus.SERVICE_UNAVAILABLE_503, "The server is busy: this request waited " + queueWaitMs / 1000.0
                + " s for a query slot; retry in 2 s", 2);
    }

    /** Hands the request on; what it took is given back when its callback completes or the handler fails. */
    private boolean run(Ticket t) throws Exception {
        t.request.setAttribute(TICKET, t);
        Scheduler scheduler = getServer().getScheduler();
        if (t.lane == Lane.FAST)
            t.promotion = scheduler.schedule(() -> promote(t), FAST_LANE_MS, TimeUnit.MILLISECONDS);
        t.cut = scheduler.schedule(() -> cut(t, "its answer was not written within " + writeDeadlineMs / 1000 + " s"),
                writeDeadlineMs, TimeUnit.MILLISECONDS);
        Response response = t.account == null ? t.response : new WireCap(t, maxResultBytes);
        Callback release = new Callback() {
            @Override
            public void succeeded() {
                release(t);
                t.callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                release(t);
                t.callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return t.callback.getInvocationType();
            }
        };
        boolean handled;
        try {
            handled = nextHandler(t.request, response, release);
        } catch (Throwable e) {
            release(t);
            throw e;
        }
        if (!handled)
            release(t);
        return handled;
    }

    /**
     * A fast-lane request still holding its slot: it moves to the long lane, or, if that is full,
     * a query still running is stopped, and a request whose answer is being written (a reader
     * that does not read, found attacking the jar: eight of them held every slot until the write
     * deadline) has its connection cut. A page still being built stays, and whatever stays is
     * looked at again a lane period later. So only requests under {@link #FAST_LANE_MS} of work
     * hold the last quarter of the slots.
     */
    private void promote(Ticket t) {
        Runnable abort = null;
        boolean writing = false, again = false;
        synchronized (this) {
            if (!t.held || t.lane != Lane.FAST)
                return;
            if (t.account != null) {
                t.account.heavyUntil = clock.getAsLong() + HEAVY_MEMORY.toNanos();
                t.account.lightUntil = clock.getAsLong();
            }
            if (longInUse < longSlots) {
                longInUse++;
                t.lane = Lane.LONG;
            } else if (t.response.isCommitted()) {
                writing = true;
            } else {
                // Looked at again while it stays: a stopped query may have finished just before
                // its stop and be writing its answer by then.
                again = true;
                if (t.abort != null) {
                    t.evicted = true;
                    abort = t.abort;
                }
            }
        }
        if (writing)
            cut(t, "its answer was still being written after " + FAST_LANE_MS + " ms and every long-lane slot is taken");
        if (abort != null)
            abort.run();
        if (again)
            t.promotion = getServer().getScheduler().schedule(() -> promote(t), FAST_LANE_MS, TimeUnit.MILLISECONDS);
        dispatch();
    }

    private void release(Ticket t) {
        if (!t.released.compareAndSet(false, true))
            return;
        for (Scheduler.Task task : new Scheduler.Task[] {t.promotion, t.cut})
            if (task != null)
                task.cancel();
        synchronized (this) {
            long now = clock.getAsLong();
            inUse--;
            if (t.lane == Lane.LONG)
                longInUse--;
            t.held = false;
            Account a = t.account;
            if (a != null) {
                a.running--;
                a.charge(now, now - t.admittedAt, budgetNanos, refillPerNano);
                if (t.lane == Lane.FAST && !t.evicted)
                    a.lightUntil = now + HEAVY_MEMORY.toNanos();
            }
        }
        dispatch();
    }

    /** Admits the waiting requests that fit now, best first, each on a pool thread. */
    private void dispatch() {
        List<Ticket> admitted = new ArrayList<>();
        synchronized (this) {
            if (queue.isEmpty())
                return;
            queue.sort(Comparator.comparingLong((Ticket x) -> -x.priority).thenComparingLong(x -> x.seq));
            long now = clock.getAsLong();
            for (var it = queue.iterator(); it.hasNext(); ) {
                Ticket t = it.next();
                if (!free(t))
                    continue;
                it.remove();
                if (t.account != null)
                    t.account.waiting--;
                take(t, now);
                admitted.add(t);
            }
        }
        for (Ticket t : admitted) {
            Scheduler.Task timer = t.timer;
            if (timer != null)
                timer.cancel();
            t.request.getComponents().getExecutor().execute(() -> {
                try {
                    if (!run(t))
                        Response.writeError(t.request, t.response, t.callback, HttpStatus.NOT_FOUND_404);
                } catch (Throwable e) {
                    Response.writeError(t.request, t.response, t.callback, e);
                }
            });
        }
    }

    /** Closes the connection of a request still holding its slot; its write fails and its callback gives everything back. */
    private static void cut(Ticket t, String why) {
        if (t.released.get())
            return;
        LOG.info("cutting the connection of {} {} from {}: {}", t.request.getMethod(), LogText.quote(Request.getPathInContext(t.request), 80),
                Request.getRemoteAddr(t.request), why);
        t.request.getConnectionMetaData().getConnection().getEndPoint().close();
    }

    /**
     * The answer's bytes counted as they are written, after every escape, in whatever format:
     * one that outgrows {@code maxResultBytes} (which the estimate in {@link ResultBytes} should
     * have cut cleanly before) is cut off.
     */
    private static final class WireCap extends Response.Wrapper {
        private final Ticket ticket;
        private final long cap;
        private long written;

        WireCap(Ticket ticket, long cap) {
            super(ticket.request, ticket.response);
            this.ticket = ticket;
            this.cap = cap;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            written += content == null ? 0 : content.remaining();
            if (written > cap) {
                cut(ticket, "its answer passed " + cap + " bytes");
                callback.failed(new EofException("answer past " + cap + " bytes"));
                return;
            }
            super.write(last, content, callback);
        }
    }

    private static void refuse(Ticket t, int status, String why, long retryAfter) {
        Response response = t.response;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.write(true, BufferUtil.toBuffer((why + "\n").getBytes(StandardCharsets.UTF_8)), t.callback);
    }

    enum Lane { FAST, LONG }

    /** One request's holdings; {@link #released} makes giving them back happen once. */
    static final class Ticket {
        final Request request;
        final Response response;
        final Callback callback;
        final Account account;
        final AtomicBoolean released = new AtomicBoolean();
        Lane lane;
        boolean held;
        long seq, admittedAt;
        long priority;
        volatile Scheduler.Task timer, promotion, cut;
        volatile Runnable abort;
        volatile boolean evicted;

        Ticket(Request request, Response response, Callback callback, Account account) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.account = account;
        }
    }

    /** One client address: its running and waiting queries and its query-time bucket (nanoseconds, may go negative). */
    static final class Account {
        int running, waiting;
        double balance;
        long stamp, heavyUntil, lightUntil;

        Account(long budgetNanos, long now) {
            this.balance = budgetNanos;
            this.stamp = now;
            this.heavyUntil = now;
            this.lightUntil = now;
        }

        private void refill(long now, long budgetNanos, double refillPerNano) {
            if (budgetNanos > 0)
                balance = Math.min(budgetNanos, balance + (now - stamp) * refillPerNano);
            stamp = now;
        }

        /**
         * Null if a new query of this client may run or wait for its turn, else why it is refused:
         * its query time is spent, or it has its share running and its waiting places taken.
         */
        String refusal(long now, int share, int waitPerClient, long budgetNanos, double refillPerNano) {
            refill(now, budgetNanos, refillPerNano);
            if (budgetNanos > 0 && balance <= 0)
                return "this address used its " + budgetNanos / 1_000_000_000L + " s of query time";
            if (share > 0 && running >= share && waiting >= waitPerClient)
                return "this address has " + running + " requests running and " + waiting + " waiting (the limit per address)";
            return null;
        }

        /** Charges {@code usedNanos} of query time. */
        void charge(long now, long usedNanos, long budgetNanos, double refillPerNano) {
            refill(now, budgetNanos, refillPerNano);
            if (budgetNanos > 0)
                balance -= usedNanos;
        }

        /** Whole seconds until the bucket is positive again; 1 when only the running count refused. */
        long retryAfterSeconds(double refillPerNano) {
            if (balance > 0 || refillPerNano <= 0)
                return 1;
            return Math.max(1, (long) Math.ceil((-balance + 1) / refillPerNano / 1e9));
        }
    }
}
