package org.newpathkg.guard.http;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;


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
import org.newpathkg.guard.GuardModule;
import org.newpathkg.guard.Limits;
import org.newpathkg.log.LogText;

/**
 * The servlet-level gate every request passes before anything that runs a query; the limits
 * Jetty enforces itself (body size, request rate, per-client share, concurrency, read deadlines)
 * are installed by {@link GuardModule} in front of the servlet context, so by the time a request
 * gets here its body has arrived in full and it holds a query slot. What is left here is what
 * needs the servlet request: method allow-list (405), request encodings (415 for a
 * {@code Content-Encoding} or a charset other than UTF-8; 400 for bytes that are not UTF-8), the
 * SPARQL protocol's one-{@code query} rule (400). Everything after this filter (the
 * result cache included) sees only requests that passed these checks, so a cached and an
 * uncached server refuse the same requests the same way.
 */
public final class GuardFilter implements Filter {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    /**
     * Paths that accept POST (SPARQL queries by form or body; reconciliation batches, which OpenRefine posts as a form). Anything else is read by GET only,
     * so a POST there (an upload attempt) is a 405. A new servlet that needs POST adds its path here.
     */
    public static final Set<String> POST_PATHS = Set.of("/newpath/sparql", "/newpath/query", "/reconcile");

    private final Limits limits;

    public GuardFilter(Limits limits) {
        this.limits = limits;
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
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null) {
            // Fuseki would inflate a gzip body past every size limit (and answer 500 on a broken one),
            // and a body marked "identity" came back 400 from it; one rule for all: no Content-Encoding at all.
            refuse(response, 415, "Content-Encoding '" + LogText.quote(encoding, 64) + "' is not accepted: send the request body uncompressed, without Content-Encoding");
            return;
        }
        String badCharset = unknownCharset(request.getHeader("Content-Type"));
        if (badCharset != null) {
            // Jetty would throw on it deep inside the handler and answer 500.
            refuse(response, 415, "Unknown charset '" + LogText.quote(badCharset, 64) + "' in Content-Type; send UTF-8");
            return;
        }
        String path = request.getRequestURI();
        if ("OPTIONS".equals(method) || path.equals("/$/ping") || path.startsWith("/$/stats")) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest checked;
        try {
            checked = POST_PATHS.contains(path) ? sparqlProtocol(request) : request;
        } catch (Refusal r) {
            refuse(response, r.status, r.getMessage());
            return;
        }
        chain.doFilter(checked, response);
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

    /** The client's own, lower, time limit: {@code timeout=} (Fuseki's parameter) or the {@code X-Timeout} header. */
    public static String clientTimeout(HttpServletRequest request) {
        String p = request.getParameter("timeout");
        if (p != null)
            return p.contains(",") ? p.substring(p.indexOf(',') + 1) : p;
        return request.getHeader("X-Timeout");
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        if (status == 413)
            response.setHeader("Connection", "close");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A request refused with {@code status} before it reaches the SPARQL handler. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /**
     * The SPARQL protocol checks Fuseki makes too, made here so that the result cache behind this
     * filter never answers what Fuseki would refuse: a query body must be UTF-8 (charset and
     * bytes), a form or query string must carry exactly one {@code query} and decode as UTF-8.
     * A query body is read here (it is already in memory, see {@link GuardModule}) and replayed.
     */
    private HttpServletRequest sparqlProtocol(HttpServletRequest request) throws Refusal, IOException {
        String ct = request.getContentType();
        String mime = ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if ("POST".equals(request.getMethod()) && mime.equals("application/sparql-query")) {
            String cs = request.getCharacterEncoding();
            if (cs != null && !cs.equalsIgnoreCase("UTF-8") && !cs.equalsIgnoreCase("UTF8") && !cs.equalsIgnoreCase("US-ASCII"))
                throw new Refusal(400, "A SPARQL query body must be UTF-8, not " + LogText.quote(cs, 64));
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readAllBytes();
            }
            if (!isUtf8(body))
                throw new Refusal(400, "The query body is not valid UTF-8");
            return new BufferedBody(request, body);
        }
        String[] queries;
        try {
            queries = request.getParameterValues("query");
        } catch (RuntimeException e) {
            // Jetty refuses a form over the size limit (413), or a query string or form that is
            // not valid UTF-8 or percent-encoding (400).
            int status = httpStatus(e);
            throw new Refusal(status, status == 413 ? "Request body too large: the limit is " + limits.maxBodyBytes() / 1024 + " KB"
                                                    : "The request parameters are not valid UTF-8 percent-encoding");
        }
        if (queries != null && queries.length > 1)
            throw new Refusal(400, "SPARQL Query: Multiple 'query=' parameters");
        if (queries != null && queries[0].indexOf('\uFFFD') >= 0 && !rawHasReplacementChar(request))
            throw new Refusal(400, "The query parameter is not valid UTF-8");
        return request;
    }

    /** Whether the raw query string really carries U+FFFD (percent-encoded EF BF BD) rather than a decoding error. */
    private static boolean rawHasReplacementChar(HttpServletRequest request) {
        String raw = request.getQueryString();
        return raw != null && raw.toUpperCase(java.util.Locale.ROOT).contains("%EF%BF%BD");
    }

    /** 413 if Jetty found the body too large anywhere in {@code e}'s causes, else 400. */
    static int httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() == 413)
                return 413;
        }
        return 400;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
