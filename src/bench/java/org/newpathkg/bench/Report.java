package org.newpathkg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one benchmark run measured: collected as it goes, written as {@code report.md} (tables,
 * the ratios side by side and the goals met or missed) and {@code results.csv} (every figure).
 */
final class Report {
    /** Servers in the order of the tables. */
    static final List<String> ORDER = List.of("plain", "virtuoso", "service", "cache", "static");
    /** Goals of issue 17, as ratios in one run. */
    static final double UNCACHED_OVER_PEERS = 1.5, STATIC_OVER_CACHED = 4, SLOWEST_QUERY_MS = 1000;

    String command = "";
    int queryPasses;
    boolean queryWarmup = true;
    String machine = "";
    Instant started = Instant.now();
    private final List<String> csv = new ArrayList<>(List.of("size,section,config,clients,metric,value"));
    private final Map<String, List<String>> tables = new LinkedHashMap<>();
    private final StringBuilder notes = new StringBuilder();
    /** size → clients → server → throughput, p50, p99 of each round. */
    private final Map<String, Map<Integer, Map<String, List<LoadGenerator.Result>>>> load = new LinkedHashMap<>();
    /** size → query → server → ms (negative: not run or failed). */
    private final Map<String, Map<String, Map<String, Double>>> queries = new LinkedHashMap<>();
    /** size → phase → seconds: where the run's time went. */
    private final Map<String, Map<String, Double>> phases = new LinkedHashMap<>();
    /** size → load averages at its start and end. */
    private final Map<String, String[]> loadAverages = new LinkedHashMap<>();

    void note(String s) {
        notes.append("- ").append(s).append('\n');
    }

