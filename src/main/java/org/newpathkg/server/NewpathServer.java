package org.newpathkg.server;

import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;
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
     * Network and query limits; {@code port} 0 picks a free port. {@code cacheMb} sizes the result
     * cache (0: off) and {@code dataVersion} (the sources' content hash) keys its answers.
     */
    public record Options(String host, int port, long timeoutSeconds, List<String> allowService,
                          long cacheMb, String dataVersion) {
        /** Options without a result cache. */
        public Options(String host, int port, long timeoutSeconds, List<String> allowService) {
            this(host, port, timeoutSeconds, allowService, 0, "");
        }
    }

    private NewpathServer() {}

    /** A server (not yet started) over {@code dataset}, which must be the read-only union view. */
    public static FusekiServer build(DatasetGraph dataset, Options opts) {
        QueryPolicy.apply(dataset.getContext(), opts.timeoutSeconds(), opts.allowService());

        DataService service = DataService.newBuilder(dataset)
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
                .addFilter("/*", new RequestLog())
                .addFilter(DATASET + "/sparql", new ServiceDescription(dataset));
        // Result cache: added last so it sits inside every request limit added above (no-op when cacheMb is 0).
        ResultCacheFilter.install(builder, DATASET, opts.cacheMb(), opts.dataVersion());
        if (isLoopback(opts.host()))
            builder.loopback(true);
        else if (!opts.host().equals("0.0.0.0"))
            throw new IllegalArgumentException("--host must be 127.0.0.1, localhost or 0.0.0.0 (all interfaces), not " + opts.host());
        return builder.build();
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
