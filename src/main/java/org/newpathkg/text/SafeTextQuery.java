package org.newpathkg.text;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.text.TextIndexException;
import org.apache.jena.query.text.TextQueryPF;
import org.apache.jena.query.text.assembler.TextVocab;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;

/**
 * {@code text:query} whose failures on a malformed Lucene query (an unclosed quote,
 * {@code AND OR (}) reach the client as a query error (HTTP 400 with Lucene's message), never as
 * an internal error. jena-text already reports most of them as a {@link QueryParseException},
 * which Fuseki answers with 400; the rest arrive as a {@link TextIndexException} wrapping
 * a Lucene exception, and are converted here, as is a query too complex for Lucene to run
 * (a regular expression past its determinization limit).
 */
public class SafeTextQuery extends TextQueryPF {

    /** Replaces jena-text's registration of {@code text:query} with this class. */
    static void register() {
        PropertyFunctionRegistry.get().put(TextVocab.pfQuery, SafeTextQuery.class);
    }

    @Override
    public QueryIterator exec(Binding binding, PropFuncArg argSubject, Node predicate, PropFuncArg argObject,
                              ExecutionContext execCxt) {
        try {
            return super.exec(binding, argSubject, predicate, argObject, execCxt);
        } catch (QueryParseException e) {
            throw e;
        } catch (TextIndexException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root)
                root = root.getCause();
            if (root instanceof org.apache.lucene.util.automaton.TooComplexToDeterminizeException)
                // A regular expression or wildcard whose automaton is past Lucene's determinization limit.
                throw new QueryParseException("text:query: Lucene query too complex to run: " + root.getMessage(), -1, -1);
            if (!isQueryError(root))
                throw e;
            throw new QueryParseException("text:query: not a valid Lucene query: " + root.getMessage(), -1, -1);
        }
    }

    /** Errors the query string causes, as opposed to a broken index. */
    private static boolean isQueryError(Throwable t) {
        return t instanceof IllegalArgumentException
                || t instanceof org.apache.lucene.search.IndexSearcher.TooManyClauses
                || t.getClass().getName().startsWith("org.apache.lucene.queryparser.");
    }
}
