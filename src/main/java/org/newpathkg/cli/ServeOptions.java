package org.newpathkg.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

import picocli.CommandLine.Option;

/**
 * The flags of {@code serve} that configure the server: each maps onto one field of
 * {@link ServerConfig} or {@link Limits} (see {@link #config}); the limits' defaults are read from
 * {@link Limits#DEFAULTS}, so they are stated once. The command line counts in seconds and KiB where
 * the records count in milliseconds and bytes. A new limit is one field in {@code Limits}, one
 * {@code @Option} here and one line in {@link #config}.
 */
final class ServeOptions {
    private static final Limits D = Limits.DEFAULTS;

    // One declaration per flag, alike by design: each names its field's default in Limits, so the
    // same shape repeats (see the duplicates report); a helper would hide the declaration picocli reads.

    @Option(names = "--port", paramLabel = "N", description = "HTTP port; 0 picks a free port and prints it (default: ${DEFAULT-VALUE})")
    int port = 3030;

    @Option(names = "--host", paramLabel = "H", description = "127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces) (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--base-url", paramLabel = "URL",
            description = "public base of the pages, e.g. https://example.org/ where w3id.org/newpath-kg/ redirects to (default: the host each request names)")
    String baseUrl;

    @Option(names = "--allow-service", paramLabel = "URL", description = "allow SERVICE calls to this endpoint (repeatable; default: none)")
    List<String> allowService = new ArrayList<>();

    @Option(names = "--cache-mb", paramLabel = "N", description = "result cache size in MiB; 0 turns it off (default: ${DEFAULT-VALUE})")
    long cacheMb = 64;

