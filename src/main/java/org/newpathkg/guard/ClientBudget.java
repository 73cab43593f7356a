package org.newpathkg.guard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Each client address's fair share: at most {@code maxConcurrentPerClient} of its requests past
 * this point at once (further ones are parked, without a thread, until one of its own finishes,
 * at most {@code maxQueue} of them for at most {@code queueWaitMs}, else 429), and a bucket of
 * query time ({@code clientTimeBudgetMs}, refilled at {@code clientTimeRefillPerSecondMs} per
 * second) that every answered request is charged with the time it held a slot; past it, 429 with
 * {@code Retry-After} at once. So one client's heavy queries never fill Jetty's
 * {@code QoSHandler} (which sits inside this handler) ahead of other clients, while a client that
 * sends many small requests at once (a federating engine) is queued, not refused. This is the
 * Wikidata Query Service's {@code ThrottlingFilter} idea (charge time, not requests) on Jetty's
 * handler chain.
 * <p>
 * Standard parts tried: Jetty's {@code DoSHandler} counts requests per client, and its tracker
 * only sees arrivals, not how long a request ran, so a client sending one 30 s query per second
 * stays under any rate that lets ordinary use through (it is still installed, for request
 * floods). {@code ThreadLimitHandler} parks a client's excess requests the same way but without
 * a bound on the parked requests or their wait, and keeps an entry for every address it ever
 * saw. So the accounting is written here, and the table of clients is a Caffeine cache bounded
 * in size that forgets idle clients.
 */
final class ClientBudget extends ConditionalHandler.ElseNext {
    /** Table bound: a spray of addresses evicts the least recently seen clients, never grows past this. */
    static final int MAX_CLIENTS = 10_000;
    /** Request attribute set when QoSHandler lets the request run; the time charged starts there. */
    private static final String ADMITTED_AT = ClientBudget.class.getName() + ".admittedAt";

    private final int maxPerClient;
    private final int maxWaitPerClient;
    private final long queueWaitMs;
    private final long budgetNanos;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final Cache<String, Account> clients;

