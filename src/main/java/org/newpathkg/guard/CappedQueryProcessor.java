package org.newpathkg.guard;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprException;
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
 * <li>A result is also cut at {@code maxResultBytes}, estimated from its terms
 * ({@link ResultBytes}), with {@code X-Result-Limit-Bytes: N} beside {@code X-Result-Truncated}.</li>
 * <li>The query runs with an allocation budget ({@link Deadline}); a query past it, or past the
 * value limit, or with a regular expression RE2/J cannot run, is a 400 that says which
 * ({@link QueryRefused}).</li>
 * <li>A query nested so deeply that parsing, planning or evaluation overflows the stack is a 400.</li>
 * <li>Client parameters that Fuseki would write into a result document ({@code stylesheet},
 * {@code callback}) are refused.</li>
 * </ul>
 */
public final class CappedQueryProcessor extends SPARQL_QueryDataset {
    /** Response header set to {@code true} when results were cut at the row cap. */
    public static final String TRUNCATED = "X-Result-Truncated";
    /** Response header giving the row cap, sent with {@link #TRUNCATED}. */
    public static final String LIMIT = "X-Result-Limit";
    /** Response header giving the result size cap in bytes, sent with {@link #TRUNCATED} when that cap cut the result. */
    public static final String LIMIT_BYTES = "X-Result-Limit-Bytes";

    private final Limits limits;

    public CappedQueryProcessor(Limits limits) {
        this.limits = limits;
    }

    /**
     * Parameters Fuseki would write into a result document as the client sent them: the XML
     * results' {@code stylesheet} (a processing instruction: script on this origin) and the
     * JSON results' {@code callback} (JSONP). Refused with a 400 rather than ignored, so a client
     * relying on them learns why its answer differs.
     */
    static final List<String> REFLECTED_PARAMS = List.of("stylesheet", "callback");

    @Override
    public void validate(HttpAction action) {
        super.validate(action);
        for (String p : REFLECTED_PARAMS)
            if (action.getRequest().getParameter(p) != null)
                ServletOps.errorBadRequest("The '" + p + "' parameter is not supported on this endpoint: it would write "
                        + "client text into the result document");
    }

    /**
     * A query too deep for the stack is a 400 wherever it overflows: the parser, Fuseki's log
     * formatting, the algebra compiler, the optimizer and the evaluation each walk the query
     * recursively and overflow at different depths (a 5,000-step path, 2,000 nested OPTIONALs, a
     * 15,000-term sum), so no single pre-parse nesting limit would match them all without refusing
     * queries that run. The overflow unwinds this request's own frames only: the dataset is read
     * only and the read transaction ends in Fuseki's {@code finally}.
     */
    @Override
    protected void execute(String queryString, HttpAction action) {
        try {
            // ARQ's parser reports its own overflow as a parse error without a message (Fuseki says "StackOverflowError");
            // a deeply bracketed query is parsed here first to say what happened.
            // A constant REGEX or REPLACE pattern is compiled by ARQ's parser, whose error names a Java
            // exception: such queries are parsed here first to answer in the query's terms (SafeRegex).
            if (queryString != null && (bracketDepth(queryString) > 64 || SafeRegex.mayCompileAtParse(queryString)))
                QueryFactory.create(queryString, Syntax.syntaxARQ);
        } catch (ExprEvalException e) {
            ServletOps.errorBadRequest(SafeRegex.invalidAtParse(e).getMessage());
        } catch (QueryException e) {
            if (e.getCause() instanceof StackOverflowError)
                ServletOps.errorBadRequest(TOO_DEEP);
            // Other errors are reported by Fuseki with the parser's line and column.
        } catch (StackOverflowError e) {
            ServletOps.errorBadRequest(TOO_DEEP);
        }
        try {
            super.execute(queryString, action);
        } catch (StackOverflowError e) {
            ServletOps.errorBadRequest(TOO_DEEP);
        }
    }

    static final String TOO_DEEP = "Query too deeply nested or too complex to process: it ran out of stack while "
            + "being parsed, planned or run. Split it, or use fewer nested groups, UNION branches, path steps or terms.";

