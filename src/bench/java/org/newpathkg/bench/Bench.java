package org.newpathkg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: one command measures, side by side on this machine, at each corpus size,
 * <ol>
 * <li>start-up: wall time from launching {@code java -jar newpath-kg.jar serve} to its port line,
 *     the time of each phase, the TDB2 bulk-load rate and the process's peak resident memory,
 *     in memory and with {@code --tdb2} (first start builds the database, second reuses it);</li>
 * <li>query throughput and latency over HTTP for the analyst query mix ({@code queries/*.rq}):
 *     this service without and with the result cache against a plain {@code FusekiServer} over
 *     the same dataset in the same JVM ({@link BenchServer}), alternating A B C in every round,
 *     at 1, 4 and 16 clients; first closed-loop (throughput), then open-loop at a fixed rate with
 *     latency counted from when each request was due ({@link LoadGenerator});</li>
 * <li>{@code text:query} against {@code FILTER(CONTAINS)} and {@code FILTER(REGEX)} for the same
 *     searches, alternating, median of several runs;</li>
 * <li>the query mix run once in turn against the in-memory store and the reopened TDB2 store
 *     (first pass cold, second warm).</li>
 * </ol>
 * Writes {@code report.md} and {@code results.csv} to the output folder. Every server runs on
 * loopback in a child JVM and every run is bounded in time.
 *
 * <pre>
 * src/bench/bench.sh --sizes 10k,100k,1M --big 10M     # builds the jar and the bench classes, then runs this
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure start-up, throughput, latency and text search side by side; see src/bench/bench.sh.")
public final class Bench implements Callable<Integer> {
    static final String ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
    /**
     * Searches for the text/regex comparison, words of the essay as phrases: first frequent ones
     * (each in 4-13% of generated passages, so any method must touch a fair share of the corpus),
     * then selective ones, as an analyst looking for a name or a weapon system types them (each in
     * 0.2-0.7% of passages: 戦術核, 習近平 and 核実験 are in one or two of the essay's 870 clauses).
     * An index is for the second kind; the table shows both.
     */
    static final List<String> SEARCHES = List.of("新冷戦", "制裁", "国防", "ミサイル", "首脳会談",
            "戦術核", "習近平", "核実験", "偵察衛星", "専門家パネル");
    /** Names searched in the Japanese labels (persons, events): each in 0.5-0.7% of the essay's 579 ja labels. */
    static final List<String> LABEL_SEARCHES = List.of("ショイグ", "習近平", "プーチン", "文在寅", "崔善姫");

    @Option(names = "--jar", paramLabel = "FILE", description = "the packaged service (default: ${DEFAULT-VALUE})")
    Path jar = Path.of("target/newpath-kg.jar");

    @Option(names = "--out", paramLabel = "DIR", description = "where report.md and results.csv go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("target/bench");

    @Option(names = "--corpus", paramLabel = "DIR", description = "where generated corpora are kept between runs (default: ${DEFAULT-VALUE})")
    Path corpusRoot = Path.of("target/corpus");

    @Option(names = "--from", paramLabel = "DIR", description = "the real project the corpora are generated from (default: ${DEFAULT-VALUE})")
    Path project = Path.of(".");

    @Option(names = "--sizes", paramLabel = "SIZE", split = ",", converter = Size.class,
            description = "corpus sizes in asserted triples, e.g. 10k,100k,1M; none: only the packaged essay (default: ${DEFAULT-VALUE})")
    List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);

    @Option(names = "--big", paramLabel = "SIZE", converter = Size.class,
            description = "one larger corpus, TDB2 only, bulk-loaded, not validated; none: skip (default: none)")
    long big = 0;

    @Option(names = "--big-minutes", paramLabel = "MIN", description = "time limit of each start-up of the big corpus (default: ${DEFAULT-VALUE})")
    long bigMinutes = 45;

    @Option(names = "--heap", paramLabel = "SIZE", description = "-Xmx of each server JVM (default: ${DEFAULT-VALUE})")
    String heap = "12g";

    @Option(names = "--seconds", paramLabel = "SEC", description = "length of each load phase (default: ${DEFAULT-VALUE})")
    double seconds = 5;

    @Option(names = "--rounds", paramLabel = "N", description = "rounds of the A B C comparison (default: ${DEFAULT-VALUE})")
    int rounds = 2;

    @Option(names = "--clients", paramLabel = "N", split = ",", description = "client counts (default: ${DEFAULT-VALUE})")
    int[] clients = {1, 4, 16};

    @Option(names = "--rate", paramLabel = "QPS", description = "highest fixed rate offered in the open-loop phase (default: ${DEFAULT-VALUE})")
    double rate = 500;

    @Option(names = "--validate-max", paramLabel = "SIZE", converter = Size.class,
            description = "validate corpora up to this size; larger ones start with --skip-validation (default: 100k)")
    long validateMax = 100_000;

    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private final List<String> csv = new ArrayList<>();
    private final StringBuilder notes = new StringBuilder();

    /** Entry point; {@code --help} lists the options. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        jar = jar.toAbsolutePath();
        out = out.toAbsolutePath();
        corpusRoot = corpusRoot.toAbsolutePath();
        project = project.toAbsolutePath();
        // Servers are child JVMs: if the benchmark is stopped, they stop too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        Files.createDirectories(out);
        csv.add("size,section,config,clients,metric,value");
        String machine = machine();
        System.out.println(machine);
        // The essay as shipped: the jar opens the database mvn package built for it.
        for (int run = 1; run <= 2; run++)
            record("essay", "startup-packaged", "run" + run, startup(null, null, List.of()));
        for (long s : sizes)
            if (s > 0)
                size(s);
        if (big > 0)
            big(big, bigMinutes);
        write(machine);
        return 0;
    }

    private Path corpus(long size) throws IOException {
        Path dir = corpusRoot.resolve(Size.label(size));
        Path done = dir.resolve("GENERATED");
        if (!Files.isRegularFile(done)) {
            long t0 = System.nanoTime();
            CorpusGenerator.Result r = CorpusGenerator.generate(project, dir, size, 20240618);
            Files.writeString(done, r.essays() + " essays, " + r.asserted() + " asserted triples\n");
            log("generated %s: %d essays, %d asserted triples in %.1f s", dir, r.essays(), r.asserted(), (System.nanoTime() - t0) / 1e9);
        }
        return dir;
    }

    private void size(long size) throws Exception {
        String label = Size.label(size);
        Path data = corpus(size);
        boolean validate = size <= validateMax;
        List<String> extra = validate ? List.of() : List.of("--skip-validation");

        // Start-up, in memory, twice (the second run is the one reported if the first was a cold disk cache).
        for (int run = 1; run <= 2; run++) {
            Startup s = startup(data, null, extra);
            record(label, "startup-memory", "run" + run, s);
        }
        Path db = out.resolve("tdb2-" + label);
        CorpusGenerator.deleteTree(db);
        record(label, "startup-tdb2-build", "run1", startup(data, db, extra));
        record(label, "startup-tdb2-reuse", "run1", startup(data, db, extra));

        List<String> mix = mix(data);
        try (Child server = Child.start(jar, heap, "org.newpathkg.bench.BenchServer", List.of("--data", data.toString()), extra)) {
            Map<String, String> eps = endpoints(server);
            LoadGenerator gen = new LoadGenerator(mix, ACCEPT);
            for (String name : eps.keySet())   // warm-up: JIT and caches, not measured
                gen.closed(eps.get(name), 4, Math.max(2, seconds), 99);
            for (int round = 1; round <= rounds; round++) {
                for (int c : clients) {
                    Map<String, LoadGenerator.Result> closed = new LinkedHashMap<>();
                    for (String name : eps.keySet()) {
                        LoadGenerator.Result r = gen.closed(eps.get(name), c, seconds, round * 100 + c);
                        closed.put(name, r);
                        load(label, "closed", name, c, round, r);
                    }
                    double offered = Math.min(rate, 0.75 * closed.get("plain").throughput());
                    for (String name : eps.keySet()) {
                        LoadGenerator.Result r = gen.open(eps.get(name), c, offered, seconds, round * 100 + c);
                        load(label, "open@" + Math.round(offered), name, c, round, r);
                    }
                }
            }
            textVsRegex(label, gen, eps.get("service"));
            sequentialPass(label, "memory", gen, eps.get("service"), mix);
        }
        tdb2Passes(label, data, db, extra, mix, false);
        CorpusGenerator.deleteTree(db);
    }

    /** The query mix once cold and once warm against the reopened TDB2 store in {@code db}; then text/regex if asked. */
    private void tdb2Passes(String label, Path data, Path db, List<String> extra, List<String> mix, boolean text) throws Exception {
        try (Child server = Child.start(jar, heap, "org.newpathkg.bench.BenchServer",
                List.of("--data", data.toString(), "--tdb2", db.toString()), extra)) {
            String service = endpoints(server).get("service");
            LoadGenerator gen = new LoadGenerator(mix, ACCEPT);
            sequentialPass(label, "tdb2-cold", gen, service, mix);
            sequentialPass(label, "tdb2-warm", gen, service, mix);
            if (text)
                textVsRegex(label, gen, service);
        }
    }

    /** The largest size: TDB2 only, bulk-loaded, validation skipped; bounded in time. */
    private void big(long size, long minutes) throws Exception {
        String label = Size.label(size);
        Path data = corpus(size);
        Path db = out.resolve("tdb2-" + label);
        CorpusGenerator.deleteTree(db);
        List<String> extra = List.of("--skip-validation");
        Startup s = startup(data, db, extra, minutes);
        record(label, "startup-tdb2-build", "run1", s);
        if (s.ok()) {
            Startup reuse = startup(data, db, extra, minutes);
            record(label, "startup-tdb2-reuse", "run1", reuse);
            tdb2Passes(label, data, db, extra, mix(data), true);
        }
        CorpusGenerator.deleteTree(db);
    }

    /** What one start-up took. */
    record Startup(boolean ok, double wallS, double cpuS, long quads, long parse, long validate, long infer, long index,
                   long reusedOpenMs, long loadRate, long peakRssMb, String error) {}

    private Startup startup(Path data, Path db, List<String> extra) throws Exception {
        return startup(data, db, extra, 30);
    }

    private Startup startup(Path data, Path db, List<String> extra, long minutes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + heap, "-jar", jar.toString(), "serve", "--port", "0",
                "--cache-mb", "0"));
        if (data != null)   // null: the jar's packaged essay, as `java -jar newpath-kg.jar` serves it
            cmd.addAll(List.of("--data", data.toString()));
        if (db != null)
            cmd.addAll(List.of("--tdb2", db.toString()));
        cmd.addAll(extra);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<String> port = new CompletableFuture<>();
        StringBuilder err = new StringBuilder();
        Thread so = drain(p.getInputStream(), line -> {
            if (line.startsWith("port "))
                port.complete(line.substring(5).strip());
        });
        Thread se = drain(p.getErrorStream(), line -> {
            synchronized (err) {
                if (err.length() < 200_000)
                    err.append(line).append('\n');
            }
        });
        String portNo = null;
        try {
            portNo = port.get(minutes, TimeUnit.MINUTES);
        } catch (Exception e) {
            // timed out or died: reported below
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long rss = peakRssMb(p.pid());
        double cpu = cpuSeconds(p.pid());
        JsonObject figures = null;
        String statsError = null;
        if (portNo != null) {
            try {
                figures = startupFigures("http://127.0.0.1:" + portNo + "/$/stats");
            } catch (IOException | RuntimeException e) {
                statsError = "no start-up figures in /$/stats: " + e.getMessage();
            }
        }
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS))
            p.destroyForcibly();
        so.join(5000);
        se.join(5000);
        if (portNo == null || figures == null) {
            String last;
            synchronized (err) {
                last = statsError != null ? statsError : err.toString().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
            }
            log("start-up failed or exceeded %d min: %s", minutes, last);
            return new Startup(false, wall, cpu, 0, -1, -1, -1, -1, -1, -1, rss, last);
        }
        boolean reused = figures.get("reused").getAsBoolean().value();
        return new Startup(true, wall, cpu, figure(figures, "quads"), figure(figures, "parseMs"), figure(figures, "validateMs"),
                figure(figures, "inferMs"), figure(figures, "indexMs"), reused ? figure(figures, "openMs") : -1,
                figure(figures, "loaderQuadsPerSecond"), rss, null);
    }

    /** The {@code "startup"} object of the server's {@code /$/stats} JSON. */
    static JsonObject startupFigures(String statsUrl) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(statsUrl))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200)
            throw new IOException("HTTP " + r.statusCode());
        return JSON.parse(r.body()).get("startup").getAsObject();
    }

    /** A number from the start-up figures; -1 when the server did not report it (e.g. parse time of a reused database). */
    static long figure(JsonObject figures, String name) {
        return figures.hasKey(name) ? figures.get(name).getAsNumber().value().longValue() : -1;
    }

    private void record(String size, String what, String run, Startup s) {
        csv(size, what, run, 0, "ok", s.ok() ? 1 : 0);
        csv(size, what, run, 0, "wall_s", s.wallS());
        csv(size, what, run, 0, "cpu_s", s.cpuS());
        csv(size, what, run, 0, "quads", s.quads());
        csv(size, what, run, 0, "parse_ms", s.parse());
        csv(size, what, run, 0, "validate_ms", s.validate());
        csv(size, what, run, 0, "infer_ms", s.infer());
        csv(size, what, run, 0, "index_ms", s.index());
        csv(size, what, run, 0, "reuse_open_ms", s.reusedOpenMs());
        csv(size, what, run, 0, "tdb2_load_quads_per_s", s.loadRate());
        csv(size, what, run, 0, "peak_rss_mb", s.peakRssMb());
        row("Start-up", String.format("| %s | %s %s | %s | %.2f | %.2f | %s | %s | %s | %s | %s | %s | %s |", size, what, run,
                s.ok() ? String.format("%,d", s.quads()) : "FAILED: " + s.error(), s.wallS(), s.cpuS(), ms(s.parse()), ms(s.validate()),
                ms(s.infer()), ms(s.index()), ms(s.reusedOpenMs()), s.loadRate() < 0 ? "" : String.format("%,d", s.loadRate()),
                s.peakRssMb()));
        log("%s %s %s: %.2f s %s", size, what, run, s.wallS(), s);
    }

    private void load(String size, String model, String server, int c, int round, LoadGenerator.Result r) {
        String cfg = model + "/" + server;
        csv(size, "http-" + model, server + "/round" + round, c, "throughput_qps", r.throughput());
        csv(size, "http-" + model, server + "/round" + round, c, "p50_ms", r.p50us() / 1000.0);
        csv(size, "http-" + model, server + "/round" + round, c, "p99_ms", r.p99us() / 1000.0);
        csv(size, "http-" + model, server + "/round" + round, c, "errors", r.errors());
        csv(size, "http-" + model, server + "/round" + round, c, "cache_hits", r.cacheHits());
        row("HTTP", String.format("| %s | %s | %s | %d | %d | %.0f | %.2f | %.2f | %d | %d |", size, model, server, c, round,
                r.throughput(), r.p50us() / 1000.0, r.p99us() / 1000.0, r.errors(), r.cacheHits()));
        log("%s %s c=%d round %d: %s", size, cfg, c, round, r.brief());
    }

    private void textVsRegex(String size, LoadGenerator gen, String ep) throws Exception {
        textVsRegex(size, gen, ep, "oa:exact", "", SEARCHES);
        textVsRegex(size, gen, ep, "rdfs:label", "label ", LABEL_SEARCHES);
    }

    /** Each search on one property: {@code text:query} against FILTER CONTAINS and REGEX over that property's values. */
    private void textVsRegex(String size, LoadGenerator gen, String ep, String property, String tag, List<String> terms) throws Exception {
        String p = "PREFIX text: <http://jena.apache.org/text#> PREFIX oa: <http://www.w3.org/ns/oa#> "
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";
        long values = count(gen, ep, p + "SELECT (COUNT(*) AS ?n) { ?s " + property + " ?e FILTER(LANG(?e) = \"ja\") }");
        for (String search : terms) {
            String term = search;
            String text = p + "SELECT (COUNT(*) AS ?n) { (?s ?score) text:query (" + property + " \"\\\"" + term + "\\\"\" \"lang:ja\" 1000000) }";
            String contains = p + "SELECT (COUNT(*) AS ?n) { ?s " + property + " ?e FILTER(CONTAINS(STR(?e), \"" + term + "\")) }";
            String regex = p + "SELECT (COUNT(*) AS ?n) { ?s " + property + " ?e FILTER(REGEX(?e, \"" + term + "\")) }";
            long nText = count(gen, ep, text), nContains = count(gen, ep, contains), nRegex = count(gen, ep, regex);
            long[][] t = new long[3][5];
            for (int i = 0; i < 5; i++) {
                t[0][i] = gen.once(ep, text);
                t[1][i] = gen.once(ep, contains);
                t[2][i] = gen.once(ep, regex);
            }
            double mt = median(t[0]) / 1000.0, mc = median(t[1]) / 1000.0, mr = median(t[2]) / 1000.0;
            term = tag + search;
            csv(size, "text-vs-regex", term, 1, "text_ms", mt);
            csv(size, "text-vs-regex", term, 1, "contains_ms", mc);
            csv(size, "text-vs-regex", term, 1, "regex_ms", mr);
            csv(size, "text-vs-regex", term, 1, "text_hits", nText);
            csv(size, "text-vs-regex", term, 1, "contains_hits", nContains);
            row("Text", String.format("| %s | %s | %d | %.2f%% | %d | %.2f | %.2f | %.2f | %.0f× | %.0f× |", size, term, nText,
                    100.0 * nContains / Math.max(1, values), nContains,
                    mt, mc, mr, mc / mt, mr / mt));
            log("%s text/regex %s: text %.2f ms (%d), contains %.2f ms (%d), regex %.2f ms", size, term, mt, nText, mc, nContains, mr);
        }
    }

    private void sequentialPass(String size, String store, LoadGenerator gen, String ep, List<String> mix) {
        long total = 0, worst = 0;
        int errors = 0;
        for (int i = 0; i < mix.size(); i++) {
            String q = mix.get(i);
            long us = gen.once(ep, q);
            csv(size, "query-pass-" + store, "q" + i, 1, "ms", us / 1000.0);
            if (us < 0)
                errors++;
            else {
                total += us;
                worst = Math.max(worst, us);
            }
        }
        csv(size, "query-pass", store, 1, "total_ms", total / 1000.0);
        csv(size, "query-pass", store, 1, "slowest_ms", worst / 1000.0);
        row("Pass", String.format("| %s | %s | %d | %.1f | %.1f | %d |", size, store, mix.size(), total / 1000.0, worst / 1000.0, errors));
        log("%s pass %s: %d queries in %.1f ms (slowest %.1f ms, %d errors)", size, store, mix.size(), total / 1000.0, worst / 1000.0, errors);
    }

    private static long count(LoadGenerator gen, String ep, String q) throws Exception {
        String csvBody = gen.body(ep, q, "text/csv");
        String[] lines = csvBody.split("\\R");
        try {
            return lines.length > 1 ? Long.parseLong(lines[1].strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> mix(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("queries"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
            List<String> out = new ArrayList<>();
            for (Path f : files)
                out.add(Files.readString(f));
            return out;
        }
    }

    private static Map<String, String> endpoints(Child server) throws Exception {
        String ports = server.awaitLine("ports ", 60);
        Map<String, String> eps = new LinkedHashMap<>();
        for (String kv : ports.substring("ports ".length()).split(" ")) {
            String[] p = kv.split("=");
            String path = p[0].equals("plain") ? "/ds/sparql" : "/newpath/sparql";
            eps.put(p[0], "http://127.0.0.1:" + p[1] + path);
        }
        // A B C order in every round: plain first, so the rate offered to all comes from it.
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("plain", eps.get("plain"));
        ordered.put("service", eps.get("service"));
        ordered.put("cache", eps.get("cache"));
        return ordered;
    }

    private void csv(String size, String section, String config, int c, String metric, double v) {
        csv.add(String.join(",", size, section, config, Integer.toString(c), metric,
                v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)));
    }

    private void row(String table, String line) {
        rows.computeIfAbsent(table, k -> new ArrayList<>()).add(line);
    }

    private void write(String machine) throws IOException {
        StringBuilder md = new StringBuilder("# newpath-kg benchmark\n\n```\n").append(machine).append("```\n\n");
        md.append("## Start-up (wall = launch of `java -jar` to the port line; phases from the server's /$/stats; ms)\n\n")
          .append("| size | run | quads | wall s | CPU s | parse | validate | infer | index | reuse open | TDB2 load quads/s | peak RSS MB |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.getOrDefault("Start-up", List.of()).forEach(l -> md.append(l).append('\n'));
        md.append("\n## HTTP, query mix (`queries/*.rq`); closed = back-to-back clients; open@R = R requests/s due, latency from due time\n\n")
          .append("| size | model | server | clients | round | q/s | p50 ms | p99 ms | errors | cache hits |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
        rows.getOrDefault("HTTP", List.of()).forEach(l -> md.append(l).append('\n'));
        md.append("\n## text:query vs FILTER (median of 5, one client, ms; COUNT of matches)\n\n")
          .append("| size | search | text hits | share of values (ja) | contains hits | text | contains | regex | contains÷text | regex÷text |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
        rows.getOrDefault("Text", List.of()).forEach(l -> md.append(l).append('\n'));
        md.append("\n## One pass over the query mix, one client (ms)\n\n")
          .append("| size | store | queries | total | slowest | errors |\n|---|---|---|---|---|---|\n");
        rows.getOrDefault("Pass", List.of()).forEach(l -> md.append(l).append('\n'));
        md.append(notes);
        md.append("\n```\n").append(machineLoad()).append("```\n");
        Files.writeString(out.resolve("report.md"), md.toString());
        Files.write(out.resolve("results.csv"), csv);
        System.out.println("Wrote " + out.resolve("report.md") + " and " + out.resolve("results.csv"));
    }

    private void log(String fmt, Object... args) {
        String s = String.format(fmt, args);
        System.out.println(s);
        System.out.flush();
    }

    private static String ms(long v) {
        return v < 0 ? "" : Long.toString(v);
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** Peak resident set size of a process (VmHWM), or -1 off Linux. */
    static long peakRssMb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
                if (l.startsWith("VmHWM:"))
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU seconds a process has used so far (/proc/PID/stat), or -1 off Linux. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;   // fields 14 and 15, in clock ticks
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String machine() {
        return sh("echo \"nproc: $(nproc)\"; free -g; java -version 2>&1; uptime");
    }

    static String machineLoad() {
        return sh("echo 'at the end:'; uptime");
    }

    private static String sh(String script) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return s;
        } catch (IOException | InterruptedException e) {
            return "unknown: " + e.getMessage() + "\n";
        }
    }

    static Thread drain(java.io.InputStream in, java.util.function.Consumer<String> each) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null)
                    each.accept(line);
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A child JVM running a main class; closing it closes its input, which stops it. */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();

        private Child(Process p) {
            this.process = p;
            drain(p.getInputStream(), lines::add);
            drain(p.getErrorStream(), line -> {
                if (line.contains("ERROR") || line.contains("Exception") || line.contains("Loaded") || line.contains("loader"))
                    System.out.println("  [server] " + line);
            });
        }

        /**
         * Runs {@code main} of the benchmark's own classes (which are not in the jar) with the
         * packaged service's jar as its library.
         */
        static Child start(Path jar, String heap, String main, List<String> args, List<String> extra) throws IOException {
            String benchClasses;
            try {
                benchClasses = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
            List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + heap, "-cp",
                    jar + java.io.File.pathSeparator + benchClasses, main));
            cmd.addAll(args);
            cmd.addAll(extra);
            return new Child(new ProcessBuilder(cmd).start());
        }

        String awaitLine(String prefix, long minutes) throws Exception {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            while (System.nanoTime() < end) {
                String l = lines.poll(1, TimeUnit.SECONDS);
                if (l != null && l.startsWith(prefix))
                    return l;
                if (l == null && !process.isAlive())
                    throw new IllegalStateException("benchmark server exited with status " + process.exitValue());
            }
            throw new IllegalStateException("benchmark server printed no '" + prefix + "' within " + minutes + " min");
        }

        @Override
        public void close() throws Exception {
            OutputStream in = process.getOutputStream();
            in.close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS))
                    process.destroyForcibly();
            }
        }
    }
}
