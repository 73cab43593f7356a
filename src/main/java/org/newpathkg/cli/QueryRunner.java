package org.newpathkg.cli;

import java.io.PrintStream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.rdf.SparqlResource;

/** Runs a query for the {@code query} and {@code stats} commands and prints its result. */
final class QueryRunner {
    private QueryRunner() {}

    static void print(DatasetGraph ds, String queryText, String format, PrintStream out) {
        Query q = QueryFactory.create(queryText, Syntax.syntaxARQ);
        try (QueryExecution qe = QueryExecutionFactory.create(q, DatasetFactory.wrap(ds))) {
            if (q.isSelectType()) {
                ResultSet rs = qe.execSelect();
                switch (format) {
                    case "csv" -> ResultSetFormatter.outputAsCSV(out, rs);
                    case "tsv" -> ResultSetFormatter.outputAsTSV(out, rs);
                    case "json" -> ResultSetFormatter.outputAsJSON(out, rs);
                    default -> ResultSetFormatter.out(out, rs, q.getPrologue());
                }
            } else if (q.isAskType()) {
                boolean b = qe.execAsk();
                switch (format) {
                    case "csv" -> ResultSetFormatter.outputAsCSV(out, b);
                    case "tsv" -> ResultSetFormatter.outputAsTSV(out, b);
                    case "json" -> ResultSetFormatter.outputAsJSON(out, b);
                    default -> out.println(b ? "yes" : "no");
                }
            } else if (q.isConstructQuad()) {
                RDFDataMgr.write(out, qe.execConstructDataset(), Lang.TRIG);
            } else if (q.isConstructType()) {
                RDFDataMgr.write(out, qe.execConstruct(), Lang.TURTLE);
            } else if (q.isDescribeType()) {
                RDFDataMgr.write(out, qe.execDescribe(), Lang.TURTLE);
            }
        }
        out.flush();
    }

    static void printResource(DatasetGraph ds, Class<?> owner, String name, PrintStream out) {
        print(ds, SparqlResource.text(owner, name), "table", out);
    }
}
