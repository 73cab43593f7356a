package org.newpathkg.server;

import org.newpathkg.guard.Limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/**
 * The scale-out pattern: a TDB2 database is built once by the loader, copied, and served
 * read-only by several instances behind a load balancer. Two servers over two copies of one
 * build must give the same answers as each other and as the in-memory store, for every query
 * of the analyst library, without either copy being parsed again.
 */
class ReplicaIT {
    static final String TSV = "text/tab-separated-values";

    @Test
    void twoServersOverCopiesOfOneBuiltDatabaseAnswerAlike(@TempDir Path tmp) throws IOException {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        Path built = tmp.resolve("built");
        try (KnowledgeGraph kg = Pipeline.load(src, built)) {
            assertTrue(!kg.report().reused());
        }
        Path copy = tmp.resolve("copy");
        copyTree(built, copy);

        int parses = Pipeline.parseCount();
        List<String> queries = queries();
        try (KnowledgeGraph a = Pipeline.load(src, built); KnowledgeGraph b = Pipeline.load(src, copy);
             KnowledgeGraph memory = Pipeline.load(src, null)) {
            assertTrue(a.report().reused() && b.report().reused(), "both replicas open the built database");
            assertEquals(parses + 1, Pipeline.parseCount(), "only the in-memory reference was parsed");
            assertEquals(a.report().quads(), b.report().quads());
            assertEquals(memory.report().quads(), a.report().quads());
            FusekiServer sa = start(a), sb = start(b), sm = start(memory);
            try {
                for (String q : queries) {
                    List<String> ra = rows(sa, q), rb = rows(sb, q), rm = rows(sm, q);
                    assertEquals(ra, rb, "replicas differ on\n" + q);
                    assertEquals(rm, ra, "the TDB2 replica differs from the in-memory store on\n" + q);
                }
            } finally {
                sa.stop();
                sb.stop();
                sm.stop();
            }
        }
    }

    @Test
    void aBulkBuiltDatabaseHoldsTheSameQuadsAsTheValidatedBuild(@TempDir Path tmp) {
        SourceTree src = SourceTree.directory(Fixtures.good());
        try (KnowledgeGraph bulk = Pipeline.load(src, tmp.resolve("bulk"), false);
             KnowledgeGraph checked = Pipeline.load(src, tmp.resolve("checked"), true)) {
            assertTrue(bulk.report().summary().contains("validate 0 ms"), bulk.report().summary());
            assertEquals(quads(checked), quads(bulk));
            assertEquals(checked.report().inferred(), bulk.report().inferred());
        }
    }

    static List<String> quads(KnowledgeGraph kg) {
        List<String> out = new ArrayList<>();
        org.apache.jena.system.Txn.executeRead(kg.dataset(),
                () -> kg.dataset().find(org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY,
                        org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY).forEachRemaining(q -> out.add(q.toString())));
        out.sort(null);
        return out;
    }

    static FusekiServer start(KnowledgeGraph kg) {
        return NewpathServer.build(kg.dataset(), ServerConfig.builder().limits(Limits.builder().overallMs(60_000).oneTrustedClient().build()).build()).start();
    }

    /** The answer's lines, sorted: a query without ORDER BY may list rows in any order. */
    static List<String> rows(FusekiServer s, String q) {
        var r = Http.query("http://127.0.0.1:" + s.getHttpPort(), q, TSV);
        assertEquals(200, r.statusCode(), r.body());
        List<String> lines = new ArrayList<>(r.body().lines().toList());
        lines.sort(null);
        return lines;
    }

    static List<String> queries() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.projectRoot().resolve("queries"))) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(".rq")).sorted().toList())
                out.add(Files.readString(p));
            return out;
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                    Files.createDirectories(d);
                else
                    Files.copy(p, d);
            }
        }
    }
}
