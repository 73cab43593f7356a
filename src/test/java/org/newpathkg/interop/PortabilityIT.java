package org.newpathkg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;

/**
 * Portability: {@code export} writes N-Quads and TriG that another engine, Oxigraph (npm
 * {@code oxigraph} 0.5), loads, and every query of {@code queries/} that does not use
 * {@code text:query} (a Jena extension) gives the same rows there as on our endpoint.
 * <p>
 * Our default graph is the union of the named graphs. Oxigraph is run two ways:
 * <ul>
 * <li><b>union</b>: the N-Quads queried with Oxigraph's {@code use_default_graph_as_union} option,
 * which, like Virtuoso's default graph, is the union of the graphs as a multiset: a triple stated
 * in two graphs is matched twice (oxigraph/oxigraph#1919);</li>
 * <li><b>merged</b>: the same quads plus their RDF merge loaded as Oxigraph's default graph.</li>
 * </ul>
 * Results compare as lists when the query orders them and as multisets otherwise, numbers by
 * value, blank nodes not at all. Both modes must give exactly our rows: a library query that
 * means a set says DISTINCT, and none relies on the order of values inside GROUP_CONCAT, which
 * SPARQL 1.1 leaves to the engine. The report ({@code target/interop/portability-report.txt})
 * says {@code N same, M differ} per mode and shows the differing rows.
 */
class PortabilityIT {
    static final Path OUT = Interop.WORK.resolve("portability");
    static final Path JAR = Fixtures.projectRoot().resolve("target/newpath-kg.jar");
    static String endpoint;
    static List<Path> queries;
    static JsonObject unionRun, mergedRun;