    /** The deepest nesting of (), {} and [] in {@code q}, strings and IRIs included (an upper bound is enough). */
    static int bracketDepth(String q) {
        int depth = 0, max = 0;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '(' || c == '{' || c == '[')
                max = Math.max(max, ++depth);
            else if ((c == ')' || c == '}' || c == ']') && depth > 0)
                depth--;
        }
        return max;
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
        QueryExec exec = QueryExec.newBuilder()
                .dataset(dataset)
                .query(query)
                .context(action.getContext())
                .initialTimeout(limits.effectiveFirstResultMs(client), TimeUnit.MILLISECONDS)
                .overallTimeout(limits.effectiveOverallMs(client), TimeUnit.MILLISECONDS)
                .build();
        return exec;
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query requestQuery, String queryStringLog) {
        String client = GuardFilter.clientTimeout(action.getRequest());
        Clock clock = new Clock(limits.effectiveFirstResultMs(client), limits.effectiveOverallMs(client));
        Deadline.start(limits.effectiveFirstResultMs(client), limits.queryAllocBytes());
        // A query that proves heavy while the long lane is full is stopped: ARQ's cancellation
        // between solutions, the deadline's inside property paths.
        Runnable cancel = Deadline.canceller();
        Admission.onEviction(action.getRequest().getAttribute(Admission.TICKET), () -> {
            exec.abort();
            cancel.run();
        });
        try {
            QueryExecResult r = run(action, exec, requestQuery, clock);
            clock.end();
            return r;
        } catch (QueryRefused e) {
            ServletOps.error(e.status(), e.getMessage());
            return null;
        } catch (QueryCancelledException e) {
            if (!Admission.evicted(action.getRequest().getAttribute(Admission.TICKET)))
                throw e;
            action.setResponseHeader("Retry-After", "5");
            ServletOps.error(503, "The server is busy with long queries: this one ran longer than "
                    + Admission.FAST_LANE_MS / 1000 + " s and every slot for long queries is taken; retry in 5 s");
            return null;
        } catch (QueryBuildException | ExprException e) {
            // A property function or function given the wrong arguments, found when the plan is built
            // (or an expression error raised outside any expression, which ARQ would answer 500).
            ServletOps.errorBadRequest("Query cannot be run: " + LogText.quote(e.getMessage(), 300));
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
            ResultBytes size = new ResultBytes(limits.maxResultBytes());
            while (rows.size() < max && rs.hasNext()) {
                Binding b = rs.next();
                clock.first();
                if (!size.add(b))
                    break;
                rows.add(b);
            }
            truncated(action, size.cut() || rs.hasNext(), size);
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
            ResultBytes size = new ResultBytes(limits.maxResultBytes());
            while (it.hasNext()) {
                Quad q = it.next();
                clock.first();
                if (out.contains(q))
                    continue;
                if (n == max || !size.add(q)) {
                    cut = true;
                    break;
                }
                out.add(q);
                n++;
            }
            truncated(action, cut, size);
            return new QueryExecResult(out);
        }
        if (query.isDescribeType()) {
            Graph g = exec.describe();
            clock.first();
            Graph cut = GraphFactory.createDefaultGraph();
            cut.getPrefixMapping().setNsPrefixes(g.getPrefixMapping());
            ResultBytes size = new ResultBytes(limits.maxResultBytes());
            Iterator<Triple> it = g.find();
            while (cut.size() < max && it.hasNext()) {
                Triple t = it.next();
                if (!size.add(t))
                    break;
                cut.add(t);
            }
            truncated(action, size.cut() || it.hasNext(), size);
            return new QueryExecResult(cut);
        }
        if (query.isJsonType()) {
            Iterator<JsonObject> it = exec.execJsonItems();
            List<JsonObject> items = new ArrayList<>();
            ResultBytes size = new ResultBytes(limits.maxResultBytes());
            while (items.size() < max && it.hasNext()) {
                JsonObject o = it.next();
                clock.first();
                if (!size.add(o))
                    break;
                items.add(o);
            }
            truncated(action, size.cut() || it.hasNext(), size);
            return new QueryExecResult(items.iterator());
        }
        ServletOps.errorBadRequest("Unknown query type");
        return null;
    }

    private void truncated(HttpAction action, boolean cut, ResultBytes size) {
        if (cut) {
            action.setResponseHeader(TRUNCATED, "true");
            action.setResponseHeader(LIMIT, Integer.toString(limits.maxRows()));
            if (size.cut())
                action.setResponseHeader(LIMIT_BYTES, Long.toString(limits.maxResultBytes()));
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
