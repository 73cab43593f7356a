package org.newpathkg.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An HTTP load generator (java.net.http, HTTP/1.1 keep-alive) for a {@link Target}: a SPARQL
 * endpoint asked by form POST ({@code query=}, which every peer accepts), or a folder of static
 * files, one per query of the mix, asked by GET. Two models:
 * <ul>
 * <li>{@link #closed}: {@code clients} threads each send the next query as soon as the last one
 *     is answered; gives the throughput the server sustains at that concurrency;</li>
 * <li>{@link #open}: requests are due at a fixed total rate, spread over {@code clients}
 *     connections (wrk2's model). Latency counts from when a request was <em>due</em>, not from
 *     when it was sent, so a server that falls behind is charged for the queueing it causes
 *     (no coordinated omission).</li>
 * </ul>
 * Each thread draws queries from the mix with its own seeded generator, so two runs offer the
 * same sequence.
 */
final class LoadGenerator {
    /**
     * Where requests go: {@code name} in reports; {@code url} a SPARQL endpoint, or with
     * {@code files} true the base URL of static files {@code q00.json, q01.json ...}, the answers
     * of the mix's queries.
     */
    record Target(String name, String url, boolean files) {
        static Target sparql(String name, String url) {
            return new Target(name, url, false);
        }

        HttpRequest request(int index, String query, String accept, Duration timeout) {
            if (files)
                return HttpRequest.newBuilder(URI.create(url + String.format("q%02d.json", index))).timeout(timeout).GET().build();
            return HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build();
        }
    }

    /** One run's outcome; latencies in microseconds. */
    record Result(long requests, long errors, long cacheHits, double seconds, double throughput, long p50us, long p99us,
                  long maxUs, String errorKinds) {
        String brief() {
            return String.format("%.0f q/s, p50 %.2f ms, p99 %.2f ms, %d errors", throughput, p50us / 1000.0, p99us / 1000.0, errors)
                    + (errors == 0 ? "" : " (" + errorKinds + ")");
        }
    }

    private final HttpClient client;
    private final List<String> queries;
    private final String accept;

    LoadGenerator(List<String> queries, String accept) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.queries = queries;
        this.accept = accept;
    }

    /** Closed model: {@code clients} threads back to back for {@code seconds}. */
    Result closed(Target endpoint, int clients, double seconds, long seed) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        return run(endpoint, clients, seed, (thread, k) -> System.nanoTime() < end ? System.nanoTime() : -1);
    }

    /** Open model: requests due at {@code rate} per second in total over {@code clients} connections. */
    Result open(Target endpoint, int clients, double rate, double seconds, long seed) throws InterruptedException {
        long start = System.nanoTime() + 50_000_000;   // all threads start from the same instant
        long total = (long) (rate * seconds);
        double interval = 1e9 / rate;
        return run(endpoint, clients, seed, (thread, k) -> {
            long i = (long) k * clients + thread;   // request i of the whole run is thread i % clients's
            if (i >= total)
                return -1;
            long due = start + (long) (i * interval);
            long now;
            while ((now = System.nanoTime()) < due)
                LockSupport.parkNanos(due - now);
            return due;
        });
    }

    /** When the k-th request of a thread is due (nanoTime), or -1 when the thread is done. */
    private interface Schedule {
        long due(int thread, int k);
    }

    private Result run(Target endpoint, int clients, long seed, Schedule schedule) throws InterruptedException {
        List<long[]> lat = new ArrayList<>();
        AtomicLong errors = new AtomicLong(), hits = new AtomicLong();
        // What each error was (a status, or the exception), so the log says whether the server refused or the connection failed.
        Map<String, AtomicLong> kinds = new ConcurrentSkipListMap<>();
        Thread[] threads = new Thread[clients];
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[][] mine = {new long[4096]};
            int thread = c;
            SplittableRandom rnd = new SplittableRandom(seed * 31 + c);
            threads[c] = new Thread(() -> {
                int n = 0;
                for (int k = 0; ; k++) {
                    long due = schedule.due(thread, k);
                    if (due < 0)
                        break;
                    int i = rnd.nextInt(queries.size());
                    HttpRequest req = endpoint.request(i, queries.get(i), accept, Duration.ofSeconds(60));
                    try {
                        HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            kinds.computeIfAbsent("HTTP " + r.statusCode(), x -> new AtomicLong()).incrementAndGet();
                        }
                        if (r.headers().firstValue("X-Cache").map("hit"::equals).orElse(false))
                            hits.incrementAndGet();
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        kinds.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), x -> new AtomicLong()).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    long us = (System.nanoTime() - due) / 1000;
                    if (n == mine[0].length)
                        mine[0] = Arrays.copyOf(mine[0], n * 2);
                    mine[0][n++] = us;
                }
                synchronized (lat) {
                    lat.add(Arrays.copyOf(mine[0], n));
                }
            }, "load-" + c);
            threads[c].start();
        }
        for (Thread t : threads)
            t.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        long[] all = lat.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long n = all.length;
        StringBuilder k = new StringBuilder();
        kinds.forEach((kind, count) -> k.append(k.length() == 0 ? "" : "; ").append(count.get()).append(" × ").append(kind));
        return new Result(n, errors.get(), hits.get(), secs, n / secs, pct(all, 0.50), pct(all, 0.99),
                n == 0 ? 0 : all[all.length - 1], k.toString());
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0)
            return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** What {@link #once} returns for a query that was not asked: full text, which the peers do not have. */
    static final long FULL_TEXT = -2;
    /** What {@link #once} returns for an answer that is not 200. */
    static final long ERROR = -1;
    /** What {@link #once} returns when no answer came within its limit. */
    static final long TIMEOUT = -3;

    /** The name of a failure {@link #once} returned. */
    static String failure(long code) {
        return code == FULL_TEXT ? "full text" : code == TIMEOUT ? "timeout" : "error";
    }

    /**
     * One request, timed, answered within {@code limit}: microseconds, or {@link #ERROR} /
     * {@link #TIMEOUT}.
     */
    long once(Target endpoint, String query, Duration limit) {
        HttpRequest req = endpoint.request(0, query, accept, limit);
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? (System.nanoTime() - t0) / 1000 : ERROR;
        } catch (java.net.http.HttpTimeoutException e) {
            return TIMEOUT;
        } catch (IOException e) {
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ERROR;
        }
    }

    /** The body of one request (to read a count). */
    String body(Target endpoint, String query, String acceptType) throws IOException, InterruptedException {
        HttpRequest req = endpoint.request(0, query, acceptType, Duration.ofSeconds(600));
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200)
            throw new IOException("HTTP " + r.statusCode() + " from " + endpoint.name() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())).strip());
        return r.body();
    }
}
