package org.newpathkg.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.newpathkg.guard.GuardModule;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.cache.ResultCacheModule;

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
 * listed in {@link #build} and those the caller passes are loaded, never Fuseki's discovered
 * ones (an admin module without security would let anyone create or delete datasets). The Linked
 * Data pages are such a module, passed by the command line (package web); this package does not
 * know them.
 *
 * <pre>{@code
 * FusekiServer server = NewpathServer.build(kg.dataset(), ServerConfig.builder().build()).start();
 * int port = server.getHttpPort();
 * }</pre>
 */
public final class NewpathServer {
    /** The dataset's name in every URL. */
    public static final String DATASET = "/newpath";
    /**
     * How long {@code serve}'s stop waits for the requests it is answering ({@link #stop}): the default
     * of Jetty's own graceful module ({@code jetty.server.stopTimeout}). A query that needs longer is
     * cut off when it runs out, as every request was before.
     */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private NewpathServer() {}

    /**
     * Jetty's static set-up that {@link #build} would otherwise do on the caller's thread: its MIME
     * table, whose class initialiser lists every locale of the JVM ({@code Locale.getAvailableLocales},
     * a sixth of the main thread's start-up CPU, JFR). Idempotent; the command line runs it in a
     * background thread while the database opens.
     */
    public static void initLibraries() {
        try {
            Class.forName(MimeTypes.class.getName(), true, MimeTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);   // cannot happen: the class literal loaded it
        }
    }

    /**
     * A server (not yet started) over {@code dataset}, which must be the read-only union view;
     * {@code modules} (for example the web pages) are run by Fuseki's build cycle after the
     * endpoint's own modules.
     */
    public static FusekiServer build(DatasetGraph dataset, ServerConfig config, FusekiModule... modules) {
        Limits limits = config.limits();
        QueryPolicy.apply(dataset.getContext(), Duration.ofMillis(limits.overallMs()), config.allowService());

        // The serving assembly, one Fuseki module per concern. Order matters twice: prepare() adds
        // servlet filters in this order (the guard's gate runs before the service description and
        // the cache), and server() wraps Jetty's handler chain in this order (the last is outermost).
        // The cache's first level answers repeated requests before admission, compressed as admitted answers are.
        ResultCacheModule cache = new ResultCacheModule(DATASET, config.cacheBytes(), config.dataVersion(), CompressionModule::handler);
        List<FusekiModule> all = new ArrayList<>(List.of(
                new CompressionModule(),                                // first: wraps the servlet context itself, inside every limit
                new GuardModule(limits, dataset).beforeAdmission(cache.front()),   // limits on Jetty's handlers, the protocol gate, row caps
                new ServiceDescriptionModule(dataset, config.allowService()),
                cache,
                new ResponseHeadersModule(),                           // CORS, nosniff, CSP: on every answer, refusals included
                new RequestLogModule()));                              // one line per request, from Jetty
        all.addAll(List.of(modules));

        DataService service = DataService.newBuilder(dataset)
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.Query, "query")
                .addEndpoint(Operation.GSP_R, "get")
                .build();
        FusekiServer.Builder builder = FusekiServer.create()
                .fusekiModules(FusekiModules.create(all))
                .port(config.port())
                .loopback(config.loopbackOnly())
                .enableCors(false)                                     // ResponseHeadersModule answers CORS
                .enablePing(true)
                .enableStats(true)
                .enableMetrics(false)
                .enableCompact(false)
                .enableTasks(false)
                .add(DATASET, service);
        return graceful(builder.build());
    }

    /**
     * Jetty's {@code GracefulHandler} around everything the modules built (so outermost, counting
     * requests that wait for admission too), for {@link #stop}.
     */
    private static FusekiServer graceful(FusekiServer fuseki) {
        Server server = fuseki.getJettyServer();
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(server.getHandler());
        server.setHandler(graceful);
        return fuseki;
    }

    /**
     * Stops {@code fuseki} (built by {@link #build}) gracefully, as {@code serve} does on SIGTERM: it
     * accepts no new connection, answers 503 to any new request on a connection already open, and
     * waits up to {@code grace} for the requests it is answering to finish; then it stops, closing
     * whatever connection is left. Without it a stop closed every connection at once, and a client
     * whose query was running got no answer at all.
     * <p>
     * Jetty's own way, a stop timeout on the server, waits the same way but then throws from
     * {@code stop()} when a request outlasts it, after stopping; every caller would have to catch
     * that to go on closing the database. Here the wait is the caller's, and the stop always stops.
     *
     * @return false if requests were still running when {@code grace} ran out
     */
    public static boolean stop(FusekiServer fuseki, Duration grace) {
        boolean drained = false;
        try {
            Graceful.shutdown(fuseki.getJettyServer()).get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
            drained = true;
        } catch (TimeoutException | ExecutionException e) {
            // requests still running (or a part that failed to shut down): stopped below all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fuseki.stop();
        return drained;
    }
}