    @BeforeAll
    static void exportAndLoad() throws IOException {
        Interop.ensureClients();
        endpoint = InteropEndpoint.sparql();
        Files.createDirectories(OUT);
        try (Stream<Path> s = Files.list(Fixtures.projectRoot().resolve("queries"))) {
            queries = s.filter(p -> p.toString().endsWith(".rq"))
                    .filter(p -> !Interop.read(p).contains("text:query")).sorted().toList();
        }
        Path nq = OUT.resolve("newpath.nq"), trig = OUT.resolve("newpath.trig");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> Interop.runOk(List.of(java, "-jar", JAR.toString(),
                "export", "--format", "nquads", "--out", nq.toString()), null, Duration.ofMinutes(5)));
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> Interop.runOk(List.of(java, "-jar", JAR.toString(),
                "export", "--format", "trig", "--out", trig.toString()), null, Duration.ofMinutes(5)));
        a.join();
        b.join();
        unionRun = oxigraph("union", nq, trig);
        mergedRun = oxigraph("merged", nq, null);
    }

    static JsonObject oxigraph(String mode, Path nq, Path trig) {
        List<String> cmd = new ArrayList<>(List.of("node", "oxigraph-run.mjs", "--nquads", nq.toString(), "--mode", mode,
                "--out", OUT.resolve(mode).toString()));
        if (trig != null)
            cmd.addAll(List.of("--trig", trig.toString()));
        queries.forEach(q -> cmd.add(q.toString()));
        return JSON.parse(Interop.runOk(cmd, Interop.NODE_DIR, Duration.ofMinutes(3)));
    }

    @Test
    void bothExportFormatsLoadIntoOxigraphWithTheSameQuads() throws IOException {
        long lines;
        try (Stream<String> s = Files.lines(OUT.resolve("newpath.nq"))) {
            lines = s.filter(l -> !l.isBlank()).count();
        }
        assertTrue(lines > 10_000, "the export holds the whole graph: " + lines);
        assertEquals(lines, unionRun.get("nquads").getAsNumber().value().longValue(), "N-Quads lines = quads Oxigraph loaded");
        assertEquals(lines, unionRun.get("trig").getAsNumber().value().longValue(), "TriG quads");
        assertTrue(unionRun.get("trigSameAsNquads").getAsBoolean().value(), "TriG and N-Quads hold the same quads");
    }

    @Test
    void everyLibraryQueryGivesTheSameRowsOnOxigraphWithEitherDefaultGraph() throws IOException {
        assertTrue(queries.size() >= 25, "the library's queries without text:query: " + queries.size());
        Map<String, String> union = new LinkedHashMap<>(), merged = new LinkedHashMap<>();
        StringBuilder details = new StringBuilder();
        for (Path q : queries) {
            String name = q.getFileName().toString().replaceFirst("\\.rq$", "");
            String text = Interop.read(q);
            boolean ordered = QueryFactory.create(text, Syntax.syntaxARQ).hasOrderBy();
            HttpResponse<String> r = Interop.post(endpoint, text, "application/sparql-results+json");
            assertEquals(200, r.statusCode(), name + ": " + r.body());
            List<String> ours = Interop.keys(Interop.json(r.body()));
            union.put(name, compare(name, "union", ours, ordered, details));
            merged.put(name, compare(name, "merged", ours, ordered, details));
        }
        String report = report(union, merged) + details;
        Files.writeString(Interop.WORK.resolve("portability-report.txt"), report);
        System.out.println(report);

        List<String> problems = new ArrayList<>();
        union.forEach((q, v) -> {
            if (!v.equals("same"))
                problems.add(q + " differs on Oxigraph with use_default_graph_as_union (a multiset union): " + v);
        });
        merged.forEach((q, v) -> {
            if (!v.equals("same"))
                problems.add(q + " differs on Oxigraph with the merged default graph: " + v);
        });
        if (!problems.isEmpty())
            fail(String.join("\n", problems) + "\n\n" + report);
    }

    static boolean sameRows(List<String> ours, List<String> theirs, boolean ordered) {
        return ordered ? ours.equals(theirs) : Interop.sorted(ours).equals(Interop.sorted(theirs));
    }

    /** "same", or what differs, for one query in one mode. */
    static String compare(String name, String mode, List<String> ours, boolean ordered, StringBuilder details) {
        String status = mode.equals("union") ? unionRun.get("queries").getAsObject().get(name).getAsString().value()
                                             : mergedRun.get("queries").getAsObject().get(name).getAsString().value();
        if (!status.equals("ok"))
            return "Oxigraph failed: " + status;
        List<String> theirs = Interop.keys(Interop.json(Interop.read(OUT.resolve(mode).resolve(name + ".srj"))));
        if (sameRows(ours, theirs, ordered))
            return "same";
        boolean sameSet = new HashSet<>(ours).equals(new HashSet<>(theirs));
        List<String> missing = new ArrayList<>(ours), extra = new ArrayList<>(theirs);
        theirs.forEach(missing::remove);
        ours.forEach(extra::remove);
        details.append("\n").append(name).append(" (").append(mode).append("): ").append(ours.size()).append(" rows here, ")
                .append(theirs.size()).append(" on Oxigraph\n");
        missing.stream().limit(5).forEach(k -> details.append("  only here:     ").append(k).append('\n'));
        extra.stream().limit(5).forEach(k -> details.append("  only Oxigraph: ").append(k).append('\n'));
        if (missing.isEmpty() && extra.isEmpty())
            return "differ: same rows in a different order";
        return sameSet ? "differ: same rows as a set, " + theirs.size() + " rows instead of " + ours.size()
                       : "differ: " + missing.size() + " rows only here, " + extra.size() + " only on Oxigraph";
    }

    static String report(Map<String, String> union, Map<String, String> merged) {
        StringBuilder sb = new StringBuilder("Portability of queries/ (without text:query) to Oxigraph 0.5\n");
        for (var m : List.of(Map.entry("use_default_graph_as_union", union), Map.entry("merged default graph", merged))) {
            long same = m.getValue().values().stream().filter(v -> v.equals("same")).count();
            sb.append(String.format("%-28s %d same, %d differ%n", m.getKey() + ":", same, m.getValue().size() - same));
        }
        sb.append('\n');
        for (String q : union.keySet())
            sb.append(String.format("%-32s union: %s; merged: %s%n", q, union.get(q), merged.get(q)));
        return sb.toString();
    }
}
