package org.newpathkg.guard;

import org.newpathkg.guard.http.Admission;

/**
 * Every limit the public endpoint enforces, in one value so the CLI, the server and the tests
 * agree on the defaults. Times are in milliseconds, sizes in bytes; 0 switches a limit off where
 * that is allowed (rate limit, per-client share, time budget). The defaults live in {@link Builder} and nowhere else; the compact
 * constructor is the one place a combination is checked.
 *
 * <pre>{@code
 * Limits l = Limits.builder().overallMs(2_000).maxRows(100).build();
 * Limits m = l.toBuilder().maxConcurrent(1).build();
 * }</pre>
 *
 * @param firstResultMs   time allowed until the first result row (ARQ's initial timeout); never more than {@code overallMs}
 * @param overallMs       time allowed for the whole query; a client may ask for less, never more
 * @param maxRows         result rows (SELECT), solutions (JSON) or triples (CONSTRUCT, DESCRIBE) sent at most
 * @param maxConcurrent   queries and pages executing at once ({@link Admission}; those proven heavy at most three quarters); the rest wait in its queue
 * @param maxQueue        requests allowed to wait for a slot; beyond that, 503 with {@code Retry-After} at once
 * @param queueWaitMs     longest wait for a slot before 503
 * @param ratePerSecond   sustained requests per second per client address (Jetty's {@code DoSHandler}; 0: off)
 * @param rateBurst       requests a client may send at once before the rate applies
 * @param maxConcurrentPerClient requests one client address may have executing or queued at once (0: no per-client share)
 * @param clientTimeBudgetMs query time one client address may use in a burst (0: off); past it, 429 with {@code Retry-After}
 * @param clientTimeRefillPerSecondMs query time given back to each client per second of wall time
 * @param maxBodyBytes    request body limit (413), checked before the body is decompressed or parsed
 * @param maxHeaderBytes  request line plus headers limit (431; 414 for the request line alone)
 * @param idleTimeoutMs   a connection that sends or reads nothing for this long is closed
 * @param requestReadTimeoutMs a request whose line, headers and body have not all arrived this long after its first byte is cut off
 * @param minDataRate     bytes per second below which a request body upload or a response download is cut off
 * @param maxConnections  open connections at once; further connections wait in the accept queue
 * @param maxConnectionsPerClient open connections one client address may have; a further one is closed as it opens (0: off)
 * @param outputBufferBytes Jetty's per-response output buffer (Fuseki's own default is 5 MB, apache/jena#4084)
 * @param maxValueChars   characters of one string a query may build (CONCAT, REPLACE, functions); past it, 400
 * @param queryMemoryBytes heap the running queries may hold together above what the server holds without them (the
 *                        served data, its index and caches), read after garbage collections ({@code guard.query.QueryBudget}; 0: no
 *                        budget); past it the query that allocated most is stopped with the timeout's 503. What a query
 *                        merely allocates and drops does not count.
 * @param maxResultBytes  size of one result, estimated from its terms before it is sent; past it the result is
 *                        cut like at {@code maxRows} ({@code X-Result-Truncated})
 */
