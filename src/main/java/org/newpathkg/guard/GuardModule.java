package org.newpathkg.guard;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.ctl.ActionStats;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.server.CounterName;
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
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.newpathkg.guard.functions.ExtensionPolicy;
import org.newpathkg.guard.http.Admission;
import org.newpathkg.guard.http.ConnectionsPerClient;
import org.newpathkg.guard.http.QueryEncoding;
import org.newpathkg.guard.http.RequestChecks;
import org.newpathkg.guard.http.RequestReadDeadline;
import org.newpathkg.guard.query.CancellablePaths;
import org.newpathkg.guard.query.CappedQueryProcessor;

/**
 * The public endpoint's protection as one Fuseki module. See {@link Limits} for every value and
 * its default.
 * <p>
 * {@link #prepare} (before Fuseki builds the servlet context) registers the capped query handler
 * ({@link CappedQueryProcessor}), locks down query extensions ({@link ExtensionPolicy}), makes
 * property paths stop at ARQ's cancellation ({@link CancellablePaths}) and adds
 * {@link QueryEncoding} in front of every other filter. {@link #server} (after
 * Fuseki built the Jetty server, before it starts) sets the connector limits and puts Jetty's own
 * handlers in front of Fuseki's servlet context, outermost first:
 * <ol>
 * <li>{@link RequestChecks}: the refusals the request line and headers decide (405, 415);</li>
 * <li>{@code SizeLimitHandler}: request body at most {@code maxBodyBytes} (413), counted on the
 * bytes as sent, whatever the Content-Length says;</li>
 * <li>{@code EagerContentHandler}: the whole body (form or query) is read, asynchronously,
 * before anything below runs, so a slow sender holds neither a thread nor a query slot;</li>
 * <li>{@code DoSHandler}, twice: requests per second per client address (429; off at 0), one
 * rate for the query paths and {@link #PAGE_RATE_FACTOR} times it for pages and static files,
 * so a crawler reading the site is not counted against its queries;</li>
 * <li>the handler given to {@link #beforeAdmission} (the result cache's first level), if any;</li>
 * <li>{@link Admission}: the one owner of what a request holds (query slot in the fast or the
 * long lane, its client's share and query time, a queue place), each given back exactly once on
 * every path; its figures are the {@code "admission"} member of {@code /$/stats}. Static files,
 * liveness and counters ({@code /$/ping}, {@code /$/stats}) and CORS preflights skip it, so they
 * answer during overload.</li>
 * </ol>
 * On the connector: request line plus headers at most {@code maxHeaderBytes} (431, or 414 for a
 * long URI; Fuseki's own setting is 512 KB), idle connections closed after {@code idleTimeoutMs},
 * uploads or downloads slower than {@code minDataRate} bytes/s cut off, a whole request within
 * {@code requestReadTimeoutMs} of its first byte ({@link RequestReadDeadline}), at most
 * {@code maxConnections} connections and {@code maxConnectionsPerClient} per client address
 * ({@link ConnectionsPerClient}), and a per-response output buffer of
 * {@code outputBufferBytes}: Fuseki 5.6.0 sets 5 MB, larger than anything Jetty's buffer pool
 * keeps, so every response allocated a fresh 5 MB direct buffer and full GCs followed under load
 * (apache/jena#4084); results are complete before the first byte is written
 * ({@link CappedQueryProcessor}), so a small buffer costs nothing. Error pages carry no stack traces.
 *
 * <pre>{@code
 * FusekiServer server = FusekiServer.create()
 *         .fusekiModules(FusekiModules.create(new GuardModule(Limits.DEFAULTS, dataset)))
 *         .add("/ds", DataService.newBuilder(dataset).addEndpoint(Operation.Query, "sparql").build())
 *         .build();
 * }</pre>
 */
public final class GuardModule implements FusekiModule {
    private final Limits limits;
    private final DatasetGraph dataset;
    private final Admission admission;
    private Handler.Singleton beforeAdmission;

    /** The module for a server over {@code dataset} (its context receives the extension policy). */
    public GuardModule(Limits limits, DatasetGraph dataset) {
        this.limits = limits;
        this.dataset = dataset;
        this.admission = new Admission(limits, System::nanoTime);
    }

    @Override
    public String name() {
        return "newpath-guard";
    }

    /**
     * Places {@code handler} (null: none) between the rate limits and {@link Admission}: it sees
     * every request with its body complete and its rate counted, before any slot is taken. The
     * result cache answers repeated queries there ({@code server.cache.CacheFront}).
     */
    public GuardModule beforeAdmission(Handler.Singleton handler) {
        this.beforeAdmission = handler;
        return this;
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        ExtensionPolicy.apply(dataset.getContext(), limits);
        CancellablePaths.install(dataset.getContext());
        builder.registerOperation(Operation.Query, new CappedQueryProcessor(limits))
               .addFilter("/*", new QueryEncoding())
               .addFilter(STATS_PATH, new StatsFilter());
    }

