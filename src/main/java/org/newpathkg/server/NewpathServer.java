package org.newpathkg.server;

import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.guard.Guard;
import org.newpathkg.guard.Limits;
import org.newpathkg.web.WebSite;
import org.newpathkg.server.cache.ResultCacheFilter;

/**
 * Where the HTTP service is put together: one read-only dataset and nothing else.
 *
 * <table>
 * <caption>Mounted paths</caption>
 * <tr><td>{@code /newpath/sparql}, {@code /newpath/query}</td><td>SPARQL query (GET/POST); GET without a
 * query on {@code /newpath/sparql} gives the Service Description</td></tr>
 * <tr><td>{@code /newpath/get}</td><td>Graph Store Protocol, read only ({@code ?default}, {@code ?graph=})</td></tr>
 * <tr><td>{@code /$/ping}, {@code /$/stats}</td><td>liveness and request counters</td></tr>
 * <tr><td>{@code /}, {@code /id/…}, {@code /claim/…}, … {@code /ontology}, {@code /timeline}, {@code /ui},
 * {@code /.well-known/void}</td><td>Linked Data pages and the query page ({@link WebSite})</td></tr>
 * </table>
 * No update, upload, GSP write, admin, backup, compact or dataset management: no Fuseki modules
 * are loaded (an admin module without security would let anyone create or delete datasets).
 *
 * <pre>{@code
 * FusekiServer server = NewpathServer.build(kg.dataset(), new NewpathServer.Options("127.0.0.1", 0, 30, List.of())).start();
 * int port = server.getHttpPort();
 * }</pre>
 */
public final class NewpathServer {
    /** The dataset's name in every URL. */
    public static final String DATASET = "/newpath";

    /**
     * Network and query limits; {@code port} 0 picks a free port. {@code baseUrl} is the public base
     * of the Linked Data pages ({@code --base-url}), or null for each request's own host.
     * {@code limits} are the public endpoint's time, size and load limits ({@link Limits}); the
     * shorter forms take the defaults with {@code timeoutSeconds} as the overall timeout and no
     * per-client rate limit (for tests and embedding; the CLI always passes its limits).
     * {@code cacheMb} sizes the result cache (0: off) and {@code dataVersion} (the sources' content
     * hash) keys its answers.
     */
    public record Options(String host, int port, long timeoutSeconds, List<String> allowService, String baseUrl,
                          Limits limits, long cacheMb, String dataVersion) {
        /** Options without a public base URL. */
        public Options(String host, int port, long timeoutSeconds, List<String> allowService) {
            this(host, port, timeoutSeconds, allowService, (String) null);
        }

        /** Options with default limits and no result cache. */
        public Options(String host, int port, long timeoutSeconds, List<String> allowService, String baseUrl) {
            this(host, port, timeoutSeconds, allowService, baseUrl, embeddedLimits(timeoutSeconds));
        }

        /** Options with default limits and a result cache. */
        public Options(String host, int port, long timeoutSeconds, List<String> allowService, long cacheMb, String dataVersion) {
            this(host, port, timeoutSeconds, allowService, null, embeddedLimits(timeoutSeconds), cacheMb, dataVersion);
        }

        private static Limits embeddedLimits(long timeoutSeconds) {
            return Limits.DEFAULTS
                    .withTimeouts(Math.min(Limits.DEFAULTS.firstResultMs(), timeoutSeconds * 1000), timeoutSeconds * 1000)
                    .withRate(0, 1);
        }

        /** Options with these limits and no result cache. */
        public Options(String host, int port, long timeoutSeconds, List<String> allowService, String baseUrl, Limits limits) {
            this(host, port, timeoutSeconds, allowService, baseUrl, limits, 0, "");
        }

        /** Options without a public base URL, with these limits. */
        public Options(String host, int port, long timeoutSeconds, List<String> allowService, Limits limits) {
            this(host, port, timeoutSeconds, allowService, null, limits);
        }
    }

    private NewpathServer() {}

    /** A server (not yet started) over {@code dataset}, which must be the read-only union view. */
    public static FusekiServer build(DatasetGraph dataset, Options opts) {
        QueryPolicy.apply(dataset.getContext(), opts.timeoutSeconds(), opts.allowService());

        // Limits (org.newpathkg.guard): the endpoint serves a view whose reads check the query's deadline.
        Guard guard = new Guard(opts.limits());
        DataService service = DataService.newBuilder(guard.view(dataset))
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.Query, "query")
                .addEndpoint(Operation.GSP_R, "get")
                .build();

        FusekiServer.Builder builder = FusekiServer.create()
                .fusekiModules(FusekiModules.empty())
                .port(opts.port())
                .enableCors(true, null)
                .enablePing(true)
                .enableStats(true)
                .enableMetrics(false)
                .enableCompact(false)
                .enableTasks(false)
                .add(DATASET, service)
                .addFilter("/*", new RequestLog());
        // Limits (org.newpathkg.guard): rate, concurrency, body size and the timeout watchdog wrap
        // every filter and servlet added after this line, the web pages included; the query handler caps rows.
        guard.before(builder, dataset);
        builder.addFilter(DATASET + "/sparql", new ServiceDescription(dataset, opts.allowService()));
        // Linked Data pages (/, /id/*, /claim/*, ... /ontology), /timeline, /ui, /static/*, /queries/*,
        // /.well-known/void: read-only servlets beside Fuseki's own /newpath/* and /$/* (issue 4).
        WebSite.mount(builder, guard.view(dataset), opts.baseUrl());
        // Result cache: inside every request limit installed by the guard above (no-op when cacheMb is 0).
        ResultCacheFilter.install(builder, DATASET, opts.cacheMb(), opts.dataVersion());
        if (isLoopback(opts.host()))
            builder.loopback(true);
        else if (!opts.host().equals("0.0.0.0"))
            throw new IllegalArgumentException("--host must be 127.0.0.1, localhost or 0.0.0.0 (all interfaces), not " + opts.host());
        return guard.after(builder.build());
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
