package org.newpathkg.queries;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.Cells;

/**
 * Runs every analyst query {@code queries/NN-slug.rq} against the real data, loaded once through
 * the server's own pipeline (validation, inference, text index), and compares the result with its
 * golden file beside it:
 * <ul>
 * <li>SELECT: {@code NN-slug.tsv}, SPARQL TSV as {@code ResultSetFormatter.outputAsTSV} writes it;</li>
 * <li>ASK: {@code NN-slug.ask} containing {@code true} or {@code false};</li>
 * <li>CONSTRUCT / DESCRIBE: {@code NN-slug.ttl}, compared by graph isomorphism.</li>
 * </ul>
 * Rows are compared as a multiset unless the query has ORDER BY (then as a list); numeric
 * literals by value; blank nodes not at all. A query without a golden is skipped, not passed.
 * <p>
 * {@code mvn verify -Dgolden.write=true} (re)writes every golden from the current data. A written
 * golden is only a proposal: check each row by hand against the essay before committing it.
 */
class QueryLibraryTest {
    static final boolean WRITE = Boolean.getBoolean("golden.write");
    static KnowledgeGraph kg;

    @AfterAll
    static void close() {
        if (kg != null)
            kg.close();
    }

    @TestFactory
    Stream<DynamicTest> queryLibrary() throws IOException {
        Path dir = Fixtures.projectRoot().resolve("queries");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted().toList();
        }
        kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> run(f)));
    }

    private void run(Path rq) throws IOException {
        assumeTrue(kg != null);
        String base = rq.getFileName().toString().replaceFirst("\\.rq$", "");
        Query query = QueryFactory.create(Files.readString(rq), Syntax.syntaxARQ);
        Txn.executeRead(kg.dataset(), () -> {
            try {
                if (query.isSelectType())
                    select(rq, query, rq.resolveSibling(base + ".tsv"));
                else if (query.isAskType())
                    ask(query, rq.resolveSibling(base + ".ask"));
                else
                    graph(query, rq.resolveSibling(base + ".ttl"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void select(Path rq, Query query, Path golden) throws IOException {
        List<Var> vars;
        List<Binding> actual = new ArrayList<>();
        try (QueryExec qe = QueryExec.dataset(kg.dataset()).query(query).build()) {
            RowSet rs = qe.select();
            vars = rs.getResultVars();
            rs.forEachRemaining(actual::add);
        }
        if (WRITE) {
            try (OutputStream out = Files.newOutputStream(golden)) {
                ResultSetFormatter.outputAsTSV(out, ResultSet.adapt(RowSetStream.create(vars, actual.iterator())));
            }
            return;
        }
        assumeTrue(Files.exists(golden), "no golden " + golden.getFileName() + " yet; write it with -Dgolden.write=true and check it by hand");
        List<Var> expectedVars;
        List<Binding> expected = new ArrayList<>();
        try (InputStream in = Files.newInputStream(golden)) {
            RowSet rs = RowSet.adapt(ResultSetMgr.read(in, ResultSetLang.RS_TSV));
            expectedVars = rs.getResultVars();
            rs.forEachRemaining(expected::add);
        }
        if (!expectedVars.equals(vars))
            fail(golden.getFileName() + ": columns differ: expected " + expectedVars + " but the query gives " + vars);
        boolean ordered = query.hasOrderBy();
        List<String> exp = keys(expected, vars), act = keys(actual, vars);
        if (ordered ? exp.equals(act) : counts(exp).equals(counts(act)))
            return;
        fail(diff(golden.getFileName().toString(), exp, act, ordered));
    }

    private void ask(Query query, Path golden) throws IOException {
        boolean actual;
        try (QueryExec qe = QueryExec.dataset(kg.dataset()).query(query).build()) {
            actual = qe.ask();
        }
        if (WRITE) {
            Files.writeString(golden, actual + "\n");
            return;
        }
        assumeTrue(Files.exists(golden), "no golden " + golden.getFileName() + " yet");
        boolean expected = Boolean.parseBoolean(Files.readString(golden).strip());
        if (expected != actual)
            fail(golden.getFileName() + ": expected " + expected + " but the query answers " + actual);
    }

    private void graph(Query query, Path golden) throws IOException {
        Graph actual;
        try (QueryExec qe = QueryExec.dataset(kg.dataset()).query(query).build()) {
            actual = query.isDescribeType() ? qe.describe() : qe.construct();
        }
        if (WRITE) {
            try (OutputStream out = Files.newOutputStream(golden)) {
                RDFDataMgr.write(out, actual, Lang.TURTLE);
            }
            return;
        }
        assumeTrue(Files.exists(golden), "no golden " + golden.getFileName() + " yet");
        Graph expected = GraphFactory.createDefaultGraph();
        RDFParser.source(golden).lang(Lang.TURTLE).parse(expected);
        if (expected.isIsomorphicWith(actual))
            return;
        List<String> exp = new ArrayList<>(), act = new ArrayList<>();
        expected.find().forEachRemaining(t -> exp.add(NodeFmtLib.str(t)));
        actual.find().forEachRemaining(t -> act.add(NodeFmtLib.str(t)));
        fail(diff(golden.getFileName().toString(), exp, act, false));
    }

    /** One comparable string per row: numbers by value, blank nodes as {@code _:}. */
    static List<String> keys(List<Binding> rows, List<Var> vars) {
        List<String> out = new ArrayList<>();
        for (Binding b : rows) {
            StringBuilder sb = new StringBuilder();
            for (Var v : vars) {
                Node n = b.get(v);
                sb.append(n == null ? "" : Cells.canonical(n)).append('\t');
            }
            out.add(sb.toString());
        }
        return out;
    }


    private static Map<String, Integer> counts(List<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        keys.forEach(k -> m.merge(k, 1, Integer::sum));
        return m;
    }

    static String diff(String name, List<String> expected, List<String> actual, boolean ordered) {
        Map<String, Integer> missing = counts(expected), unexpected = counts(actual);
        for (String k : actual)
            missing.computeIfPresent(k, (x, c) -> c > 1 ? c - 1 : null);
        for (String k : expected)
            unexpected.computeIfPresent(k, (x, c) -> c > 1 ? c - 1 : null);
        StringBuilder sb = new StringBuilder(name).append(" differs from the query result");
        if (missing.isEmpty() && unexpected.isEmpty() && ordered)
            sb.append(": same rows in a different order");
        sb.append(" (").append(expected.size()).append(" expected, ").append(actual.size()).append(" actual rows)");
        missing.forEach((k, c) -> sb.append("\n  missing   ").append(c > 1 ? c + "x " : "").append(k.strip()));
        unexpected.forEach((k, c) -> sb.append("\n  unexpected ").append(c > 1 ? c + "x " : "").append(k.strip()));
        return sb.toString();
    }
}
