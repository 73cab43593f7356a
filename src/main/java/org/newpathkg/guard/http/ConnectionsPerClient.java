package org.newpathkg.guard.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections per client address; a connection past it is closed as
 * soon as it opens, before it is read. Found attacking the jar: 563 connections from one address
 * that never sent a byte filled the server's {@code maxConnections} (512) and the accept queue, and
 * no other client could connect for over a minute. With a cap per address, one address takes at
 * most {@code max} of them, and 59 addresses (127.0.0.2-.60) at most 59 × {@code max}.
 * <p>
 * Standard parts tried: Jetty 12.1's {@code NetworkConnectionLimit} counts all connections
 * together, {@code DoSHandler} and {@code ThreadLimitHandler} count requests and threads, not
 * connections; Jetty has no per-address connection limit, so this listener (a bean on the
 * connector, told of every connection opened and closed) is one. Its table holds only addresses
 * with an open connection, so it is bounded by the open connections.
 */
public final class ConnectionsPerClient implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerClient.class);
    /** At most one log line per this many milliseconds, however many connections are refused. */
    private static final long LOG_EVERY_MS = 10_000;

    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each open connection's address, read when it opened: a closed socket no longer says. */
    private final ConcurrentHashMap<Connection, InetAddress> clients = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong(), lastLog = new AtomicLong();

    /** A cap of {@code max} (at least 1) open connections per client address. */
    public ConnectionsPerClient(int max) {
        if (max < 1)
            throw new IllegalArgumentException("at least one connection per client, not " + max);
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = address(connection);
        if (client == null)
            return;
        clients.put(connection, client);
        // Counted on every open and uncounted on every close (Jetty pairs the two), refused or not.
        int now = open.merge(client, 1, Integer::sum);
        if (now > max) {
            refused.incrementAndGet();
            long t = System.currentTimeMillis(), last = lastLog.get();
            if (t - last > LOG_EVERY_MS && lastLog.compareAndSet(last, t))
                LOG.info("closing new connections from {}: it has {} open, the limit per address (refused so far: {})",
                        client.getHostAddress(), max, refused.get());
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clients.remove(connection);
        if (client != null)
            open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Connections closed at once because their address had {@code max} open. */
    public long refused() {
        return refused.get();
    }

    private static InetAddress address(Connection connection) {
        SocketAddress a = connection.getEndPoint().getRemoteSocketAddress();
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
