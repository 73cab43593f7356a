package org.newpathkg.interop;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

/**
 * A second, independent Jena process (started by {@link JenaServiceFederationIT} with the test
 * class path): it loads its own data file, runs a query whose {@code SERVICE} clause calls the
 * newpath-kg endpoint, and prints the result as SPARQL TSV. Plain ARQ, none of newpath-kg's code.
 *
 * <pre>
 * java -cp ... org.newpathkg.interop.SeparateJenaClient DATA.ttl QUERY.rq ENDPOINT_URL
 * </pre>
 * The query names {@code http://127.0.0.1:3030/newpath/sparql} (the endpoint's default address);
 * that IRI is replaced by {@code ENDPOINT_URL}, since the test endpoint listens on a free port.
 */
public final class SeparateJenaClient {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:3030/newpath/sparql";

    private SeparateJenaClient() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SeparateJenaClient DATA.ttl QUERY.rq ENDPOINT_URL");
            System.exit(2);
        }
        Dataset data = RDFDataMgr.loadDataset(args[0]);
        String query = Files.readString(Path.of(args[1])).replace("<" + DEFAULT_ENDPOINT + ">", "<" + args[2] + ">");
        try (QueryExecution qe = QueryExecution.create(query, data)) {
            ResultSetFormatter.outputAsTSV(System.out, qe.execSelect());
        }
    }
}
