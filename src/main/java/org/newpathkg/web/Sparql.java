package org.newpathkg.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.newpathkg.rdf.SparqlResource;

/**
 * Runs the pages' SPARQL, kept in {@code Owner.name.rq} beside each class, with {@code ?this}
 * (and other variables) bound by substitution and optional LIMIT/OFFSET for paging.
 * Callers hold a read transaction.
 */
final class Sparql {
    private Sparql() {}

    /** One row: variable name to value (absent when unbound). */
    record Row(Map<String, Node> values) {
        Node get(String var) {
            return values.get(var);
        }

        String str(String var) {
            Node n = values.get(var);
            if (n == null)
                return null;
            return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
        }
    }

    /** Rows of the SELECT {@code Owner.name.rq} with {@code bindings} substituted; limit/offset -1 for none. */
    static List<Row> select(DatasetGraph ds, Class<?> owner, String name, Map<String, Node> bindings, long limit, long offset) {
        Query q = SparqlResource.query(owner, name);
        if (limit >= 0)
            q.setLimit(limit);
        if (offset > 0)
            q.setOffset(offset);
        return select(ds, q, bindings);
    }

    /** Rows of {@code q} with {@code bindings} substituted. */
    static List<Row> select(DatasetGraph ds, Query q, Map<String, Node> bindings) {
        QueryExecBuilder b = QueryExec.dataset(ds).query(q);
        bindings.forEach(b::substitution);
        List<Row> rows = new ArrayList<>();
        try (QueryExec qe = b.build()) {
            RowSet rs = qe.select();
            while (rs.hasNext()) {
                Binding bd = rs.next();
                Map<String, Node> m = new HashMap<>();
                bd.vars().forEachRemaining((Var v) -> m.put(v.getVarName(), bd.get(v)));
                rows.add(new Row(m));
            }
        }
        return rows;
    }

    /** The query {@code Owner.name.rq} with a VALUES block binding {@code var} to each of {@code nodes}. */
    static Query withValues(Class<?> owner, String name, String var, List<Node> nodes) {
        Query q = SparqlResource.query(owner, name);
        List<Binding> rows = new ArrayList<>();
        Var v = Var.alloc(var);
        for (Node n : nodes)
            rows.add(org.apache.jena.sparql.engine.binding.BindingFactory.binding(v, n));
        q.setValuesDataBlock(List.of(v), rows);
        return q;
    }
}
