package org.newpathkg.guard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Each client address's fair share: at most {@code maxConcurrentPerClient} of its requests running
 * or waiting for a slot at once, and a bucket of query time ({@code clientTimeBudgetMs}, refilled at
 * {@code clientTimeRefillPerSecondMs} per second) that every answered request is charged with the
 * time it held a slot. A client over either gets 429 with {@code Retry-After} at once, so its
 * heavy queries cannot fill the queue of Jetty's {@code QoSHandler} (which sits inside this
 * handler) ahead of other clients. This is the Wikidata Query Service's {@code ThrottlingFilter}
 * idea (charge time, not requests) on Jetty's handler chain.
 * <p>
 * Standard parts tried: Jetty's {@code DoSHandler} counts requests per client, and its tracker
 * only sees arrivals, not how long a request ran, so a client sending one 30 s query per second
 * stays under any rate that lets ordinary use through (it is still installed, for request
 * floods). {@code ThreadLimitHandler} limits threads per address but queues the excess without
 * bound and keeps an entry per address it ever saw. So the accounting is written here, and the
 * table of clients is a Caffeine cache bounded in size and expiring idle clients.
 */
final class ClientBudget extends ConditionalHandler.ElseNext {
    /** Table bound: a spray of addresses evicts the least recently seen clients, never grows past this. */
    static final int MAX_CLIENTS = 10_000;
    /** Request attribute set when QoSHandler lets the request run; the time charged starts there. */
    private static final String ADMITTED_AT = ClientBudget.class.getName() + ".admittedAt";

    private final int maxPerClient;
    private final long budgetNanos;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final Cache<String, Account> clients;

    ClientBudget(Limits limits, LongSupplier nanoClock) {
        this.maxPerClient = limits.maxConcurrentPerClient();
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
        String refusal = account.enter(now, maxPerClient, budgetNanos, refillPerNano);
        if (refusal != null) {
            long retry = account.retryAfterSeconds(now, refillPerNano, budgetNanos);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS_429);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retry));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            String text = "Too many requests from " + client + ": " + refusal + "; retry in " + retry + " s\n";
            response.write(true, BufferUtil.toBuffer(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        // Runs once the exchange is complete, answered or failed (QoSHandler gives its slot back the same way).
        Request.addCompletionListener(request, failure -> {
            Object at = request.getAttribute(ADMITTED_AT);
            long used = at instanceof Long t ? clock.getAsLong() - t : 0;
            account.leave(clock.getAsLong(), used, budgetNanos, refillPerNano);
        });
        return nextHandler(request, response, callback);
    }

    /** One client's running count and time bucket (nanoseconds; may go negative after a long query). */
    static final class Account {
        private int running;
        private double balance;
        private long stamp;

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

        /** Takes a running place; null if allowed, else why not. */
        synchronized String enter(long now, int maxPerClient, long budgetNanos, double refillPerNano) {
            if (budgetNanos > 0) {
                refill(now, budgetNanos, refillPerNano);
                if (balance <= 0)
                    return "this address used its " + budgetNanos / 1_000_000_000L + " s of query time";
            }
            if (maxPerClient > 0 && running >= maxPerClient)
                return "this address has " + running + " requests running or waiting (the limit per address)";
            running++;
            return null;
        }

        synchronized void leave(long now, long usedNanos, long budgetNanos, double refillPerNano) {
            running--;
            if (budgetNanos > 0) {
                refill(now, budgetNanos, refillPerNano);
                balance -= usedNanos;
            }
        }

        /** Whole seconds until the bucket is positive again, or 1 when only the running count refused. */
        synchronized long retryAfterSeconds(long now, double refillPerNano, long budgetNanos) {
            if (budgetNanos <= 0 || balance > 0)
                return 1;
            return Math.max(1, (long) Math.ceil((-balance + 1) / refillPerNano / 1e9));
        }
    }
}
