package org.newpathkg.server.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Now;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprVisitorFunction;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprNone;
import org.apache.jena.sparql.expr.ExprTripleTerm;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.Unstable;

/**
 * What identifies an answer: the query as ARQ parses and re-serialises it (so whitespace,
 * comments and prefix names do not matter), the dataset version, the negotiated content type and
 * any other protocol parameter (default-graph-uri, output, timeout...). Pure functions, testable
 * without a server.
 *
 * <pre>{@code
 * QueryKey.Decision d = QueryKey.decide("SELECT * { ?s ?p ?o } LIMIT 1", "text/csv", Map.of(), "v1");
 * if (d.cacheable()) cache.get(d.key());
 * }</pre>
 */
public final class QueryKey {
    private QueryKey() {}

    /**
     * The outcome for one request: a key and the ETag derived from it, or the reason the answer
     * must not be cached (then {@code key} is null).
     */
    public record Decision(String key, String etag, String bypassReason) {
        /** True when the answer may be cached and revalidated. */
        public boolean cacheable() {
            return key != null;
        }

        static Decision bypass(String reason) {
            return new Decision(null, null, reason);
        }
    }

    /** The query parsed as Fuseki parses it (ARQ syntax), or null when it does not parse. */
    public static Query parse(String queryString) {
        try {
            return QueryFactory.create(queryString, Syntax.syntaxARQ);
        } catch (QueryException | StackOverflowError e) {
            // Too deep to parse: the query handler answers it with a 400 that says so.
            return null;
        }
    }

    /**
     * Decides for one request. {@code otherParams} are the request's parameters except
     * {@code query}; {@code contentType} is what content negotiation chose (null when none fits).
     */
    public static Decision decide(String queryString, String contentType, Map<String, String[]> otherParams,
                                  String datasetVersion) {
        return decide(parse(queryString), contentType, otherParams, datasetVersion);
    }

    /** As {@link #decide(String, String, Map, String)} for a query already parsed ({@code null}: did not parse). */
    public static Decision decide(Query q, String contentType, Map<String, String[]> otherParams, String datasetVersion) {
        try {
            return decideParsed(q, contentType, otherParams, datasetVersion);
        } catch (StackOverflowError e) {
            // Compiling or re-serialising a very deep query overflows; the query handler answers it with a 400.
            return Decision.bypass("query too deep to key");
        }
    }

    private static Decision decideParsed(Query q, String contentType, Map<String, String[]> otherParams, String datasetVersion) {
        if (q == null)
            // Fuseki answers 400 with the parser's message; errors are not cached.
            return Decision.bypass("query does not parse");
        if (contentType == null)
            return Decision.bypass("no acceptable content type");
        String unstable = unstable(q);
        if (unstable != null)
            return Decision.bypass(unstable);
        StringBuilder key = new StringBuilder(256)
                .append(datasetVersion).append('\n')
                .append(contentType).append('\n');
        new TreeMap<>(otherParams).forEach((name, values) -> {
            key.append(name).append('=');
            for (String v : values)
                key.append(v).append('\u0001');
            key.append('\n');
        });
        key.append(normalise(q));
        String k = key.toString();
        return new Decision(k, etag(k), null);
    }

    /**
     * The query re-serialised by ARQ with every prefix expanded: two spellings of the same query
     * give the same text.
     */
    public static String normalise(Query parsed) {
        Query q = parsed.cloneQuery();
        q.setPrefixMapping(PrefixMapping.Factory.create());
        return q.serialize(Syntax.syntaxARQ);
    }

    /**
     * Why the query's answer may differ between two runs over the same data (RAND, NOW, UUID,
     * BNODE, or SERVICE, whose remote data may change), or null when it may not.
     */
    static String unstable(Query q) {
        String[] reason = new String[1];
        Op op = Algebra.compile(q);
        Walker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpService opService) {
                reason[0] = "SERVICE reads remote data";
            }
        }, new ExprVisitorFunction() {
            @Override
            protected void visitExprFunction(ExprFunction func) {
                if (func instanceof Unstable || func instanceof E_Now)
                    reason[0] = func.getFunctionPrintName(null) + "() differs between runs";
            }

            @Override public void visit(ExprFunctionOp funcOp) {}
            @Override public void visit(NodeValue nv) {}
            @Override public void visit(ExprTripleTerm tripleTerm) {}
            @Override public void visit(ExprVar nv) {}
            @Override public void visit(ExprAggregator eAgg) {}
            @Override public void visit(ExprNone exprNone) {}
        });
        return reason[0];
    }

    /** A strong ETag: the answer is a function of the key, so the key's hash identifies it. */
    static String etag(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
