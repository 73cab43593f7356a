package org.newpathkg.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.newpathkg.cli.ServerJvm;
import org.newpathkg.load.QuotationCheck;
import org.newpathkg.load.SourceTree;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: one command measures, side by side on this machine and in one run,
 * <ol>
 * <li>the packaged jar's start-up: from launching {@code java -jar newpath-kg.jar serve} to its
 *     first query answered and its first page served, median of several runs, alternating with a
 *     previous jar when one is given ({@code --vs});</li>
 * <li>at each corpus size ({@link CorpusGenerator}: the real data and copies of it), the start-up
 *     of {@code serve --data} with its phases from {@code /$/stats};</li>
 * <li>closed-loop throughput and latency percentiles over HTTP for the library's queries without
 *     full text, the same mix for every server, in rounds that rotate the order: a plain embedded
 *     Fuseki, Virtuoso (loaded from the same dataset's N-Quads), this service with the result
 *     cache off and on, and a static file per query served by Jetty (the answers the cache gives,
 *     the limit a cache can reach);</li>
 * <li>each library query once, sequentially, on each server: its time, and which take over 1 s.</li>
 * </ol>
 * Writes {@code report.md} and {@code results.csv} to the output folder. Every server is a child
 * process on loopback ({@link ServerProcess}): when one exits, the benchmark stops at once with its
 * last lines; every wait is bounded.
 *
 * <pre>
 * src/bench/bench.sh                      # builds the jar and the bench classes, then runs this
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure start-up, throughput and latency against peers side by side; see src/bench/bench.sh.")
public final class Bench implements Callable<Integer> {
    static final String ACCEPT = "application/sparql-results+json";
    /** The query the start-up measurement sends first: the library's overview (every claim, counted). */
    static final String FIRST_QUERY = "00-overview.rq";

    @Option(names = "--jar", paramLabel = "FILE", description = "the packaged service (default: ${DEFAULT-VALUE})")
    Path jar = Path.of("target/newpath-kg.jar");

    @Option(names = "--vs", paramLabel = "FILE", description = "a previous jar whose start-up is measured alternating with --jar's")
    Path vs;

    @Option(names = "--out", paramLabel = "DIR", description = "where report.md and results.csv go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("target/bench");

    @Option(names = "--corpus", paramLabel = "DIR", description = "where generated corpora are kept between runs (default: ${DEFAULT-VALUE})")
    Path corpusRoot = Path.of("target/corpus");

    @Option(names = "--from", paramLabel = "DIR", description = "the real project the corpora are copied from (default: ${DEFAULT-VALUE})")
    Path project = Path.of(".");

    @Option(names = "--sizes", paramLabel = "SIZE", split = ",", converter = Size.class,
            description = "corpus sizes in asserted triples, e.g. 10k,100k,1M (below the real data's size: the real data alone); none: no corpus (default: ${DEFAULT-VALUE})")
    List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);

    @Option(names = "--heap", paramLabel = "SIZE", description = "-Xmx of each server JVM (default: ${DEFAULT-VALUE})")
    String heap = "8g";

    @Option(names = "--seconds", paramLabel = "SEC", description = "length of each load phase (default: ${DEFAULT-VALUE})")
    double seconds = 5;

    @Option(names = "--rounds", paramLabel = "N", description = "rounds of the side-by-side comparison, order rotated each round (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--clients", paramLabel = "N", split = ",", description = "client counts (default: ${DEFAULT-VALUE})")
    int[] clients = {4};

    @Option(names = "--startup-runs", paramLabel = "N", description = "start-ups of the packaged jar (each jar) (default: ${DEFAULT-VALUE})")
    int startupRuns = 5;

    @Option(names = "--startup-pause", paramLabel = "SEC", description = "pause before each start-up of a jar, so each begins on a settled machine (default: ${DEFAULT-VALUE})")
    double startupPause = 5;

    @Option(names = "--validate-max", paramLabel = "SIZE", converter = Size.class,
            description = "validate corpora up to this size; larger ones are served with --skip-validation, since three of the checks grow with the square of the data (default: 100k)")
    long validateMax = 100_000;

    @Option(names = "--no-virtuoso", negatable = true, description = "leave Virtuoso out (default: in; installed if absent)")
    boolean virtuoso = true;

    @Option(names = "--startup-minutes", paramLabel = "MIN", description = "limit of each start-up, corpus load and Virtuoso load (default: ${DEFAULT-VALUE})")
    long startupMinutes = 30;

    @Option(names = "--query-passes", paramLabel = "N", description = "timed passes of each query on each server, one at a time, after a warm-up pass; the median is reported (default: ${DEFAULT-VALUE})")
    int queryPasses = 3;

    @Option(names = "--query-timeout", paramLabel = "SEC", description = "limit of one query in those passes; a query over it is reported as such and not asked again of that server (default: ${DEFAULT-VALUE})")
    long queryTimeout = 30;

    @Option(names = "--no-query-warmup", negatable = true, description = "ask each query once on each server before the timed passes (default: yes)")
    boolean queryWarmup = true;

    @Option(names = "--jfr", description = "record the bench server with Java Flight Recorder (profile settings) to OUT/server-SIZE.jfr")
    boolean jfr;

    private final Report report = new Report();

    /** Entry point; {@code --help} lists the options. */
    public static void main(String[] args) {
        Bench b = new Bench();
        b.report.command = System.getenv().getOrDefault("BENCH_COMMAND", "Bench " + String.join(" ", args));
        System.exit(new CommandLine(b).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        jar = jar.toAbsolutePath();
        out = out.toAbsolutePath();
        corpusRoot = corpusRoot.toAbsolutePath();
        project = project.toAbsolutePath();
        // Servers are child processes: if the benchmark is stopped, they stop too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        Files.createDirectories(out);
        report.machine = machine();
        report.started = Instant.now();
        report.queryPasses = queryPasses;
        report.queryWarmup = queryWarmup;
        System.out.println(report.machine);
        try {
            long t = System.nanoTime();
            jarStartup();
            if (startupRuns > 0)
                report.phase("jar", "start-ups of the packaged jar" + (vs == null ? "" : " and the --vs jar"), since(t));
            for (long s : sizes)
                if (s > 0) {
                    size(s);
                    report.write(out, machineLoad());   // what is measured so far, should a later size not finish
                }
        } catch (ServerProcess.Failed e) {
            report.note("**The run stopped: a server failed.** " + e.getMessage().lines().findFirst().orElse(""));
            report.note("```\n" + e.getMessage() + "\n```");
            System.err.println(e.getMessage());
            report.write(out, machineLoad());
            return 1;
        } catch (Exception e) {   // what was measured up to here is still written
            report.note("**The run stopped:** " + e);
            report.write(out, machineLoad());
            throw e;
        }
        report.write(out, machineLoad());
        System.out.println("Wrote " + out.resolve("report.md") + " and " + out.resolve("results.csv"));
        return 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Start-up of the packaged jar: to the first query and the first page.

    /** What one start-up of the packaged jar took, in seconds from launch. */
    record FirstAnswers(double port, double query, double page, double cpuPage, double pageAlone) {}

    private void jarStartup() throws Exception {
        if (startupRuns <= 0)
            return;
        String query = Files.readString(project.resolve("queries").resolve(FIRST_QUERY));
        Map<String, List<FirstAnswers>> runs = new LinkedHashMap<>();
        runs.put("this jar", new ArrayList<>());
        if (vs != null)
            runs.put("--vs jar", new ArrayList<>());
        // A round first that is not counted: in it the benchmark's own HTTP client and process handling run
        // cold, in this JVM, beside the server they time. Of the eight start-up tables in docs/performance.md
        // that list each run, the first start-up was over the median of its jar's other four in six (by
        // 0.1-1.1 s) and the slowest of its five in five.
        firstAnswers(jar, query);
        if (vs != null)
            firstAnswers(vs.toAbsolutePath(), query);
        for (int i = 0; i < startupRuns; i++) {   // 0: no start-up measured
            // Jars in turn, and which goes first alternates too (ABBA), so neither is always the one that
            // follows the other's exit.
            boolean thisFirst = vs == null || i % 2 == 0;
            if (thisFirst)
                runs.get("this jar").add(firstAnswers(jar, query));
            if (vs != null)
                runs.get("--vs jar").add(firstAnswers(vs.toAbsolutePath(), query));
            if (!thisFirst)
                runs.get("this jar").add(firstAnswers(jar, query));
        }
        for (var e : runs.entrySet()) {
            List<FirstAnswers> r = e.getValue();
            double port = median(r.stream().mapToDouble(FirstAnswers::port).toArray());
            double q = median(r.stream().mapToDouble(FirstAnswers::query).toArray());
            double page = median(r.stream().mapToDouble(FirstAnswers::page).toArray());
            double cpu = median(r.stream().mapToDouble(FirstAnswers::cpuPage).toArray());
            double alone = median(r.stream().mapToDouble(FirstAnswers::pageAlone).toArray());
            report.jarStartup(e.getKey(), r.size(), port, q, page, alone, cpu,
                    r.stream().map(f -> String.format("%.2f/%.2f/%.2f", f.query(), f.page(), f.pageAlone())).toList());
            log("start-up %s: port %.2f s, first query %.2f s, first page %.2f s (asked first: %.2f s), CPU to the first page %.2f s (medians of %d)",
                    e.getKey(), port, q, page, alone, cpu, r.size());
        }
    }

    private FirstAnswers firstAnswers(Path jarFile, String query) throws Exception {
        settle();
        long t0 = System.nanoTime();
        try (ServerProcess p = ServerProcess.start(List.of(java(), "-jar", jarFile.toString(), "serve", "--port", "0"), null)) {
            String port = p.await("port ", Duration.ofMinutes(3)).substring(5).strip();
            double tPort = (System.nanoTime() - t0) / 1e9;
            LoadGenerator gen = new LoadGenerator(List.of(query), ACCEPT);
            gen.body(LoadGenerator.Target.sparql("service", "http://127.0.0.1:" + port + "/newpath/sparql"), query, ACCEPT);
            double tQuery = (System.nanoTime() - t0) / 1e9;
            homePage(port);
            double tPage = (System.nanoTime() - t0) / 1e9;
            // CPU seconds of the server to here: on a shared machine, far steadier than wall time. With the
            // jar's class data archive the server is a child of the launched JVM: both are counted.
            double cpu = treeCpuSeconds(p.pid());
            p.terminate();
            return new FirstAnswers(tPort, tQuery, tPage, cpu, pageAskedFirst(jarFile));
        }
    }

    /** Asks a started jar for its home page; fails unless the answer is 200. */
    private static void homePage(String port) throws IOException, InterruptedException {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200)
            throw new IOException("home page: HTTP " + page.statusCode());
    }

    /**
     * Waits {@code --startup-pause} before a start-up: the last server's exit and the benchmark's own
     * work settle, so start-ups measured back to back do not slow each other (measured: medians 0.2 s
     * apart between a run with and one without a pause).
     */
    private void settle() throws InterruptedException {
        Thread.sleep((long) (startupPause * 1000));
    }

    /** Seconds from launch to the answer of the page, asked as the first request of a start-up of its own. */
    private double pageAskedFirst(Path jarFile) throws Exception {
        settle();
        long t0 = System.nanoTime();
        try (ServerProcess p = ServerProcess.start(List.of(java(), "-jar", jarFile.toString(), "serve", "--port", "0"), null)) {
            String port = p.await("port ", Duration.ofMinutes(3)).substring(5).strip();
            homePage(port);
            double tPage = (System.nanoTime() - t0) / 1e9;
            p.terminate();
            return tPage;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // One corpus size.

    private void size(long size) throws Exception {
        Path data = corpusRoot.resolve(Size.label(size));
        String loadBefore = loadAverage();
        long t = System.nanoTime();
        CorpusGenerator.Result corpus = corpus(size, data);
        String label = corpus.copies() == 0 ? "essay" : Size.label(size);
        report.phase(label, "corpus generation", since(t));
        Path essay = QuotationCheck.declaredEssay(SourceTree.directory(project)).filter(Files::isRegularFile).orElse(null);
        boolean validate = size <= validateMax || corpus.copies() == 0;
        List<String> extra = new ArrayList<>();
        if (!validate)
            extra.add("--skip-validation");
        if (essay != null)
            extra.addAll(List.of("--essay", essay.toString()));
        report.corpus(label, corpus, validate);

        List<String> names = new ArrayList<>(), all = new ArrayList<>();
        try (Stream<Path> s = Files.list(data.resolve("queries"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                names.add(f.getFileName().toString());
                all.add(Files.readString(f));
            }
        }

        Path export = out.resolve("export-" + label + ".nq");
        Path staticDir = Files.createDirectories(out.resolve("static-" + label));
        List<String> serverArgs = new ArrayList<>(List.of("--data", data.toString(), "--export", export.toString(), "--static", staticDir + "/"));
        serverArgs.addAll(extra);
        t = System.nanoTime();
        try (ServerProcess server = benchServer(serverArgs, label)) {
            // The corpus is loaded once, by the bench server, with the stages of serve --data (the
            // same Pipeline.load); its figures are the start-up of this size.
            String figures = server.await("startup ", Duration.ofMinutes(startupMinutes));
            double loaded = since(t);
            report.startup(label, startupOf(figures, loaded, cpuSeconds(server.pid()), peakRssMb(server.pid())));
            report.phase(label, validate ? "load: parse, validate, infer, index" : "load: parse, infer, index (not validated)", loaded);
            log("%s loaded in %.1f s: %s", label, loaded, figures);
            t = System.nanoTime();
            Map<String, LoadGenerator.Target> targets = targets(server.await("ports ", Duration.ofMinutes(startupMinutes)), staticDir);
            report.phase(label, "export to N-Quads, servers started", since(t));
            Virtuoso vt = null;
            if (virtuoso) {
                try {
                    vt = Virtuoso.start(project.resolve("src/bench/ensure-virtuoso.sh"), out.resolve("virtuoso-" + label), export,
                            Duration.ofMinutes(startupMinutes));
                    report.virtuoso(label, vt.startSeconds, vt.loadSeconds);
                    report.phase(label, "virtuoso: start a fresh instance", vt.startSeconds);
                    report.phase(label, "virtuoso: bulk load and checkpoint", vt.loadSeconds);
                    log("%s virtuoso: started in %.1f s, loaded in %.1f s", label, vt.startSeconds, vt.loadSeconds);
                } catch (Exception e) {
                    report.note("Virtuoso skipped at " + label + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
                    log("%s virtuoso skipped: %s", label, e.getMessage());
                }
            }
            try {
                Map<String, LoadGenerator.Target> peers = new LinkedHashMap<>();
                peers.put("plain", targets.get("plain"));
                if (vt != null)
                    peers.put("virtuoso", LoadGenerator.Target.sparql("virtuoso", vt.endpoint));
                peers.put("service", targets.get("service"));
                compare(label, names, all, peers, targets, server);
            } finally {
                if (vt != null) {
                    vt.close();
                    CorpusGenerator.deleteTree(out.resolve("virtuoso-" + label));
                }
            }
        }
        Files.deleteIfExists(export);
        report.loadAverage(label, loadBefore, loadAverage());
    }

    private CorpusGenerator.Result corpus(long size, Path dir) throws IOException {
        long t0 = System.nanoTime();
        CorpusGenerator.Result r = CorpusGenerator.generate(project, dir, size);
        log("corpus %s: the real data and %d copies, %,d asserted triples in %.1f s", dir, r.copies(), r.asserted(), (System.nanoTime() - t0) / 1e9);
        return r;
    }

    /**
     * Each query on each server, one at a time (which ones answer, and how fast, uncached): a
     * warm-up pass, then {@code --query-passes} passes whose median is reported; then rounds of
     * closed-loop load with the mix every peer answers.
     */
    private void compare(String label, List<String> names, List<String> all, Map<String, LoadGenerator.Target> peers,
                         Map<String, LoadGenerator.Target> targets, ServerProcess server) throws Exception {
        LoadGenerator probe = new LoadGenerator(all, ACCEPT);
        Duration limit = Duration.ofSeconds(queryTimeout);
        long t = System.nanoTime();
        // Per server and query: the times of the timed passes, or the first failure (negative).
        Map<String, long[][]> passes = new LinkedHashMap<>();
        Map<String, long[]> failed = new LinkedHashMap<>();
        for (int pass = queryWarmup ? 0 : 1; pass <= queryPasses; pass++) {
            for (var e : peers.entrySet()) {
                long[][] us = passes.computeIfAbsent(e.getKey(), k -> new long[all.size()][queryPasses]);
                long[] fail = failed.computeIfAbsent(e.getKey(), k -> new long[all.size()]);
                for (int i = 0; i < all.size(); i++) {
                    if (fail[i] < 0)
                        continue;   // failed or ran out of time once: not asked again of that server
                    boolean text = all.get(i).contains("text:");
                    long r = text && !e.getKey().equals("service") ? LoadGenerator.FULL_TEXT : probe.once(e.getValue(), all.get(i), limit);
                    if (r < 0)
                        fail[i] = r;
                    else if (pass > 0)
                        us[i][pass - 1] = r;
                    if (r != LoadGenerator.FULL_TEXT)
                        log("%s pass %d %s %s: %s", label, pass, e.getKey(), names.get(i),
                                r < 0 ? LoadGenerator.failure(r) : String.format(Locale.ROOT, "%.1f ms", r / 1000.0));
                    alive(server);
                }
            }
            if (pass == 0) {
                report.phase(label, "each query on each server, one at a time: warm-up pass", since(t));
                t = System.nanoTime();
            }
        }
        report.phase(label, "each query on each server, one at a time: " + queryPasses + " timed passes", since(t));
        Map<String, long[]> times = new LinkedHashMap<>();
        passes.forEach((name, us) -> {
            long[] fail = failed.get(name), med = new long[us.length];
            for (int i = 0; i < us.length; i++)
                med[i] = fail[i] < 0 ? fail[i] : (long) median(Arrays.stream(us[i]).mapToDouble(v -> v).toArray());
            times.put(name, med);
        });
        report.queries(label, names, times);
        List<String> mixNames = new ArrayList<>(), mix = new ArrayList<>(), left = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int q = i;
            boolean everyone = times.values().stream().allMatch(x -> x[q] >= 0);
            if (everyone) {
                mixNames.add(names.get(i));
                mix.add(all.get(i));
            } else {
                left.add(names.get(i) + times.entrySet().stream().filter(x -> x.getValue()[q] < 0)
                        .map(x -> " " + x.getKey() + " (" + LoadGenerator.failure(x.getValue()[q]) + ")").reduce("", String::concat));
            }
        }
        // The static baseline: each query's answer as the cache gives it, in a file. A query the
        // cached server cannot answer in its time limit is left out of the mix, and said so.
        t = System.nanoTime();
        LoadGenerator fetch = new LoadGenerator(mix, ACCEPT);
        List<String> kept = new ArrayList<>(), keptNames = new ArrayList<>();
        for (int i = 0; i < mix.size(); i++) {
            try {
                String body = fetch.body(targets.get("cache"), mix.get(i), ACCEPT);
                Files.writeString(out.resolve("static-" + label).resolve(String.format("q%02d.json", kept.size())), body);
                kept.add(mix.get(i));
                keptNames.add(mixNames.get(i));
            } catch (IOException e) {
                left.add(mixNames.get(i) + " cache (" + e.getMessage().lines().findFirst().orElse("error") + ")");
            }
            alive(server);
        }
        report.mix(label, keptNames, left);
        LoadGenerator gen = new LoadGenerator(kept, ACCEPT);
        report.phase(label, "static files: each answer of the mix from the cached server", since(t));
        Map<String, LoadGenerator.Target> order = new LinkedHashMap<>(peers);
        order.put("cache", targets.get("cache"));
        order.put("static", targets.get("static"));
        t = System.nanoTime();
        for (LoadGenerator.Target x : order.values()) {   // warm-up: JIT and caches, not measured
            gen.closed(x, 4, Math.max(2, seconds), 99);
            alive(server);
        }
        report.phase(label, "closed loop: warm-up of each server", since(t));
        t = System.nanoTime();
        List<String> names0 = new ArrayList<>(order.keySet());
        for (int round = 1; round <= rounds; round++) {
            for (int c : clients) {
                for (int k = 0; k < names0.size(); k++) {
                    String name = names0.get((k + round - 1) % names0.size());
                    LoadGenerator.Result r = gen.closed(order.get(name), c, seconds, round * 100 + c);
                    alive(server);
                    report.load(label, name, c, round, r);
                    log("%s %s c=%d round %d: %s", label, name, c, round, r.brief());
                }
            }
        }
        report.phase(label, String.format(Locale.ROOT, "closed loop: %d rounds × %d client counts × %d servers × %.0f s",
                rounds, clients.length, names0.size(), seconds), since(t));
    }

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The machine's load averages (1, 5, 15 minutes), from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void alive(ServerProcess server) throws ServerProcess.Failed, InterruptedException {
        if (!server.alive())
            server.await("\u0000never", Duration.ofSeconds(1));   // throws with its status and last lines
    }

    private ServerProcess benchServer(List<String> args, String label) throws IOException {
        String benchClasses;
        try {
            benchClasses = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap));
        cmd.addAll(ServerJvm.options());   // the JIT and pages of the jar's own server JVM (cli.Relaunch)
        if (jfr)
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + out.resolve("server-" + label + ".jfr"));
        cmd.addAll(List.of("-Dslf4j.provider=org.newpathkg.log.SafeLogging", "-cp", jar + java.io.File.pathSeparator + benchClasses,
                "org.newpathkg.bench.BenchServer"));
        cmd.addAll(args);
        return ServerProcess.start(cmd, line -> {
            if (line.contains("ERROR") || line.contains("Loaded"))
                System.out.println("  [server] " + line);
        });
    }

    private static Map<String, LoadGenerator.Target> targets(String portsLine, Path staticDir) {
        Map<String, LoadGenerator.Target> eps = new LinkedHashMap<>();
        for (String kv : portsLine.substring("ports ".length()).split(" ")) {
            String[] p = kv.split("=");
            String base = "http://127.0.0.1:" + p[1];
            eps.put(p[0], switch (p[0]) {
                case "plain" -> LoadGenerator.Target.sparql(p[0], base + "/ds/sparql");
                case "static" -> new LoadGenerator.Target(p[0], base + "/", true);
                default -> LoadGenerator.Target.sparql(p[0], base + "/newpath/sparql");
            });
        }
        return eps;
    }

    // ---------------------------------------------------------------------------------------------
    // Start-up of a corpus: the bench server's Pipeline.load, the stages of serve --data.

    /** What loading one corpus took: wall and CPU seconds to the end of the load, its stages in ms. */
    record Startup(double wallS, double cpuS, long quads, long parse, long validate, long infer, long index, long peakRssMb) {}

    /** The bench server's {@code startup k=v ...} line (the figures of {@code /$/stats}) with what the benchmark measured. */
    static Startup startupOf(String line, double wall, double cpu, long rss) {
        Map<String, Long> f = new LinkedHashMap<>();
        for (String kv : line.substring("startup".length()).strip().split(" ")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2 && p[1].matches("-?[0-9]+"))
                f.put(p[0], Long.parseLong(p[1]));
        }
        return new Startup(wall, cpu, f.getOrDefault("quads", -1L), f.getOrDefault("parseMs", -1L), f.getOrDefault("validateMs", -1L),
                f.getOrDefault("inferMs", -1L), f.getOrDefault("indexMs", -1L), rss);
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

    // ---------------------------------------------------------------------------------------------

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void log(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
        System.out.flush();
    }

    static double median(double[] v) {
        if (v.length == 0)
            return Double.NaN;
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
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

    /** {@link #cpuSeconds} of a process and of its running descendants, or -1 off Linux. */
    static double treeCpuSeconds(long pid) {
        double own = cpuSeconds(pid);
        if (own < 0)
            return -1;
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToDouble(h -> Math.max(0, cpuSeconds(h.pid()))).sum();
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
        return sh("echo \"nproc: $(nproc)\"; free -g | head -2; java -version 2>&1 | head -2; uptime");
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
}