    @Option(names = "--timeout", paramLabel = "SEC", description = "whole-query time limit; over it: 503 (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = D.overallMs() / 1000;

    @Option(names = "--first-result-timeout", paramLabel = "SEC", description = "time limit to the first result, at most --timeout (default: ${DEFAULT-VALUE})")
    long firstResultSeconds = D.firstResultMs() / 1000;

    @Option(names = "--max-rows", paramLabel = "N",
            description = "rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per answer; a cut answer has X-Result-Truncated: true (default: ${DEFAULT-VALUE})")
    int maxRows = D.maxRows();

    @Option(names = "--max-concurrent", paramLabel = "N", description = "queries executing at once; those running over 1 s may hold three quarters of them (default: 2 x cores, at least 4: ${DEFAULT-VALUE})")
    int maxConcurrent = D.maxConcurrent();

    @Option(names = "--max-queue", paramLabel = "N", description = "requests waiting for a slot, each at most 5 s; beyond: 503 (default: ${DEFAULT-VALUE})")
    int maxQueue = D.maxQueue();

    @Option(names = "--rate-limit", paramLabel = "N", description = "requests per second per client address; 0: off; over it: 429 (default: ${DEFAULT-VALUE})")
    int ratePerSecond = D.ratePerSecond();

    @Option(names = "--rate-burst", paramLabel = "N", description = "requests a client may send at once (default: 2 x --rate-limit, at least 1)")
    Integer rateBurst;

    @Option(names = "--max-per-client", paramLabel = "N",
            description = "requests one client address may have running or waiting at once; 0: no per-client share; over it: 429 (default: half of --max-concurrent)")
    Integer maxPerClient;

    @Option(names = "--max-connections-per-client", paramLabel = "N",
            description = "open connections one client address may have; a further one is closed as it opens; 0: no cap (behind a reverse proxy every client is its address) (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerClient = D.maxConnectionsPerClient();

    @Option(names = "--client-time-budget", paramLabel = "SEC",
            description = "query time one client address may use in a burst; 0: off; past it: 429 with Retry-After (default: ${DEFAULT-VALUE})")
    long clientTimeBudgetSeconds = D.clientTimeBudgetMs() / 1000;

    @Option(names = "--client-time-refill-ms", paramLabel = "MS",
            description = "query time given back to each client per second, in ms (default: ${DEFAULT-VALUE})")
    long clientTimeRefillMs = D.clientTimeRefillPerSecondMs();

    @Option(names = "--request-read-timeout", paramLabel = "SEC",
            description = "a request (line, headers and body) must arrive within this long of its first byte; slower ones are cut off (default: ${DEFAULT-VALUE})")
    long requestReadTimeoutSeconds = D.requestReadTimeoutMs() / 1000;

    @Option(names = "--max-body-kb", paramLabel = "N", description = "request body limit in KiB; over it: 413 (default: ${DEFAULT-VALUE})")
    int maxBodyKb = D.maxBodyBytes() / 1024;

    @Option(names = "--max-header-kb", paramLabel = "N", description = "request line + headers limit in KiB; over it: 431 (414 for the URI) (default: ${DEFAULT-VALUE})")
    int maxHeaderKb = D.maxHeaderBytes() / 1024;

    @Option(names = "--idle-timeout", paramLabel = "SEC", description = "close connections idle this long (default: ${DEFAULT-VALUE})")
    long idleTimeoutSeconds = D.idleTimeoutMs() / 1000;

    @Option(names = "--output-buffer-kb", paramLabel = "N",
            description = "per-response output buffer in KiB; Fuseki's own is 5120, see apache/jena#4084 (default: ${DEFAULT-VALUE})")
    int outputBufferKb = D.outputBufferBytes() / 1024;

    @Option(names = "--max-value-chars", paramLabel = "N",
            description = "characters of one string a query may build (CONCAT, REPLACE, functions); over it: 400 (default: ${DEFAULT-VALUE})")
    int maxValueChars = D.maxValueChars();

    @Option(names = "--query-memory-mb", paramLabel = "N",
            description = "MiB of heap the running queries may hold together above the served data, read after garbage "
                    + "collections (what a query allocates and drops does not count); over it the query that allocated most "
                    + "gets 503, as at the timeout; 0: no budget (default: ${DEFAULT-VALUE})")
    long queryMemoryMb = D.queryMemoryBytes() >> 20;

    @Option(names = "--max-result-mb", paramLabel = "N",
            description = "estimated size of one result in MiB; over it the result is cut like at --max-rows (default: ${DEFAULT-VALUE})")
    long maxResultMb = D.maxResultBytes() >> 20;

    /**
     * The configuration these flags describe; {@code dataVersion} keys the result cache (asked for
     * only when the cache is on: it hashes every source file). Throws
     * {@link IllegalArgumentException} (from the records' checks) or {@link ArithmeticException}
     * (a size too large to count in bytes) for values out of range.
     */
    ServerConfig config(Supplier<String> dataVersion) {
        Limits limits = D.toBuilder()
                .overallMs(Math.multiplyExact(timeoutSeconds, 1000))
                .firstResultMs(Math.multiplyExact(firstResultSeconds, 1000))
                .maxRows(maxRows)
                .maxConcurrent(maxConcurrent)
                .maxQueue(maxQueue)
                .ratePerSecond(ratePerSecond)
                .rateBurst(rateBurst != null ? rateBurst : (int) Math.max(1, Math.min(Integer.MAX_VALUE, 2L * ratePerSecond)))
                .maxConcurrentPerClient(maxPerClient == null ? -1 : maxPerClient)
                .maxConnectionsPerClient(maxConnectionsPerClient)
                .clientTimeBudgetMs(Math.multiplyExact(clientTimeBudgetSeconds, 1000))
                .clientTimeRefillPerSecondMs(clientTimeRefillMs)
                .requestReadTimeoutMs(Math.multiplyExact(requestReadTimeoutSeconds, 1000))
                .maxBodyBytes(Math.multiplyExact(maxBodyKb, 1024))
                .maxHeaderBytes(Math.multiplyExact(maxHeaderKb, 1024))
                .idleTimeoutMs(Math.multiplyExact(idleTimeoutSeconds, 1000))
                .outputBufferBytes(Math.multiplyExact(outputBufferKb, 1024))
                .maxValueChars(maxValueChars)
                .queryMemoryBytes(Math.multiplyExact(queryMemoryMb, 1L << 20))
                .maxResultBytes(Math.multiplyExact(maxResultMb, 1L << 20))
                .build();
        return ServerConfig.builder()
                .host(host)
                .port(port)
                .baseUrl(baseUrl)
                .allowService(allowService)
                .cacheBytes(Math.multiplyExact(cacheMb, 1L << 20))
                .dataVersion(cacheMb > 0 ? dataVersion.get() : "")
                .limits(limits)
                .build();
    }
}
