package org.newpathkg.guard;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Fuseki's SPARQL query handler with the endpoint's time and size limits.
 * <ul>
 * <li>The query runs under the server's first-result and overall timeouts, or the client's
 * lower ones ({@code timeout=} or {@code X-Timeout}); a client cannot raise them.</li>
 * <li>SELECT, CONSTRUCT, DESCRIBE and JSON queries get {@code LIMIT maxRows+1} unless they ask
 * for fewer, and the results are computed in full, up to {@code maxRows}, before the first
 * byte is sent. So a timeout is always a clean 503, never a cut-off 200, and a response is at
 * most {@code maxRows} rows (or triples). A capped answer carries
 * {@code X-Result-Truncated: true} and {@code X-Result-Limit: N}.</li>
 * <li>A query whose evaluation outlived its time without noticing the cancellation (ARQ stops
 * cooperatively, and some operators check late) is answered 503 all the same.</li>
 * <li>A query nested so deeply that parsing or evaluation overflows the stack is a 400.</li>
 * </ul>
 */
public final class CappedQueryProcessor extends SPARQL_QueryDataset {
    /** Response header set to {@code true} when results were cut at the row cap. */
    public static final String TRUNCATED = "X-Result-Truncated";
    /** Response header giving the row cap, sent with {@link #TRUNCATED}. */
    public static final String LIMIT = "X-Result-Limit";

    private final Limits limits;

    public CappedQueryProcessor(Limits limits) {
        this.limits = limits;
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        try {
            if (queryString != null)
                QueryFactory.create(queryString, Fuseki.BaseParserSPARQL, Syntax.syntaxARQ);
        } catch (StackOverflowError e) {
            ServletOps.errorBadRequest("Query too deeply nested to parse");
        } catch (QueryException e) {
            // Reported by Fuseki with the parser's line and column.
        }
        super.execute(queryString, action);
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        Pair<DatasetGraph, Query> p = super.decideDataset(action, query, queryStringLog);
        return Pair.create(p.getLeft(), capped(p.getRight() == null ? query : p.getRight(), limits.maxRows()));
    }

    /** {@code query} with {@code LIMIT max+1} if it has no limit or a larger one (a copy; the original is untouched). */
    static Query capped(Query query, int max) {
        if (query.isAskType())
            return query;
        if (query.hasLimit() && query.getLimit() <= max + 1L)
            return query;
        Query q = query.cloneQuery();
        q.setLimit(max + 1L);
        return q;
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        String client = GuardFilter.clientTimeout(action.getRequest());
        return QueryExec.newBuilder()
                .dataset(dataset)
                .query(query)
                .context(action.getContext())
                .initialTimeout(limits.effectiveFirstResultMs(client), TimeUnit.MILLISECONDS)
                .overallTimeout(limits.effectiveOverallMs(client), TimeUnit.MILLISECONDS)
                .build();
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query requestQuery, String queryStringLog) {
        String client = GuardFilter.clientTimeout(action.getRequest());
        Clock clock = new Clock(limits.effectiveFirstResultMs(client), limits.effectiveOverallMs(client));
        Deadline.start(limits.effectiveFirstResultMs(client));
        try {
            QueryExecResult r = run(action, exec, requestQuery, clock);
            clock.end();
            return r;
        } catch (StackOverflowError e) {
            ServletOps.errorBadRequest("Query too deeply nested to evaluate");
            return null;
        } catch (QueryExceptionHTTP e) {
            // A SERVICE endpoint's answer (a redirect included, which is not followed) is not ours to relay.
            throw new QueryExceptionHTTP(502, "SERVICE call failed: the remote endpoint answered "
                    + (e.getStatusCode() > 0 ? e.getStatusCode() + " " : "") + (e.getMessage() == null ? "" : e.getMessage()));
        } finally {
            Deadline.clear();
        }
    }

    private QueryExecResult run(HttpAction action, QueryExec exec, Query query, Clock clock) {
        int max = limits.maxRows();
        if (query.isSelectType()) {
            RowSet rs = exec.select();
            List<Var> vars = rs.getResultVars();
            List<Binding> rows = new ArrayList<>();
            while (rows.size() < max && rs.hasNext()) {
                rows.add(rs.next());
                clock.first();
            }
            truncated(action, rs.hasNext());
            return new QueryExecResult(RowSetStream.create(vars, rows.iterator()));
        }
        if (query.isAskType()) {
            boolean b = exec.ask();
            clock.first();
            return new QueryExecResult(b);
        }
        if (query.isConstructType()) {
            Iterator<Quad> it = exec.constructQuads();
            DatasetGraph out = DatasetGraphFactory.create();
            out.prefixes().putAll(query.getPrefixMapping());
            long n = 0;
            boolean cut = false;
            while (it.hasNext()) {
                Quad q = it.next();
                clock.first();
                if (out.contains(q))
                    continue;
                if (n == max) {
                    cut = true;
                    break;
                }
                out.add(q);
                n++;
            }
            truncated(action, cut);
            return new QueryExecResult(out);
        }
        if (query.isDescribeType()) {
            Graph g = exec.describe();
            clock.first();
            if (g.size() <= max) {
                truncated(action, false);
                return new QueryExecResult(g);
            }
            Graph cut = GraphFactory.createDefaultGraph();
            cut.getPrefixMapping().setNsPrefixes(g.getPrefixMapping());
            Iterator<Triple> it = g.find();
            while (cut.size() < max && it.hasNext())
                cut.add(it.next());
            truncated(action, true);
            return new QueryExecResult(cut);
        }
        if (query.isJsonType()) {
            Iterator<JsonObject> it = exec.execJsonItems();
            List<JsonObject> items = new ArrayList<>();
            while (items.size() < max && it.hasNext()) {
                items.add(it.next());
                clock.first();
            }
            truncated(action, it.hasNext());
            return new QueryExecResult(items.iterator());
        }
        ServletOps.errorBadRequest("Unknown query type");
        return null;
    }

    private void truncated(HttpAction action, boolean cut) {
        if (cut) {
            action.setResponseHeader(TRUNCATED, "true");
            action.setResponseHeader(LIMIT, Integer.toString(limits.maxRows()));
        }
    }

    /**
     * Checks, after the fact, the two limits ARQ enforces cooperatively: an operator that
     * finished without noticing it was cancelled must not turn an over-time query into a 200.
     */
    private static final class Clock {
        private final long t0 = System.nanoTime();
        private final long firstMs, overallMs;
        private long firstAt = -1;

        Clock(long firstMs, long overallMs) {
            this.firstMs = firstMs;
            this.overallMs = overallMs;
        }

        void first() {
            if (firstAt < 0) {
                firstAt = elapsed();
                Deadline.moveTo(t0 + overallMs * 1_000_000);
            }
        }

        void end() {
            long end = elapsed();
            if ((firstAt < 0 ? end : firstAt) > firstMs || end > overallMs)
                throw new QueryCancelledException();
        }

        private long elapsed() {
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }
}
