package org.newpathkg.guard;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gate every request passes before anything that runs a query: method allow-list (405),
 * body size (413), per-client rate (429), concurrency and queue (429), and a watchdog that
 * answers 503 when the request's own time is up even if its thread is still busy.
 * It is the first filter after the request log, so Fuseki's endpoints and any page or servlet
 * added later all sit behind it. Liveness ({@code /$/ping}) and counters ({@code /$/stats}) skip
 * the concurrency gate so they answer during overload; they are still rate-limited.
 */
public final class GuardFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(GuardFilter.class);
    /** The watchdog answers this long after the query's own timeout, which normally fires first. */
    static final long GRACE_MS = 1_000;
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    /**
     * Paths that accept POST (SPARQL queries by form or body). Anything else is read by GET only,
     * so a POST there (an upload attempt) is a 405. A new servlet that needs POST adds its path here.
     */
    public static final Set<String> POST_PATHS = Set.of("/newpath/sparql", "/newpath/query");

    private final Limits limits;
    private final RateLimiter rate;
    private final Admission admission;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger overdue = new AtomicInteger();

    public GuardFilter(Limits limits) {
        this.limits = limits;
        this.rate = new RateLimiter(limits.ratePerSecond(), limits.rateBurst(), System::nanoTime);
        this.admission = new Admission(limits.maxConcurrent(), limits.maxQueue(), limits.queueWaitMs());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "newpath-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Requests inside the gate now (running a handler), including any whose client was already answered. */
    public int busy() {
        return busy.get();
    }

    /** Requests answered by the watchdog whose handler thread has not returned yet. */
    public int overdue() {
        return overdue.get();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            response.setHeader("Allow", ALLOW);
            refuse(response, 405, method + " is not allowed: this is a read-only endpoint (" + ALLOW + ")");
            return;
        }
        if ("POST".equals(method) && !POST_PATHS.contains(request.getRequestURI())) {
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            refuse(response, 405, "POST is not allowed here: this is a read-only endpoint; queries go to "
                    + String.join(" or ", POST_PATHS.stream().sorted().toList()));
            return;
        }
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            refuse(response, 413, tooLarge());
            return;
        }
        String badCharset = unknownCharset(request.getHeader("Content-Type"));
        if (badCharset != null) {
            // Jetty would throw on it deep inside the handler and answer 500.
            refuse(response, 415, "Unknown charset '" + badCharset + "' in Content-Type; send UTF-8");
            return;
        }
        long wait = rate.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            refuse(response, 429, "Too many requests from " + request.getRemoteAddr() + ": the limit is "
                    + fmt(limits.ratePerSecond()) + " per second (bursts of " + limits.rateBurst() + "); retry in " + wait + " s");
            return;
        }
        String path = request.getRequestURI();
        if ("OPTIONS".equals(method) || path.equals("/$/ping") || path.startsWith("/$/stats")) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest bounded;
        String clientTimeout;
        try {
            bounded = boundBody(request);
            clientTimeout = clientTimeout(bounded);
        } catch (BodyTooLarge e) {
            refuse(response, 413, tooLarge());
            return;
        }
        if (!admission.enter()) {
            response.setHeader("Retry-After", "2");
            refuse(response, 429, "The server is busy (" + limits.maxConcurrent() + " queries running, "
                    + admission.waiting() + " waiting); retry in 2 s");
            return;
        }
        busy.incrementAndGet();
        GuardedResponse guarded = new GuardedResponse(response);
        long allowed = limits.effectiveOverallMs(clientTimeout);
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            if (guarded.takeOver(503, timedOut(allowed))) {
                overdue.incrementAndGet();
                LOG.warn("{} {}: answered 503 by the watchdog; its thread is still running", method, path);
            }
        }, allowed + GRACE_MS, TimeUnit.MILLISECONDS);
        // Reads through a DeadlineView (the query endpoint's and the pages' dataset) stop at this
        // request's time limit, whichever servlet runs the query.
        Deadline.start(allowed);
        try {
            chain.doFilter(bounded, guarded);
        } finally {
            Deadline.clear();
            alarm.cancel(false);
            if (guarded.taken()) {
                overdue.decrementAndGet();
                LOG.warn("{} {}: thread returned after its watchdog answer", method, path);
            }
            busy.decrementAndGet();
            admission.leave();
        }
    }

    /** The charset named in a Content-Type header if this JVM does not know it, else null. */
    static String unknownCharset(String contentType) {
        if (contentType == null)
            return null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String cs = p.substring(8).replace("\"", "").strip();
                try {
                    if (!java.nio.charset.Charset.isSupported(cs))
                        return cs;
                } catch (IllegalArgumentException e) {
                    return cs;
                }
            }
        }
        return null;
    }

    /** The 503 text; the same words as a cooperative timeout so clients see one message. */
    static String timedOut(long ms) {
        return "Query timed out: the limit is " + fmt(ms / 1000.0) + " s (a client may ask for less with timeout=SEC)";
    }

    private String tooLarge() {
        return "Request body too large: the limit is " + limits.maxBodyBytes() / 1024 + " KB";
    }

    /** The client's own, lower, time limit: {@code timeout=} (Fuseki's parameter) or the {@code X-Timeout} header. */
    static String clientTimeout(HttpServletRequest request) {
        String p = request.getParameter("timeout");
        if (p != null)
            return p.contains(",") ? p.substring(p.indexOf(',') + 1) : p;
        return request.getHeader("X-Timeout");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        if (status == 413)
            response.setHeader("Connection", "close");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final class BodyTooLarge extends Exception {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * A body without Content-Length (chunked) is read here, up to the limit, so an endless body
     * is refused early. Forms are left to Jetty, whose form limit is set to the same size
     * ({@link JettyLimits}); reading the parameters here makes an oversized form fail now.
     */
    private HttpServletRequest boundBody(HttpServletRequest request) throws BodyTooLarge {
        String ct = request.getHeader("Content-Type");
        boolean form = ct != null && ct.toLowerCase().startsWith("application/x-www-form-urlencoded");
        if (form) {
            try {
                request.getParameterMap();
            } catch (RuntimeException e) {
                throw new BodyTooLarge();
            }
            return request;
        }
        if (request.getContentLengthLong() >= 0 || !"POST".equals(request.getMethod()))
            return request;
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(limits.maxBodyBytes() + 1);
        } catch (IOException e) {
            throw new BodyTooLarge();
        }
        if (body.length > limits.maxBodyBytes())
            throw new BodyTooLarge();
        return new BufferedBody(request, body);
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }
}
