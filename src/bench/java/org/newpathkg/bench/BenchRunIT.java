package org.newpathkg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The benchmark itself, end to end at the smallest size, so it cannot rot between the runs that
 * measure: the packaged jar's start-up, the essay loaded by the bench server, every library query
 * asked of every server, a short closed-loop round of each, and the report written. Nothing here
 * is timed against a bound: it asserts that every server answered, without errors, and that the
 * report holds each part. Virtuoso takes part when it is installed on the machine (the test never
 * installs it).
 */
class BenchRunIT {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void aSmallRunMeasuresEveryServerAndWritesTheReport(@TempDir Path tmp) throws Exception {
        boolean virtuoso = onPath("virtuoso-t") && onPath("isql-vt") && Files.isRegularFile(Virtuoso.INI);
        List<String> args = new ArrayList<>(List.of("--jar", ROOT.resolve("target/newpath-kg.jar").toString(),
                "--out", tmp.resolve("out").toString(), "--corpus", tmp.resolve("corpus").toString(), "--from", ROOT.toString(),
                "--sizes", "10k", "--seconds", "0.5", "--rounds", "1", "--clients", "2", "--query-passes", "1",
                "--startup-runs", "1", "--startup-pause", "0", "--heap", "1g", "--startup-minutes", "10", "--query-timeout", "60"));
        if (!virtuoso)
            args.add("--no-virtuoso");
        Bench bench = new Bench();
        assertEquals(0, new CommandLine(bench).execute(args.toArray(String[]::new)), "the run completed");

        String report = Files.readString(tmp.resolve("out/report.md"));
        List<String> csv = Files.readAllLines(tmp.resolve("out/results.csv"));
        List<String> servers = new ArrayList<>(List.of("plain", "service", "cache", "static"));
        if (virtuoso)
            servers.add("virtuoso");
        for (String server : servers) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("essay,closed," + server + "/round1,2,throughput_qps,")),
                    server + " was measured in the closed loop: " + csv);
            assertTrue(csv.contains("essay,closed," + server + "/round1,2,errors,0"), server + " answered every request of the mix");
        }
        try (var queries = Files.list(ROOT.resolve("queries"))) {
            for (Path q : queries.filter(p -> p.toString().endsWith(".rq")).toList()) {
                String name = q.getFileName().toString();
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("essay,query," + name + "/service,")), name + " was timed on the service");
                assertTrue(report.contains("| " + name + " | "), name + " is in the per-query table");
            }
        }
        assertTrue(csv.stream().noneMatch(l -> l.matches("essay,query,[^,]*/service,1,ms,-.*")), "the service answered every library query");
        for (String part : List.of("## Start-up of the packaged jar", "## Where the run's time went", "## Loading each corpus",
                "## Closed loop", "## Ratios and goals", "## Each library query alone"))
            assertTrue(report.contains(part), "the report has " + part + ":\n" + report);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)))
                return true;
        return false;
    }
}
