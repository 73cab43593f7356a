package org.newpathkg.guard;

import java.time.Duration;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The public endpoint's protection as one Fuseki module. See {@link Limits} for every value and
 * its default.
 * <p>
 * {@link #prepare} (before Fuseki builds the servlet context) registers the capped query handler
 * ({@link CappedQueryProcessor}), locks down query extensions ({@link ExtensionPolicy}) and adds
 * the servlet gate ({@link GuardFilter}) in front of every other filter. {@link #server} (after
 * Fuseki built the Jetty server, before it starts) sets the connector limits and puts Jetty's own
 * handlers in front of Fuseki's servlet context, outermost first:
 * <ol>
 * <li>{@code SizeLimitHandler}: request body at most {@code maxBodyBytes} (413), counted on the
 * bytes as sent, whatever the Content-Length says;</li>
 * <li>{@code EagerContentHandler}: the whole body (form or query) is read, asynchronously,
 * before anything below runs, so a slow sender holds neither a thread nor a query slot;</li>
 * <li>{@code DoSHandler}: requests per second per client address (429; off at 0);</li>
 * <li>{@link ClientBudget}: each client's share of slots and its query-time budget (429);</li>
 * <li>{@code QoSHandler}: {@code maxConcurrent} requests at once, {@code maxQueue} waiting at most
 * {@code queueWaitMs} (else 503 with {@code Retry-After}); the client with most budget left goes
 * first. Liveness and counters ({@code /$/ping}, {@code /$/stats}) and CORS preflights skip it
 * and the per-client budget, so they answer during overload.</li>
 * </ol>
 * On the connector: request line plus headers at most {@code maxHeaderBytes} (431, or 414 for a
 * long URI; Fuseki's own setting is 512 KB), idle connections closed after {@code idleTimeoutMs},
 * uploads or downloads slower than {@code minDataRate} bytes/s cut off, a whole request within
 * {@code requestReadTimeoutMs} of its first byte ({@link RequestReadDeadline}), at most
 * {@code maxConnections} connections, and a per-response output buffer of
 * {@code outputBufferBytes}: Fuseki 5.6.0 sets 5 MB, larger than anything Jetty's buffer pool
 * keeps, so every response allocated a fresh 5 MB direct buffer and full GCs followed under load
 * (apache/jena#4084); results are complete before the first byte is written
 * ({@link CappedQueryProcessor}), so a small buffer costs nothing. Error pages carry no stack traces.
 *
 * <pre>{@code
 * FusekiServer server = FusekiServer.create()
 *         .fusekiModules(FusekiModules.create(new GuardModule(Limits.DEFAULTS, dataset)))
 *         .add("/ds", DataService.newBuilder(GuardModule.view(dataset)).addEndpoint(Operation.Query, "sparql").build())
 *         .build();
 * }</pre>
 */
public final class GuardModule implements FusekiModule {
    private final Limits limits;
    private final DatasetGraph dataset;
    private final GuardFilter filter;
    private final ClientBudget budget;
    private volatile QoSHandler qos;

    /** The module for a server over {@code dataset} (its context receives the extension policy). */
    public GuardModule(Limits limits, DatasetGraph dataset) {
        this.limits = limits;
        this.dataset = dataset;
        this.filter = new GuardFilter(limits);
        this.budget = new ClientBudget(limits, System::nanoTime);
    }

    /**
     * The view of {@code dataset} the query endpoint and the pages must serve: its queries run
     * with the engine that checks the running query's time limit ({@link DeadlineExecutor}).
     */
    public static DatasetGraph view(DatasetGraph dataset) {
        return new DeadlineView(dataset);
    }

    @Override
    public String name() {
        return "newpath-guard";
    }

    public Limits limits() {
        return limits;
    }

    /** The servlet gate, for tests and status pages: requests in flight, answered-but-still-running. */
    public GuardFilter filter() {
        return filter;
    }

    /** Requests waiting for a query slot now (0 before the server is built). */
    public int waiting() {
        QoSHandler q = qos;
        return q == null ? 0 : q.getSuspendedRequestCount();
    }

    /** Client addresses in the per-client table now (bounded). */
    public long trackedClients() {
        return budget.clients();
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        ExtensionPolicy.apply(dataset.getContext(), limits);
        builder.registerOperation(Operation.Query, new CappedQueryProcessor(limits))
               .addFilter("/*", filter);
    }

    @Override
    public void server(FusekiServer fuseki) {
        Server server = fuseki.getJettyServer();
        connectors(server);
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(fuseki.getServletContext());
        context.setMaxFormContentSize(limits.maxBodyBytes());
        quiet(server.getErrorHandler());
        quiet(context.getErrorHandler());
        server.setHandler(chain(server.getHandler()));
    }

    private void connectors(Server server) {
        for (Connector c : server.getConnectors()) {
            if (!(c instanceof ServerConnector connector))
                continue;
            connector.setIdleTimeout(limits.idleTimeoutMs());
            connector.addBean(new RequestReadDeadline(limits.requestReadTimeoutMs(), server.getScheduler(), System::nanoTime));
            HttpConnectionFactory f = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (f == null)
                continue;
            HttpConfiguration http = f.getHttpConfiguration();
            http.setRequestHeaderSize(limits.maxHeaderBytes());
            http.setOutputBufferSize(limits.outputBufferBytes());
            http.setIdleTimeout(limits.idleTimeoutMs());
            http.setMinRequestDataRate(limits.minDataRate());
            http.setMinResponseDataRate(limits.minDataRate());
            // No "Server: Jetty(version)" on what Jetty answers itself (refusals, cache hits).
            http.setSendServerVersion(false);
        }
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
    }

    /** Jetty's handlers around {@code app} (Fuseki's servlet context), outermost returned. */
    private Handler chain(Handler app) {
        QoSHandler q = new QoSHandler(budget.admittedMarker(app)) {
            @Override
            protected int getPriority(Request request) {
                return budget.priority(request);
            }

            @Override
            protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "2");
                super.failSuspended(request, response, callback, status, failure);
            }
        };
        q.setMaxRequestCount(limits.maxConcurrent());
        // QoSHandler reads a zero wait as "forever": no wait means no queue.
        q.setMaxSuspendedRequestCount(limits.queueWaitMs() == 0 ? 0 : limits.maxQueue());
        q.setMaxSuspend(Duration.ofMillis(Math.max(1, limits.queueWaitMs())));
        exempt(q);
        qos = q;

        budget.setHandler(q);
        exempt(budget);
        Handler h = budget;
        if (limits.ratePerSecond() > 0) {
            h = new DoSHandler(h, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                    new DoSHandler.LeakingBucketTrackerFactory(limits.ratePerSecond(), limits.rateBurst(), null),
                    this::tooFast, ClientBudget.MAX_CLIENTS);
        }
        EagerContentHandler eager = new EagerContentHandler(h,
                new EagerContentHandler.FormContentLoaderFactory(-1, limits.maxBodyBytes()),
                // Twice the limit: SizeLimitHandler outside refuses first, with the exact limit.
                new EagerContentHandler.RetainedContentLoaderFactory(2L * limits.maxBodyBytes(), -1, true));
        SizeLimitHandler size = new SizeLimitHandler(limits.maxBodyBytes(), -1);
        size.setHandler(eager);
        return size;
    }

    /** Liveness, counters and CORS preflights pass the slot and budget limits. */
    private static void exempt(org.eclipse.jetty.server.handler.ConditionalHandler h) {
        h.excludePath("/$/ping", "/$/stats", "/$/stats/*");
        h.excludeMethod("OPTIONS");
    }

    /** DoSHandler's answer to a client over its request rate. */
    private boolean tooFast(Request request, Response response, Callback callback) {
        long wait = Math.max(1, (long) Math.ceil((double) limits.rateBurst() / limits.ratePerSecond()));
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
        Response.writeError(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                "Too many requests from this address: the limit is " + limits.ratePerSecond()
                        + " per second (bursts of " + limits.rateBurst() + "); retry in " + wait + " s");
        return true;
    }

    private static void quiet(Object handler) {
        if (handler instanceof ErrorHandler eh) {
            eh.setShowStacks(false);
            eh.setShowCauses(false);
            eh.setShowMessageInTitle(false);
        }
    }
}