    /**
     * Gives every query endpoint Fuseki's {@code QueryTimeouts} counter, which Fuseki 5.6.0
     * increments but never registers (so {@code /$/stats} had none); {@link CappedQueryProcessor}
     * counts there every query stopped by its budget.
     */
    @Override
    public void configured(FusekiServer.Builder builder, DataAccessPointRegistry registry, Model configModel) {
        registry.accessPoints().forEach(dap -> dap.getDataService().getEndpoints(Operation.Query).forEach(e -> {
            if (!e.getCounters().contains(CounterName.QueryTimeouts))
                e.getCounters().add(CounterName.QueryTimeouts);
        }));
    }

    /** Where Fuseki serves its request counters; this module adds the admission figures. */
    public static final String STATS_PATH = "/$/stats";

    /**
     * Members other modules add to {@code /$/stats} beside Fuseki's counters and
     * {@code "admission"} (for example start-up figures), by name, in the order added.
     */
    public static Map<String, JsonObject> statsMembers(ServletContext context) {
        synchronized (context) {
            @SuppressWarnings("unchecked")
            Map<String, JsonObject> m = (Map<String, JsonObject>) context.getAttribute(STATS_MEMBERS);
            if (m == null) {
                m = Collections.synchronizedMap(new LinkedHashMap<>());
                context.setAttribute(STATS_MEMBERS, m);
            }
            return m;
        }
    }

    private static final String STATS_MEMBERS = GuardModule.class.getName() + ".statsMembers";

    /** {@code GET /$/stats}: Fuseki's counters as its servlet writes them, with the admission figures and other modules' members. */
    private final class StatsFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                chain.doFilter(req, res);
                return;
            }
            JsonObject stats = ActionStats.generateStats(DataAccessPointRegistry.get(request.getServletContext()));
            stats.put("admission", admission.stats());
            statsMembers(request.getServletContext()).forEach(stats::put);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            if ("HEAD".equals(request.getMethod()))
                return;
            try (OutputStream out = response.getOutputStream()) {
                JSON.write(out, stats);
            }
        }
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
            if (limits.maxConnectionsPerClient() > 0)
                connector.addBean(new ConnectionsPerClient(limits.maxConnectionsPerClient()));
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
        admission.setHandler(app);
        exempt(admission);
        admission.excludePath(STATIC_PATHS);
        Handler h = admission;
        if (beforeAdmission != null) {
            beforeAdmission.setHandler(admission);
            h = beforeAdmission;
        }
        if (limits.ratePerSecond() > 0) {
            // Queries have the configured rate; pages and static files their own, five times it, so
            // a crawler reading the site page by page is never refused (issue 19).
            DoSHandler queries = new DoSHandler(h, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                    new DoSHandler.LeakingBucketTrackerFactory(limits.ratePerSecond(), limits.rateBurst(), null),
                    (rq, rs, cb) -> tooFast(rq, rs, cb, limits.ratePerSecond(), limits.rateBurst(), "queries"), Admission.MAX_CLIENTS);
            queries.includePath(Admission.QUERY_PATHS.toArray(String[]::new));
            DoSHandler pages = new DoSHandler(queries, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                    new DoSHandler.LeakingBucketTrackerFactory(PAGE_RATE_FACTOR * limits.ratePerSecond(), PAGE_RATE_FACTOR * limits.rateBurst(), null),
                    (rq, rs, cb) -> tooFast(rq, rs, cb, PAGE_RATE_FACTOR * limits.ratePerSecond(), PAGE_RATE_FACTOR * limits.rateBurst(), "pages"),
                    Admission.MAX_CLIENTS);
            pages.excludePath(Admission.QUERY_PATHS.toArray(String[]::new));
            exempt(pages);
            h = pages;
        }
        EagerContentHandler eager = new EagerContentHandler(h,
                new EagerContentHandler.FormContentLoaderFactory(-1, limits.maxBodyBytes()),
                // Twice the limit: SizeLimitHandler outside refuses first, with the exact limit.
                new EagerContentHandler.RetainedContentLoaderFactory(2L * limits.maxBodyBytes(), -1, true));
        SizeLimitHandler size = new SizeLimitHandler(limits.maxBodyBytes(), -1);
        size.setHandler(eager);
        RequestChecks checks = new RequestChecks();
        checks.setHandler(size);
        return checks;
    }

    /** Pages and static files may be requested this many times as often as queries. */
    static final int PAGE_RATE_FACTOR = 5;
    /** Files served from memory: no query slot, no share. */
    static final String[] STATIC_PATHS = {"/static/*", "/favicon.ico", "/robots.txt"};

    /** Liveness, counters and CORS preflights pass the rate and admission limits. */
    private static void exempt(org.eclipse.jetty.server.handler.ConditionalHandler h) {
        h.excludePath("/$/ping", "/$/stats", "/$/stats/*");
        h.excludeMethod("OPTIONS");
    }

    /** DoSHandler's answer to a client over its request rate. */
    private static boolean tooFast(Request request, Response response, Callback callback, int rate, int burst, String what) {
        long wait = Math.max(1, (long) Math.ceil((double) burst / rate));
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
        Response.writeError(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                "Too many requests from this address: the limit for " + what + " is " + rate
                        + " per second (bursts of " + burst + "); retry in " + wait + " s");
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