    ClientBudget(Limits limits, LongSupplier nanoClock) {
        this.maxPerClient = limits.maxConcurrentPerClient();
        this.maxWaitPerClient = limits.maxQueue();
        this.queueWaitMs = Math.max(1, limits.queueWaitMs());
        this.budgetNanos = limits.clientTimeBudgetMs() * 1_000_000L;
        this.refillPerNano = limits.clientTimeRefillPerSecondMs() / 1_000.0;
        this.clock = nanoClock;
        this.clients = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** Whether this handler limits anything at all (both parts can be switched off). */
    boolean enabled() {
        return maxPerClient > 0 || budgetNanos > 0;
    }

    /** Clients tracked now (bounded by {@link #MAX_CLIENTS}). */
    long clients() {
        clients.cleanUp();
        return clients.estimatedSize();
    }

    /**
     * QoSHandler priority of a waiting request, 0 (budget spent) to 10 (untouched): when a slot
     * frees, the client that used least time recently goes first.
     */
    int priority(Request request) {
        if (budgetNanos <= 0)
            return 0;
        Account a = clients.getIfPresent(Request.getRemoteAddr(request));
        return a == null ? 10 : (int) Math.round(10 * a.balance(clock.getAsLong()) / budgetNanos);
    }

    /** The inner half: marks the moment the request got its slot, so queue time is not charged. */
    Handler admittedMarker(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                request.setAttribute(ADMITTED_AT, clock.getAsLong());
                // Set for the queue's own 503 (see GuardModule); an admitted request must not carry it.
                response.getHeaders().remove(HttpHeader.RETRY_AFTER);
                return super.handle(request, response, callback);
            }
        };
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        // The queue's 503 carries a Retry-After; the admitted marker removes it again.
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "2");
        if (!enabled())
            return nextHandler(request, response, callback);
        String client = Request.getRemoteAddr(request);
        Account account = clients.get(client, k -> new Account(budgetNanos, clock.getAsLong()));
        long now = clock.getAsLong();
        Exchange exchange = new Exchange(request, response, callback);
        String refusal = account.enter(now, exchange, maxPerClient, maxWaitPerClient, budgetNanos, refillPerNano);
        if (refusal == WAITING) {
            // Over its share: parked (no thread held) until one of its own requests finishes, at most queueWaitMs.
            exchange.timeout = getServer().getScheduler().schedule(() -> {
                if (account.giveUp(exchange))
                    refuse(exchange, client, "this address has " + maxPerClient + " requests running (the limit per address) and "
                            + "this one waited " + queueWaitMs / 1000.0 + " s", 1);
            }, queueWaitMs, TimeUnit.MILLISECONDS);
            return true;
        }
        if (refusal != null) {
            refuse(exchange, client, refusal, account.retryAfterSeconds(now, refillPerNano, budgetNanos));
            return true;
        }
        return run(account, exchange);
    }

    /** Runs an admitted exchange; its time is charged and its place handed on when it completes. */
    private boolean run(Account account, Exchange x) throws Exception {
        // Runs once the exchange is complete, answered or failed (QoSHandler gives its slot back the same way).
        Request.addCompletionListener(x.request, failure -> {
            Object at = x.request.getAttribute(ADMITTED_AT);
            long used = at instanceof Long t ? clock.getAsLong() - t : 0;
            Exchange next = account.leave(clock.getAsLong(), used, budgetNanos, refillPerNano);
            if (next != null)
                resume(account, next);
        });
        return nextHandler(x.request, x.response, x.callback);
    }

    /** Runs a parked exchange that got its place, on a pool thread (never on the completing one). */
    private void resume(Account account, Exchange x) {
        if (x.timeout != null)
            x.timeout.cancel();
        x.request.getComponents().getExecutor().execute(() -> {
            try {
                if (!run(account, x))
                    Response.writeError(x.request, x.response, x.callback, HttpStatus.NOT_FOUND_404);
            } catch (Throwable t) {
                Response.writeError(x.request, x.response, x.callback, t);
            }
        });
    }

    private static void refuse(Exchange x, String client, String why, long retryAfter) {
        Response response = x.response;
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS_429);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        String text = "Too many requests from " + client + ": " + why + "; retry in " + retryAfter + " s\n";
        response.write(true, BufferUtil.toBuffer(text.getBytes(StandardCharsets.UTF_8)), x.callback);
    }

    /** A request parked or running under this handler. */
    static final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        volatile Scheduler.Task timeout;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }
    }

    /** What {@link Account#enter} answers for a request parked until the client's own running count drops. */
    static final String WAITING = new String("waiting");

    /** One client's running count, its parked requests and its time bucket (nanoseconds; may go negative after a long query). */
    static final class Account {
        private int running;
        private double balance;
        private long stamp;
        private final Deque<Exchange> waiting = new ArrayDeque<>();

        Account(long budgetNanos, long now) {
            this.balance = budgetNanos;
            this.stamp = now;
        }

        synchronized double balance(long now) {
            return balance;
        }

        private void refill(long now, long budgetNanos, double refillPerNano) {
            balance = Math.min(budgetNanos, balance + (now - stamp) * refillPerNano);
            stamp = now;
        }

        /**
         * Takes a running place for {@code x}: null if it may run now, {@link #WAITING} if it was
         * parked behind the client's own requests, else why it is refused.
         */
        synchronized String enter(long now, Exchange x, int maxPerClient, int maxWait, long budgetNanos, double refillPerNano) {
            if (budgetNanos > 0) {
                refill(now, budgetNanos, refillPerNano);
                if (balance <= 0)
                    return "this address used its " + budgetNanos / 1_000_000_000L + " s of query time";
            }
            if (maxPerClient > 0 && running >= maxPerClient) {
                if (x == null || waiting.size() >= maxWait)
                    return "this address has " + running + " requests running and " + waiting.size() + " waiting (the limit per address)";
                waiting.addLast(x);
                return WAITING;
            }
            running++;
            return null;
        }

        /** Gives the place back and charges the time; returns the parked exchange that takes the place, if any. */
        synchronized Exchange leave(long now, long usedNanos, long budgetNanos, double refillPerNano) {
            running--;
            if (budgetNanos > 0) {
                refill(now, budgetNanos, refillPerNano);
                balance -= usedNanos;
            }
            Exchange next = waiting.pollFirst();
            if (next != null)
                running++;
            return next;
        }

        /** Removes a parked exchange whose wait ran out; false if it got its place meanwhile. */
        synchronized boolean giveUp(Exchange x) {
            return waiting.remove(x);
        }

        /** Whole seconds until the bucket is positive again, or 1 when only the running count refused. */
        synchronized long retryAfterSeconds(long now, double refillPerNano, long budgetNanos) {
            if (budgetNanos <= 0 || balance > 0)
                return 1;
            return Math.max(1, (long) Math.ceil((-balance + 1) / refillPerNano / 1e9));
        }
    }
}
