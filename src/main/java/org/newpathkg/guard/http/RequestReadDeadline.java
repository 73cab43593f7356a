package org.newpathkg.guard.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole request (line, headers and body) must arrive within {@code requestReadTimeoutMs} of its
 * first byte; a connection still sending one after that is closed. Checked once a second over
 * the open connections, so the bound holds to about a second.
 * <p>
 * Standard parts tried: the connector's idle timeout restarts at every byte, so a client sending
 * one header byte every 29 s keeps a connection (and one of {@code maxConnections}) for hours;
 * {@code HttpConfiguration.setMinRequestDataRate} is set too, but Jetty applies it to content the
 * application reads, not to the request line and headers. Jetty 12.1 has no total deadline for
 * reading a request, so this listener (a bean on the connector, told of every connection) adds
 * one, reading only the parser's state and message count.
 */
public final class RequestReadDeadline extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestReadDeadline.class);
    private static final long SWEEP_MS = 1_000;

    private final long timeoutNanos;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    /** At most the open connections (bounded by {@code maxConnections}); removed when they close. */
    private final Map<HttpConnection, Progress> open = new ConcurrentHashMap<>();
    private volatile Scheduler.Task task;

    /** When the request in progress began, and the message count then (a new message restarts the clock). */
    private static final class Progress {
        long since = -1;
        long messages = -1;
    }

    public RequestReadDeadline(long timeoutMs, Scheduler scheduler, LongSupplier nanoClock) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.scheduler = scheduler;
        this.clock = nanoClock;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http)
            open.put(http, new Progress());
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task t = task;
        if (t != null)
            t.cancel();
        open.clear();
    }

    private void schedule() {
        if (isRunning() || isStarting())
            task = scheduler.schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long now = clock.getAsLong();
            open.forEach((connection, p) -> check(connection, p, now));
        } catch (RuntimeException e) {
            LOG.warn("request read deadline sweep failed: {}", e.toString());
        } finally {
            schedule();
        }
    }

    private void check(HttpConnection connection, Progress p, long now) {
        var parser = connection.getParser();
        long messages = connection.getMessagesIn();
        // START: between requests (the idle timeout covers that); complete: the request is in and being answered.
        boolean arriving = !parser.isStart() && !parser.isComplete() && !parser.isClose() && !parser.isClosed();
        if (!arriving) {
            p.since = -1;
            return;
        }
        if (p.since < 0 || messages != p.messages) {
            p.since = now;
            p.messages = messages;
            return;
        }
        if (now - p.since > timeoutNanos) {
            LOG.info("closing a connection from {}: its request was not complete {} ms after it began",
                    connection.getEndPoint().getRemoteSocketAddress(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            open.remove(connection);
            connection.getEndPoint().close();
        }
    }
}
