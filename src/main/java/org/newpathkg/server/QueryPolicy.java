package org.newpathkg.server;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.http.Service;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.service.bulk.ChainingServiceExecutorBulk;
import org.apache.jena.sparql.service.bulk.ServiceExecutorBulk;
import org.apache.jena.sparql.service.single.ChainingServiceExecutor;
import org.apache.jena.sparql.service.single.ServiceExecutor;
import org.apache.jena.sparql.util.Context;
import org.newpathkg.log.LogText;
import org.newpathkg.guard.query.QueryRefused;

/**
 * Limits on what a query may do, set in a dataset's context so that the HTTP endpoint and the
 * {@code query} command behave the same: an overall timeout, and outward {@code SERVICE} calls
 * refused unless the endpoint URL is on an allow-list ({@code --allow-service URL}).
 * A refused call is stopped before any connection is made. With an allow-list, calls go through
 * an HTTP client that does not follow redirects (an allow-listed endpoint could redirect anywhere,
 * a loopback or cloud-metadata address included); without one no call is made, so no client is
 * built (building one sets up the JDK's TLS context: about an eighth of start-up's CPU on the
 * main thread, measured with JFR).
 *
 * <pre>{@code
 * QueryPolicy.apply(dataset.getContext(), Duration.ofSeconds(30), List.of("https://query.wikidata.org/sparql"));
 * }</pre>
 */
public final class QueryPolicy {
    private QueryPolicy() {}

    /** Sets the timeout (zero or negative: none) and the SERVICE allow-list in {@code cxt}. */
    public static void apply(Context cxt, Duration timeout, List<String> allowService) {
        if (timeout.toMillis() > 0)
            cxt.set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
        Set<String> allowed = Set.copyOf(allowService);
        ServiceExecutorRegistry reg = ServiceExecutorRegistry.createFrom(ServiceExecutorRegistry.get());
        reg.addSingleLink(new SingleGuard(allowed));
        reg.addBulkLink(new BulkGuard(allowed));
        ServiceExecutorRegistry.set(cxt, reg);
        if (!allowed.isEmpty())
            cxt.set(Service.httpQueryClient, HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build());
    }

    static void check(Set<String> allowed, Node service) {
        if (service.isURI() && allowed.contains(service.getURI()))
            return;
        String url = service.isURI() ? service.getURI() : service.toString();
        // QueryRefused, not QueryDeniedException: ARQ lets only cancellations out of a FILTER; any
        // other exception there is logged with a stack trace for every row (116 MB for one request).
        throw QueryRefused.badRequest("SERVICE <" + LogText.quote(url, 300) + "> refused: outward SERVICE calls are off on this server; "
                + "start it with --allow-service " + LogText.quote(url, 300) + " to allow this endpoint");
    }

    /** Checks every call with its service IRI substituted. */
    private record SingleGuard(Set<String> allowed) implements ChainingServiceExecutor {
        @Override
        public QueryIterator createExecution(OpService opExecute, OpService opOriginal, Binding binding,
                                             ExecutionContext execCxt, ServiceExecutor chain) {
            check(allowed, opExecute.getService());
            return chain.createExecution(opExecute, opOriginal, binding, execCxt);
        }
    }

    /** Refuses a constant service IRI up front; variables are checked per call by {@link SingleGuard}. */
    private record BulkGuard(Set<String> allowed) implements ChainingServiceExecutorBulk {
        @Override
        public QueryIterator createExecution(OpService opService, QueryIterator input, ExecutionContext execCxt,
                                             ServiceExecutorBulk chain) {
            if (!opService.getService().isVariable())
                check(allowed, opService.getService());
            return chain.createExecution(opService, input, execCxt);
        }
    }
}
