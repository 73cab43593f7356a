package org.newpathkg.guard.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.ActionErrorException;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementLateral;
import org.apache.jena.sparql.syntax.ElementMinus;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.apache.jena.sparql.util.Context;
import org.newpathkg.guard.Limits;
import org.newpathkg.guard.functions.SafeRegex;
import org.newpathkg.guard.http.Admission;
import org.newpathkg.log.LogText;

/**
 * Fuseki's SPARQL query handler with the endpoint's time and size limits.
 * <ul>
 * <li>The query runs under ARQ's own first-result and overall timeouts ({@code --first-result-timeout},
 * {@code --timeout}), or the client's lower ones ({@code timeout=} or {@code X-Timeout}); a client
 * cannot raise them. ARQ's cancellation reaches every operator; property paths are made to
 * listen to it by {@link CancellablePaths}, and {@link QueryBudget} sets it where ARQ's alarm
 * cannot (while the plan is built).</li>
 * <li>SELECT, CONSTRUCT, DESCRIBE and JSON queries get {@code LIMIT maxRows+1} unless they ask
 * for fewer, and the results are computed in full, up to {@code maxRows}, before the first
 * byte is sent. So a timeout is always a clean 503, never a cut-off 200, and a response is at
 * most {@code maxRows} rows (or triples). A capped answer carries
 * {@code X-Result-Truncated: true} and {@code X-Result-Limit: N}.</li>
 * <li>A result is also cut at {@code maxResultBytes}, estimated from its terms
 * ({@link ResultBytes}), with {@code X-Result-Limit-Bytes: N} beside {@code X-Result-Truncated}.</li>
 * <li>A query past its time, or stopped because the running queries hold more heap than their
 * budget ({@link QueryBudget}), gets one answer, 503 {@link #OVER_BUDGET}, whichever it met first
 * (that depends on the machine). A value past
 * the value limit or a regular expression RE2/J cannot run is a 400 that says which
 * ({@link QueryRefused}).</li>
 * <li>A query whose groups nest more than {@link #MAX_NESTING} deep, or so deep that parsing,
 * planning or evaluation overflows the stack, is a 400 {@link #TOO_DEEP}, before it runs.</li>
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

    /** Made once the served data is loaded: the memory budget's baseline is read from then on. */
    public CappedQueryProcessor(Limits limits) {
        this.limits = limits;
        if (limits.queryMemoryBytes() > 0)
            QueryBudget.servingStarts();
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
     * A query too deep is a 400 before it runs, the same answer on every machine. Its groups
     * nesting past {@link #MAX_NESTING} are counted once parsed: a 2,000-deep OPTIONAL chain costs
     * the optimizer and the evaluator time and memory that grow faster than its depth (500 deep:
     * 15 s and 500 MB on the essay), so it met the time limit or the memory budget first
     * depending on the machine. Deeper still, the parser, Fuseki's log formatting, the algebra
     * compiler, the optimizer or the evaluation overflow the stack (a 5,000-step path, a
     * 15,000-term sum, 15,000 braces), each at a depth that changes as the JIT compiles them: the
     * overflow gets the same 400. It unwinds this request's own frames only: the dataset is read
     * only and the read transaction ends in Fuseki's {@code finally}.
     */
    @Override
    protected void execute(String queryString, HttpAction action) {
        try {
            // A constant REGEX or REPLACE pattern is compiled by ARQ's parser, whose error names a Java
            // exception: such queries are parsed here first to answer in the query's terms (SafeRegex).
            // Fewer than MAX_NESTING brackets of any kind cannot nest groups that deep.
            if (queryString != null && (bracketDepth(queryString) > MAX_NESTING || SafeRegex.mayCompileAtParse(queryString))) {
                Query query = QueryFactory.create(queryString, Syntax.syntaxARQ);
                if (nestedDeeperThan(query.getQueryPattern(), MAX_NESTING))
                    ServletOps.errorBadRequest(TOO_DEEP);
            }
        } catch (ExprEvalException e) {
            ServletOps.errorBadRequest(SafeRegex.invalidAtParse(e).getMessage());
        } catch (QueryException e) {
            // ARQ's parser reports its own overflow as a parse error without a message (Fuseki says "StackOverflowError").
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

    /** Groups ({@code { }}, whether of OPTIONAL, UNION, MINUS, GRAPH, SERVICE, a sub-query or EXISTS) nested deeper than this are refused. */
    static final int MAX_NESTING = 100;

    static final String TOO_DEEP = "Query too deeply nested: more than " + MAX_NESTING + " nested groups, or too deep "
            + "for the stack while being parsed, planned or run. Split it, or use fewer nested groups, UNION branches, "
            + "path steps or terms.";

    /**
     * Whether {@code e} nests groups ({@code { }}, a sub-query's included) more than {@code max} deep, itself included.
     * Recursion stops past {@code max}, so this walk cannot overflow where the parser did not.
     */
    static boolean nestedDeeperThan(Element e, int max) {
        if (e == null)
            return false;
        if ((e instanceof ElementGroup || e instanceof ElementSubQuery) && --max < 0)
            return true;
        List<Element> inner = e instanceof ElementGroup g ? g.getElements()
                : e instanceof ElementUnion u ? u.getElements()
                : e instanceof ElementOptional o ? List.of(o.getOptionalElement())
                : e instanceof ElementMinus m ? List.of(m.getMinusElement())
                : e instanceof ElementNamedGraph g ? List.of(g.getElement())
                : e instanceof ElementService s ? List.of(s.getElement())
                : e instanceof ElementLateral l ? List.of(l.getLateralElement())
                : e instanceof ElementSubQuery q ? java.util.Collections.singletonList(q.getQuery().getQueryPattern())
                : e instanceof ElementFilter f && f.getExpr() instanceof ExprFunctionOp x ? java.util.Collections.singletonList(x.getElement())
                : List.of();
        for (Element i : inner)
            if (nestedDeeperThan(i, max))
                return true;
        return false;
    }

    /** The deepest nesting of (), {} and [] in {@code q}, strings and IRIs included: an upper bound of how deep its groups nest. */
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

    /** {@code --first-result-timeout} and {@code --timeout} (or the client's lower ones) as ARQ's own timeouts. */
    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        String client = clientTimeout(action.getRequest());
        QueryExec exec = QueryExec.newBuilder()
                .dataset(dataset)
                .query(query)
                .context(action.getContext())
                .initialTimeout(limits.effectiveFirstResultMs(client), TimeUnit.MILLISECONDS)
                .overallTimeout(limits.effectiveOverallMs(client), TimeUnit.MILLISECONDS)
                .build();
        return exec;
    }

    /** The one answer to a query past its time or memory budget, whichever it met first. */
    public static final String OVER_BUDGET = "Query timed out or too large: it ran past this endpoint's budget for one query";

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query requestQuery, String queryStringLog) {
        Object ticket = action.getRequest().getAttribute(Admission.TICKET);
        // A query that proves heavy while the long lane is full is stopped: ARQ's cancellation, as at its timeout.
        Admission.onEviction(ticket, () -> QueryBudget.cancel(exec));
        String client = clientTimeout(action.getRequest());
        try (QueryBudget budget = new QueryBudget(exec, limits.queryMemoryBytes(), limits.effectiveOverallMs(client))) {
            return run(action, exec, requestQuery);
        } catch (QueryRefused e) {
            ServletOps.error(e.status(), e.getMessage());
            return null;
        } catch (QueryCancelledException e) {
            stopped(action, ticket, client);
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
        } catch (RuntimeException e) {
            // ARQ closes a cancelled plan as it unwinds, and an iterator closed half-built can fail instead of the
            // cancellation (Jena 5.6.0: AbstractIterHashJoin.closeSubIterator's NullPointerException when a hash join
            // is cancelled before its table is built, under an ORDER BY at 1M triples). The query was stopped: it gets
            // the stopped query's answer, not a 500.
            if (e instanceof ActionErrorException || !Context.getOrSetCancelSignal(exec.getContext()).get())
                throw e;
            stopped(action, ticket, client);
            return null;
        }
    }

    /** The answer to a query stopped by its time or memory budget, or by {@link Admission} making room for long queries. */
    private void stopped(HttpAction action, Object ticket, String client) {
        // Fuseki counts a timeout only when the cancellation reaches its own handler, which this answer replaces.
        if (action.getEndpoint() != null)
            ActionExecLib.incCounter(action.getEndpoint().getCounters(), CounterName.QueryTimeouts);
        if (Admission.evicted(ticket)) {
            action.setResponseHeader("Retry-After", "5");
            ServletOps.error(503, "The server is busy with long queries: this one ran longer than "
                    + Admission.FAST_LANE_MS / 1000 + " s and every slot for long queries is taken; retry in 5 s");
        }
        ServletOps.error(503, OVER_BUDGET + " (" + seconds(limits.effectiveFirstResultMs(client)) + " s to the first result, "
                + seconds(limits.effectiveOverallMs(client)) + " s in all, " + (limits.queryMemoryBytes() >> 20)
                + " MB of heap held by the running queries). Ask for less: a LIMIT, fewer variables, no cross products.");
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    private QueryExecResult run(HttpAction action, QueryExec exec, Query query) {
        if (query.isSelectType()) {
            RowSet rs = exec.select();
            return new QueryExecResult(RowSetStream.create(rs.getResultVars(), take(action, rs, (size, b) -> size.add(b)).iterator()));
        }
        if (query.isAskType())
            return new QueryExecResult(exec.ask());
        if (query.isConstructType()) {
            DatasetGraph out = DatasetGraphFactory.create();
            out.prefixes().putAll(query.getPrefixMapping());
            take(action, Iter.distinct(exec.constructQuads()), (size, q) -> size.add(q)).forEach(out::add);
            return new QueryExecResult(out);
        }
        if (query.isDescribeType()) {
            Graph g = exec.describe();
            Graph cut = GraphFactory.createDefaultGraph();
            cut.getPrefixMapping().setNsPrefixes(g.getPrefixMapping());
            take(action, g.find(), (size, t) -> size.add(t)).forEach(cut::add);
            return new QueryExecResult(cut);
        }
        if (query.isJsonType())
            return new QueryExecResult(take(action, exec.execJsonItems(), (size, o) -> size.add(o)).iterator());
        ServletOps.errorBadRequest("Unknown query type");
        return null;
    }

    /**
     * The first {@code maxRows} items of {@code it} (rows, distinct quads, triples, JSON objects)
     * that fit in {@code maxResultBytes} as {@code fits} counts them; if any is left out, the
     * answer says where it was cut.
     */
    private <T> List<T> take(HttpAction action, Iterator<T> it, BiPredicate<ResultBytes, T> fits) {
        ResultBytes size = new ResultBytes(limits.maxResultBytes());
        List<T> out = new ArrayList<>();
        while (it.hasNext()) {
            T item = it.next();
            if (out.size() == limits.maxRows() || !fits.test(size, item)) {
                action.setResponseHeader(TRUNCATED, "true");
                action.setResponseHeader(LIMIT, Integer.toString(limits.maxRows()));
                if (size.cut())
                    action.setResponseHeader(LIMIT_BYTES, Long.toString(limits.maxResultBytes()));
                break;
            }
            out.add(item);
        }
        return out;
    }

    /** The client's own, lower, time limit: {@code timeout=} (Fuseki's parameter) or the {@code X-Timeout} header. */
    static String clientTimeout(jakarta.servlet.http.HttpServletRequest request) {
        String p = request.getParameter("timeout");
        if (p != null)
            return p.contains(",") ? p.substring(p.indexOf(',') + 1) : p;
        return request.getHeader("X-Timeout");
    }
}