    void jarStartup(String jar, int runs, double port, double query, double page, double pageAlone, double cpu, List<String> each) {
        csv("essay", "startup-jar", jar, 0, "port_s", port);
        csv("essay", "startup-jar", jar, 0, "first_query_s", query);
        csv("essay", "startup-jar", jar, 0, "first_page_s", page);
        csv("essay", "startup-jar", jar, 0, "page_asked_first_s", pageAlone);
        csv("essay", "startup-jar", jar, 0, "cpu_to_first_page_s", cpu);
        row("jar", String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |", jar, runs, port, query, page, pageAlone, cpu,
                String.join(", ", each)));
    }

    void corpus(String label, CorpusGenerator.Result r, boolean validated) {
        csv(label, "corpus", "copies", 0, "n", r.copies());
        csv(label, "corpus", "asserted", 0, "n", r.asserted());
        row("corpus", String.format(Locale.ROOT, "| %s | %d | %,d | %s |", label, r.copies(), r.asserted(),
                validated ? "yes, every check, quotations against the essay" : "no (--skip-validation)"));
    }

    void startup(String label, Bench.Startup s) {
        csv(label, "startup-data", "serve", 0, "wall_s", s.wallS());
        csv(label, "startup-data", "serve", 0, "cpu_s", s.cpuS());
        csv(label, "startup-data", "serve", 0, "quads", s.quads());
        csv(label, "startup-data", "serve", 0, "parse_ms", s.parse());
        csv(label, "startup-data", "serve", 0, "validate_ms", s.validate());
        csv(label, "startup-data", "serve", 0, "infer_ms", s.infer());
        csv(label, "startup-data", "serve", 0, "index_ms", s.index());
        csv(label, "startup-data", "serve", 0, "peak_rss_mb", s.peakRssMb());
        row("startup", String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %s | %s | %s | %s | %d |", label, s.quads(), s.wallS(), s.cpuS(),
                ms(s.parse()), ms(s.validate()), ms(s.infer()), ms(s.index()), s.peakRssMb()));
    }

    void phase(String label, String phase, double seconds) {
        phases.computeIfAbsent(label, k -> new LinkedHashMap<>()).merge(phase, seconds, Double::sum);
        csv(label, "phase", phase.replace(',', ';'), 0, "s", seconds);
    }

    void loadAverage(String label, String before, String after) {
        loadAverages.put(label, new String[] {before, after});
    }

    void virtuoso(String label, double start, double loadS) {
        csv(label, "startup-virtuoso", "virtuoso", 0, "start_s", start);
        csv(label, "startup-virtuoso", "virtuoso", 0, "load_s", loadS);
        row("virtuoso", String.format(Locale.ROOT, "| %s | %.1f | %.1f |", label, start, loadS));
    }

    void queries(String label, List<String> names, Map<String, long[]> times) {
        Map<String, Map<String, Double>> m = queries.computeIfAbsent(label, k -> new LinkedHashMap<>());
        for (int i = 0; i < names.size(); i++) {
            for (var e : times.entrySet()) {
                double ms = e.getValue()[i] < 0 ? e.getValue()[i] : e.getValue()[i] / 1000.0;
                m.computeIfAbsent(names.get(i), k -> new LinkedHashMap<>()).put(e.getKey(), ms);
                csv(label, "query", names.get(i) + "/" + e.getKey(), 1, "ms", ms);
            }
        }
    }

    void mix(String label, List<String> mix, List<String> left) {
        row("mix", String.format(Locale.ROOT, "| %s | %d | %s |", label, mix.size(), left.isEmpty() ? "none" : String.join("; ", left)));
    }

    void load(String label, String server, int clients, int round, LoadGenerator.Result r) {
        load.computeIfAbsent(label, k -> new TreeMap<>()).computeIfAbsent(clients, k -> new LinkedHashMap<>())
            .computeIfAbsent(server, k -> new ArrayList<>()).add(r);
        String cfg = server + "/round" + round;
        csv(label, "closed", cfg, clients, "throughput_qps", r.throughput());
        csv(label, "closed", cfg, clients, "p50_ms", r.p50us() / 1000.0);
        csv(label, "closed", cfg, clients, "p99_ms", r.p99us() / 1000.0);
        csv(label, "closed", cfg, clients, "errors", r.errors());
    }

    /** Median over the rounds of one figure. */
    private static double med(List<LoadGenerator.Result> rs, java.util.function.ToDoubleFunction<LoadGenerator.Result> f) {
        return Bench.median(rs.stream().mapToDouble(f).toArray());
    }

    void write(Path out, String machineLoad) throws IOException {
        StringBuilder md = new StringBuilder("# newpath-kg benchmark\n\n");
        md.append("Run ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" to ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
          .append(", command `").append(command).append("`\n\n```\n").append(machine).append("```\n\n");

        md.append("## Start-up of the packaged jar\n\nSeconds from launching `java -jar newpath-kg.jar serve --port 0` to its port line, ")
          .append("to the answer of the first query (`queries/00-overview.rq`, form POST) and to the first page (`/`); medians; ")
          .append("the server's CPU seconds (user + system, all threads) to the first page; each run as query/page/page asked first. ")
          .append("\"Page asked first\" is a start-up of its own whose first request is the page, as a visitor's would be; ")
          .append("\"first page\" is asked after the first query has been answered. A first round of each jar is not counted ")
          .append("(the benchmark's own client runs cold in it); then the jars alternate, and so does which one starts first.\n\n")
          .append("| jar | runs | port line | first query | first page, after the query | page asked first | CPU to first page | runs (query/page/page first) |\n|---|---|---|---|---|---|---|---|\n");
        table(md, "jar");

        md.append("\n## Corpora\n\nThe real data and whole copies of it under fresh IRIs (`CorpusGenerator`).\n\n")
          .append("| size | copies | asserted triples | validated |\n|---|---|---|---|\n");
        table(md, "corpus");
        md.append("\n## Where the run's time went (s)\n\nThe machine's load average (1, 5, 15 min) at the start and end of each size: other work on the machine "
                + "slows every server alike, so only ratios inside one size are compared.\n\n| size | phase | s |\n|---|---|---|\n");
        for (var bySize : phases.entrySet()) {
            double sum = 0;
            for (var p : bySize.getValue().entrySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f |\n", bySize.getKey(), p.getKey(), p.getValue()));
                sum += p.getValue();
            }
            String[] la = loadAverages.get(bySize.getKey());
            md.append(String.format(Locale.ROOT, "| %s | **all of it**%s | **%.1f** |\n", bySize.getKey(),
                    la == null ? "" : " (load average " + la[0] + " at the start, " + la[1] + " at the end)", sum));
        }
        md.append(String.format(Locale.ROOT, "\nThe whole run: %.1f min.\n", java.time.Duration.between(started, Instant.now()).toMillis() / 60000.0));
        md.append("\n## Loading each corpus (the bench server's `Pipeline.load`: the stages of `serve --data`, into a private TDB2 store on disk; ms)\n\n")
          .append("| size | quads | wall s | CPU s | parse | validate | infer | index | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|\n");
        table(md, "startup");
        if (tables.containsKey("virtuoso")) {
            md.append("\nVirtuoso: start of a fresh instance and bulk load of the same dataset's N-Quads (s)\n\n| size | start | load |\n|---|---|---|\n");
            table(md, "virtuoso");
        }

        md.append("\n## Closed loop, library queries without full text, form POST\n\nMedians over ").append(rounds())
          .append(" rounds (the order of the servers rotates each round). `plain`: an embedded Fuseki 5.6.0 with the dataset and nothing else; ")
          .append("`virtuoso`: Virtuoso 7.2 loaded with the same quads; `service`: this service, cache off; `cache`: cache on; ")
          .append("`static`: the cache's answers as files served by Jetty's ResourceHandler.\n\n")
          .append("| size | server | clients | q/s | p50 ms | p99 ms | errors | q/s each round |\n|---|---|---|---|---|---|---|---|\n");
        for (var bySize : load.entrySet())
            for (var byClients : bySize.getValue().entrySet())
                for (String server : ORDER) {
                    List<LoadGenerator.Result> rs = byClients.getValue().get(server);
                    if (rs == null)
                        continue;
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.2f | %.2f | %d | %s |\n", bySize.getKey(), server, byClients.getKey(),
                            med(rs, LoadGenerator.Result::throughput), med(rs, r -> r.p50us() / 1000.0), med(rs, r -> r.p99us() / 1000.0),
                            rs.stream().mapToLong(LoadGenerator.Result::errors).sum(),
                            String.join(" ", rs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.throughput())).toList())));
                }
        List<String> errorLines = new ArrayList<>();
        for (var bySize : load.entrySet())
            for (var byClients : bySize.getValue().entrySet())
                for (String server : ORDER) {
                    List<LoadGenerator.Result> rs = byClients.getValue().get(server);
                    for (int i = 0; rs != null && i < rs.size(); i++)
                        if (rs.get(i).errors() > 0)
                            errorLines.add(String.format(Locale.ROOT, "- %s, %s, %d clients, round %d: %s\n", bySize.getKey(), server,
                                    byClients.getKey(), i + 1, rs.get(i).errorKinds()));
                }
        if (!errorLines.isEmpty())
            md.append("\nErrors (an answer other than 200, or the exception the client got):\n\n").append(String.join("", errorLines));
        md.append("\n### Mix\n\n| size | queries | left out (and which server could not run them) |\n|---|---|---|\n");
        table(md, "mix");

        md.append("\n## Ratios and goals (same run, medians of the rounds)\n\n")
          .append("| size | clients | service ÷ plain | service ÷ virtuoso | cache ÷ service | static ÷ cache |\n|---|---|---|---|---|---|\n");
        List<String> goals = new ArrayList<>();
        for (var bySize : load.entrySet())
            for (var byClients : bySize.getValue().entrySet()) {
                Map<String, Double> q = new LinkedHashMap<>();
                byClients.getValue().forEach((k, v) -> q.put(k, med(v, LoadGenerator.Result::throughput)));
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |\n", bySize.getKey(), byClients.getKey(),
                        ratio(q, "service", "plain"), ratio(q, "service", "virtuoso"), ratio(q, "cache", "service"), ratio(q, "static", "cache")));
                if (byClients.getKey() != maxClients(bySize.getValue()))
                    continue;
                String size = bySize.getKey();
                for (String peer : List.of("plain", "virtuoso"))
                    if (q.containsKey(peer) && q.containsKey("service"))
                        goals.add(goal(q.get("service") / q.get(peer) >= UNCACHED_OVER_PEERS, String.format(Locale.ROOT,
                                "%s, %d clients: uncached ≥ %.1f× %s: %.2f×", size, byClients.getKey(), UNCACHED_OVER_PEERS, peer,
                                q.get("service") / q.get(peer))));
                if (q.containsKey("static") && q.containsKey("cache"))
                    goals.add(goal(q.get("static") / q.get("cache") <= STATIC_OVER_CACHED, String.format(Locale.ROOT,
                            "%s, %d clients: cached within %.0f× of a static file: static is %.2f× cached", size, byClients.getKey(),
                            STATIC_OVER_CACHED, q.get("static") / q.get("cache"))));
            }
        for (var bySize : queries.entrySet()) {
            List<String> slow = new ArrayList<>();
            double worst = 0;
            String worstName = "";
            for (var q : bySize.getValue().entrySet()) {
                Double ms = q.getValue().get("service");
                if (ms == null)
                    continue;
                if (ms < 0 || ms >= SLOWEST_QUERY_MS)
                    slow.add(q.getKey() + (ms < 0 ? " (" + LoadGenerator.failure(ms.longValue()) + ")" : String.format(Locale.ROOT, " (%.0f ms)", ms)));
                if (ms > worst) {
                    worst = ms;
                    worstName = q.getKey();
                }
            }
            goals.add(goal(slow.isEmpty(), String.format(Locale.ROOT, "%s: every library query under %.0f s uncached (slowest %s, %.0f ms)%s",
                    bySize.getKey(), SLOWEST_QUERY_MS / 1000, worstName, worst, slow.isEmpty() ? "" : ": over it " + String.join(", ", slow))));
        }
        md.append('\n');
        goals.forEach(g -> md.append("- ").append(g).append('\n'));

        md.append("\n## Each library query alone, one client: median of " + queryPasses + " passes" + (queryWarmup ? " after a warm-up pass" : ", no warm-up pass") + " (ms; uncached; — full text, not asked of the peers; ERR an error; TIMEOUT no answer within the limit)\n\n");
        for (var bySize : queries.entrySet()) {
            md.append("\n### ").append(bySize.getKey()).append("\n\n| query | plain | virtuoso | service |\n|---|---|---|---|\n");
            for (var q : bySize.getValue().entrySet())
                md.append("| ").append(q.getKey()).append(" | ").append(cell(q.getValue().get("plain"))).append(" | ")
                  .append(cell(q.getValue().get("virtuoso"))).append(" | ").append(cell(q.getValue().get("service"))).append(" |\n");
        }
        if (notes.length() > 0)
            md.append("\n## Notes\n\n").append(notes);
        md.append("\n```\n").append(machineLoad).append("```\n");
        Files.writeString(out.resolve("report.md"), md.toString());
        Files.write(out.resolve("results.csv"), csv);
    }

    private int rounds() {
        return load.values().stream().flatMap(m -> m.values().stream()).flatMap(m -> m.values().stream()).mapToInt(List::size).max().orElse(0);
    }

    private static int maxClients(Map<Integer, ?> byClients) {
        return byClients.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static String goal(boolean met, String what) {
        return (met ? "**met**: " : "**missed**: ") + what;
    }

    private static String ratio(Map<String, Double> q, String a, String b) {
        return q.containsKey(a) && q.containsKey(b) ? String.format(Locale.ROOT, "%.2f×", q.get(a) / q.get(b)) : "—";
    }

    private static String cell(Double ms) {
        if (ms == null)
            return "";
        if (ms == LoadGenerator.FULL_TEXT)
            return "—";
        if (ms == LoadGenerator.TIMEOUT)
            return "TIMEOUT";
        return ms < 0 ? "ERR" : String.format(Locale.ROOT, "%.1f", ms);
    }

    private void table(StringBuilder md, String name) {
        tables.getOrDefault(name, List.of()).forEach(l -> md.append(l).append('\n'));
    }

    private void row(String table, String line) {
        tables.computeIfAbsent(table, k -> new ArrayList<>()).add(line);
    }

    private void csv(String size, String section, String config, int c, String metric, double v) {
        csv.add(String.join(",", size, section, config.replace(',', ';'), Integer.toString(c), metric,
                v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)));
    }

    private static String ms(long v) {
        return v < 0 ? "" : Long.toString(v);
    }
}
