package org.newpathkg.guard;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The public endpoint's protection, installed in two steps around
 * {@code FusekiServer.Builder.build()}: {@link #before} registers the capped query handler, the
 * gate filter and the query-extension policy; {@link #after} sets the connection limits on the
 * Jetty server Fuseki built. See {@link Limits} for what is limited and the defaults.
 *
 * <pre>{@code
 * Guard guard = new Guard(Limits.DEFAULTS);
 * FusekiServer.Builder b = FusekiServer.create().add("/ds", service).addFilter("/*", new RequestLog());
 * guard.before(b, dataset);          // before any other filter that runs queries
 * FusekiServer server = guard.after(b.build());
 * }</pre>
 */
public final class Guard {
    private final Limits limits;
    private final GuardFilter filter;

    public Guard(Limits limits) {
        this.limits = limits;
        this.filter = new GuardFilter(limits);
    }

    public Limits limits() {
        return limits;
    }

    /** The gate filter, for tests and status pages: requests in flight, answered-but-still-running. */
    public GuardFilter filter() {
        return filter;
    }

    /**
     * The view of {@code dataset} the query endpoint must serve: reads check the running query's
     * time limit, so even operators ARQ cannot cancel stop on time.
     */
    public DatasetGraph view(DatasetGraph dataset) {
        return new DeadlineView(dataset);
    }

    /** Registers the gate (on every path) and the capped query handler, and locks down query extensions. */
    public FusekiServer.Builder before(FusekiServer.Builder builder, DatasetGraph dataset) {
        ExtensionPolicy.apply(dataset.getContext(), limits);
        return builder
                .registerOperation(Operation.Query, new CappedQueryProcessor(limits))
                .addFilter("/*", filter);
    }

    /** Sets the connection limits on the built server; returns it. */
    public FusekiServer after(FusekiServer server) {
        JettyLimits.apply(server, limits);
        return server;
    }
}