public record Limits(long firstResultMs, long overallMs, int maxRows, int maxConcurrent, int maxQueue, long queueWaitMs,
                     int ratePerSecond, int rateBurst, int maxConcurrentPerClient, long clientTimeBudgetMs,
                     long clientTimeRefillPerSecondMs, int maxBodyBytes, int maxHeaderBytes, long idleTimeoutMs,
                     long requestReadTimeoutMs, long minDataRate, int maxConnections, int maxConnectionsPerClient, int outputBufferBytes,
                     int maxValueChars, long queryMemoryBytes, long maxResultBytes) {

    /** Public-endpoint defaults: 10 s to the first result, 30 s overall, 10,000 rows, 64 KB bodies. */
    public static final Limits DEFAULTS = builder().build();

    public Limits {
        if (firstResultMs <= 0 || overallMs <= 0)
            throw new IllegalArgumentException("timeouts must be positive");
        if (firstResultMs > overallMs)
            throw new IllegalArgumentException("the first-result timeout (" + firstResultMs
                    + " ms) is longer than the overall one (" + overallMs + " ms)");
        if (maxRows < 1 || maxConcurrent < 1 || maxQueue < 0 || queueWaitMs < 0)
            throw new IllegalArgumentException("row, concurrency and queue limits must be positive");
        if (ratePerSecond < 0 || rateBurst < 1)
            throw new IllegalArgumentException("rate limit must be >= 0 and burst >= 1");
        if (maxConcurrentPerClient < 0 || clientTimeBudgetMs < 0 || clientTimeRefillPerSecondMs < 0)
            throw new IllegalArgumentException("per-client limits must be >= 0");
        if (clientTimeBudgetMs > 0 && clientTimeRefillPerSecondMs == 0)
            throw new IllegalArgumentException("a client time budget needs a refill rate above 0");
        if (maxBodyBytes < 1024 || maxHeaderBytes < 1024 || outputBufferBytes < 1024)
            throw new IllegalArgumentException("size limits must be at least 1 KB");
        if (idleTimeoutMs <= 0 || requestReadTimeoutMs <= 0 || minDataRate < 0 || maxConnections < 1 || maxConnectionsPerClient < 0)
            throw new IllegalArgumentException("idle and request-read timeouts and the connection limit must be positive, data rate >= 0");
        if (maxValueChars < 1024 || queryMemoryBytes < 0 || (queryMemoryBytes > 0 && queryMemoryBytes < 1 << 20) || maxResultBytes < 1024)
            throw new IllegalArgumentException("value and result limits must be at least 1 KB, the query memory budget 0 or at least 1 MB");
    }

    /** A builder holding the public-endpoint defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.firstResultMs = firstResultMs;
        b.overallMs = overallMs;
        b.maxRows = maxRows;
        b.maxConcurrent = maxConcurrent;
        b.maxQueue = maxQueue;
        b.queueWaitMs = queueWaitMs;
        b.ratePerSecond = ratePerSecond;
        b.rateBurst = rateBurst;
        // A share that is the derived default (half the slots) stays derived, so changing maxConcurrent moves it.
        b.maxConcurrentPerClient = maxConcurrentPerClient == Math.max(1, maxConcurrent / 2) ? -1 : maxConcurrentPerClient;
        b.clientTimeBudgetMs = clientTimeBudgetMs;
        b.clientTimeRefillPerSecondMs = clientTimeRefillPerSecondMs;
        b.maxBodyBytes = maxBodyBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.idleTimeoutMs = idleTimeoutMs;
        b.requestReadTimeoutMs = requestReadTimeoutMs;
        b.minDataRate = minDataRate;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerClient = maxConnectionsPerClient;
        b.outputBufferBytes = outputBufferBytes;
        b.maxValueChars = maxValueChars;
        b.queryMemoryBytes = queryMemoryBytes;
        b.maxResultBytes = maxResultBytes;
        return b;
    }

    /**
     * The overall time a request gets: the server's limit, or less if the client asked for less
     * ({@code timeout=} parameter or {@code Timeout:} header, in seconds, decimals allowed).
     * Unparseable or larger client values are ignored: a client can never raise the limit.
     */
    public long effectiveOverallMs(String clientSeconds) {
        long client = parseSeconds(clientSeconds);
        return client > 0 ? Math.min(client, overallMs) : overallMs;
    }

    /** The first-result time a request gets (never more than its overall time). */
    public long effectiveFirstResultMs(String clientSeconds) {
        return Math.min(firstResultMs, effectiveOverallMs(clientSeconds));
    }

    /** Milliseconds for a seconds value such as {@code 2} or {@code 0.5}; -1 if absent or not a positive number. */
    static long parseSeconds(String s) {
        if (s == null || s.isBlank() || s.length() > 20)
            return -1;
        try {
            double d = Double.parseDouble(s.strip());
            if (!(d > 0) || Double.isInfinite(d))
                return -1;
            return Math.max(1, (long) Math.min(d * 1000, Long.MAX_VALUE / 2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Mutable builder; each setter names a record component. {@link #build()} clamps the
     * first-result timeout to the overall one, so lowering {@code overallMs} alone stays valid, and
     * the per-client share to the slots there are (half of them unless set).
     */
    public static final class Builder {
        private long firstResultMs = 10_000;
        private long overallMs = 30_000;
        private int maxRows = 10_000;
        private int maxConcurrent = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int maxQueue = 64;
        private long queueWaitMs = 5_000;
        private int ratePerSecond = 20;
        private int rateBurst = 40;
        // -1: half the slots (resolved in build()), so one client's heavy queries leave the other half to everyone else.
        private int maxConcurrentPerClient = -1;
        // Wikidata-style: a minute of query time in a burst, one second of it back per second.
        private long clientTimeBudgetMs = 60_000;
        private long clientTimeRefillPerSecondMs = 1_000;
        private int maxBodyBytes = 64 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private long idleTimeoutMs = 30_000;
        private long requestReadTimeoutMs = 10_000;
        private long minDataRate = 1024;
        private int maxConnections = 512;
        // -1: an eighth of maxConnections (64 of 512; resolved in build()), so one address never holds
        // more than an eighth of them. Not fewer: a federation engine (Comunica, ComunicaFederationIT)
        // opens a connection per parallel sub-query, and one closed as it opens fails its whole query.
        private int maxConnectionsPerClient = -1;
        private int outputBufferBytes = 32 * 1024;
        private int maxValueChars = 1 << 20;
        private long queryMemoryBytes = 1L << 30;
        private long maxResultBytes = 32L << 20;

        private Builder() {}

        public Builder firstResultMs(long v) { firstResultMs = v; return this; }
        public Builder overallMs(long v) { overallMs = v; return this; }
        public Builder maxRows(int v) { maxRows = v; return this; }
        public Builder maxConcurrent(int v) { maxConcurrent = v; return this; }
        public Builder maxQueue(int v) { maxQueue = v; return this; }
        public Builder queueWaitMs(long v) { queueWaitMs = v; return this; }
        public Builder ratePerSecond(int v) { ratePerSecond = v; return this; }
        public Builder rateBurst(int v) { rateBurst = v; return this; }
        /** Requests one client may have running or waiting; 0: no share; -1: half of {@code maxConcurrent}. */
        public Builder maxConcurrentPerClient(int v) { maxConcurrentPerClient = v; return this; }
        public Builder clientTimeBudgetMs(long v) { clientTimeBudgetMs = v; return this; }
        public Builder clientTimeRefillPerSecondMs(long v) { clientTimeRefillPerSecondMs = v; return this; }

        /**
         * Every per-client limit off (request rate, share of slots, time budget): for tests,
         * benchmarks and embedding, where one trusted client drives the server.
         */
        public Builder oneTrustedClient() {
            ratePerSecond = 0;
            maxConcurrentPerClient = 0;
            clientTimeBudgetMs = 0;
            maxConnectionsPerClient = 0;
            return this;
        }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        public Builder idleTimeoutMs(long v) { idleTimeoutMs = v; return this; }
        public Builder requestReadTimeoutMs(long v) { requestReadTimeoutMs = v; return this; }
        public Builder minDataRate(long v) { minDataRate = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        /** Open connections per client address; 0: no cap; -1: an eighth of {@code maxConnections}. */
        public Builder maxConnectionsPerClient(int v) { maxConnectionsPerClient = v; return this; }
        public Builder outputBufferBytes(int v) { outputBufferBytes = v; return this; }
        public Builder maxValueChars(int v) { maxValueChars = v; return this; }
        public Builder queryMemoryBytes(long v) { queryMemoryBytes = v; return this; }
        public Builder maxResultBytes(long v) { maxResultBytes = v; return this; }

        public Limits build() {
            int perClient = maxConcurrentPerClient < 0 ? Math.max(1, maxConcurrent / 2)
                                                       : Math.min(maxConcurrentPerClient, maxConcurrent);
            int connectionsPerClient = maxConnectionsPerClient < 0 ? Math.max(1, maxConnections / 8) : maxConnectionsPerClient;
            return new Limits(Math.min(firstResultMs, overallMs), overallMs, maxRows, maxConcurrent, maxQueue, queueWaitMs,
                    ratePerSecond, rateBurst, perClient, clientTimeBudgetMs,
                    clientTimeRefillPerSecondMs, maxBodyBytes, maxHeaderBytes, idleTimeoutMs, requestReadTimeoutMs, minDataRate,
                    maxConnections, connectionsPerClient, outputBufferBytes, maxValueChars, queryMemoryBytes, maxResultBytes);
        }
    }
}
