package org.newpathkg.soak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A bounded loopback load: {@code clients} threads send the query library ({@code queries/*.rq})
 * round-robin for {@code seconds}, one heavy query in every {@code heavyEvery} requests, then print
 * status counts, unexpected answers, latency percentiles of the library queries, and (given the
 * server's {@code -Xlog:gc} file) heap after GC at start and end and the longest pause.
 * Not a test: run it with {@code src/test/scripts/soak.sh}.
 *
 * <pre>
 * java -cp target/test-classes org.newpathkg.soak.Soak http://127.0.0.1:3030 600 16 100 queries target/soak/gc.log
 * </pre>
 */
public final class Soak {
    static final List<String> HEAVY = List.of(
            "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT * { ?s (!<urn:x:q>)* ?o . ?o (!<urn:x:q>)* ?z } LIMIT 1 OFFSET 100000000",
            "SELECT (COUNT(*) AS ?n) { VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } ?a ?b ?c FILTER NOT EXISTS { ?d ?e ?f . ?g ?h ?i FILTER(?i = ?x) } }",
            "SELECT * { ?s ?p ?o }");

    private Soak() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long seconds = Long.parseLong(args[1]);
        int clients = Integer.parseInt(args[2]);
        int heavyEvery = Integer.parseInt(args[3]);
        Path queries = Path.of(args[4]);
        Path gcLog = args.length > 5 ? Path.of(args[5]) : null;

        List<String> library = new ArrayList<>();
        try (Stream<Path> s = Files.list(queries)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".rq")).sorted().toList())
                library.add(Files.readString(p));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<Long> lightMs = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                long n = id;
                while (System.nanoTime() < end) {
                    n++;
                    boolean heavy = heavyEvery > 0 && n % heavyEvery == 0;
                    String q = heavy ? HEAVY.get((int) ((n / heavyEvery) % HEAVY.size())) : library.get((int) (n % library.size()));
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/newpath/sparql"))
                                .timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "application/sparql-results+json")
                                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                                .build(), HttpResponse.BodyHandlers.ofByteArray());
                        status = r.statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    String kind = heavy ? "heavy" : "library";
                    statuses.computeIfAbsent(kind + " " + status, k -> new AtomicLong()).incrementAndGet();
                    if (!heavy && status == 200)
                        lightMs.add(ms);
                    boolean expected = status == 200 || status == 429 || (heavy && status == 503);
                    if (!expected)
                        unexpected.add(kind + " " + status + " " + q.lines().findFirst().orElse(""));
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads)
            t.join();

        List<Long> sorted = new ArrayList<>(lightMs);
        Collections.sort(sorted);
        System.out.println("Soak: " + clients + " clients, " + seconds + " s, heavy 1 in " + heavyEvery + ", " + base);
        System.out.println("Answers: " + new TreeMap<>(Map.copyOf(statuses)));
        System.out.println("Unexpected answers (not 200, 429, or 503 for heavy): " + unexpected.size());
        unexpected.stream().limit(10).forEach(u -> System.out.println("  " + u));
        if (!sorted.isEmpty())
            System.out.printf("Library queries answered 200: %d, p50 %d ms, p99 %d ms, max %d ms, %.1f per second%n", sorted.size(),
                    pct(sorted, 50), pct(sorted, 99), sorted.get(sorted.size() - 1), sorted.size() / (double) seconds);
        if (gcLog != null && Files.exists(gcLog))
            gcReport(gcLog);
        System.exit(unexpected.isEmpty() ? 0 : 1);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Pause lines of {@code -Xlog:gc}: {@code ... Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 4.123ms}. */
    static final Pattern PAUSE = Pattern.compile("Pause (\\w+).*?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

    static void gcReport(Path log) throws IOException {
        List<String[]> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find())
                pauses.add(new String[] {m.group(1), m.group(3), m.group(5)});
        }
        if (pauses.isEmpty()) {
            System.out.println("GC: no pauses in " + log);
            return;
        }
        double max = 0, total = 0;
        long full = 0;
        for (String[] p : pauses) {
            double ms = Double.parseDouble(p[2]);
            max = Math.max(max, ms);
            total += ms;
            if (p[0].equals("Full"))
                full++;
        }
        System.out.printf("GC: %d pauses (%d full), total %.0f ms, longest %.1f ms; heap after GC: first %s MB, last %s MB%n",
                pauses.size(), full, total, max, pauses.get(0)[1], pauses.get(pauses.size() - 1)[1]);
    }
}
