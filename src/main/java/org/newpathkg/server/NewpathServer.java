package org.newpathkg.server;

import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.guard.Guard;
import org.newpathkg.guard.Limits;
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
 * </table>
 * No update, upload, GSP write, admin, backup, compact or dataset management: only the modules
 * the caller passes are loaded, never Fuseki's discovered ones (an admin module without security
 * would let anyone create or delete datasets). The Linked Data pages are such a module, passed by
 * the command line (package web); this package does not know them.
 *
 * <pre>{@code
 * FusekiServer server = NewpathServer.build(kg.dataset(), ServerConfig.builder().build()).start();
 * int port = server.getHttpPort();
 * }</pre>
 */
public final class NewpathServer {
    /** The dataset's name in every URL. */
    public static final String DATASET = "/newpath";

    private NewpathServer() {}

    /**
     * A server (not yet started) over {@code dataset}, which must be the read-only union view;
     * {@code modules} (for example the web pages) are run by Fuseki's build cycle after the
     * endpoint's own parts.
     */
    public static FusekiServer build(DatasetGraph dataset, ServerConfig config, FusekiModule... modules) {
        Limits limits = config.limits();
        QueryPolicy.apply(dataset.getContext(), Duration.ofMillis(limits.overallMs()), config.allowService());

        // Limits (org.newpathkg.guard): the endpoint serves a view whose reads check the query's deadline.
        Guard guard = new Guard(limits);
        DataService service = DataService.newBuilder(guard.view(dataset))
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.Query, "query")
                .addEndpoint(Operation.GSP_R, "get")
                .build();

        FusekiServer.Builder builder = FusekiServer.create()
                .fusekiModules(FusekiModules.create(modules))
                .port(config.port())
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
        builder.addFilter(DATASET + "/sparql", new ServiceDescription(dataset, config.allowService()));
        // Result cache: inside every request limit installed by the guard above (no-op when cacheBytes is 0).
        ResultCacheFilter.install(builder, DATASET, config.cacheBytes(), config.dataVersion());
        if (config.loopbackOnly())
            builder.loopback(true);
        return guard.after(builder.build());
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
