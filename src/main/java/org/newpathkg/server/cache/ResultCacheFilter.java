package org.newpathkg.server.cache;

import org.newpathkg.guard.http.BufferedBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.DEF;
import org.apache.jena.fuseki.system.ConNeg;
import org.apache.jena.query.Query;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves repeated SPARQL queries from a {@link ResultCache} and lets browsers and proxies cache
 * them too ({@code ETag}, {@code If-None-Match} → 304, {@code Cache-Control}).
 * <p>
 * Every answer carries {@code X-Cache: hit}, {@code miss} or {@code bypass} (a query that does not
 * parse, uses RAND/NOW/UUID/BNODE or SERVICE, or no acceptable format). Only complete 200
 * answers are stored: errors, timeouts (Fuseki turns a timeout into a non-200 status) and answers
 * larger than a quarter of the cache are passed through. A hit repeats the headers the handler
 * set on the stored answer ({@code X-Result-*} included), so a truncated answer says so whether it
 * came from the cache or not. It sits after admission and the guard's protocol checks in the
 * filter chain, so it never sees a request Fuseki would refuse. This is the second level: a
 * request whose raw form was answered before is answered by {@link CacheFront} before
 * admission; on a raw miss this filter links the request's raw key ({@link CacheFront#RAW_KEY})
 * to the normalised key of the answer it stores or finds.
 *
 * <p>
 * This filter refuses nothing: each check belongs to its owner (the guard's gate in front,
 * Fuseki's query handler behind). It keys only what it can key faithfully, and anything else (no
 * query or several, a body type Fuseki's handler refuses, a query that does not parse, no
 * acceptable format) goes on as it came, to be answered by whoever owns that check. Because a hit
 * here is served before Fuseki's handler runs, the key holds everything that handler reads: the
 * one query, every other parameter and the negotiated type; so a request the handler would
 * refuse never matches an answer it gave.
 *
 * A request with {@code Cache-Control: no-cache} or {@code no-store} is never answered from
 * the cache (RFC 9111 5.2.1.4, 5.2.1.5): it runs like an uncached query, through admission, so it
 * costs its client what an uncached query costs and no more. {@code no-cache} stores the fresh
 * answer, {@code no-store} keeps nothing.
 *
 * Installed by {@link ResultCacheModule}.
 */
public final class ResultCacheFilter implements Filter {
    /** Response header saying how the answer was produced. */
    public static final String X_CACHE = "X-Cache";
    /**
     * Browsers and proxies may reuse an answer for a minute and must then revalidate with the ETag;
     * a rebuilt dataset gets a new version and so new ETags.
     */
    static final String CACHE_CONTROL = "public, max-age=60";
    /** What Fuseki itself declares for conneg-sensitive GETs. */
    static final String VARY = "Accept,Accept-Encoding,Accept-Charset,Origin";
    private static final String SPARQL_QUERY = "application/sparql-query", FORM = "application/x-www-form-urlencoded";
    /** Response headers not stored with an answer: set per exchange, or by this filter itself. */
    private static final java.util.Set<String> PER_EXCHANGE = java.util.Set.of("date", "content-length", "transfer-encoding",
            "connection", "fuseki-request-id", "x-cache", "etag", "cache-control", "vary", "pragma", "expires", "retry-after",
            "content-type");

    private final ResultCache cache;
    private final String datasetVersion;

    /** A filter over {@code cache} for a dataset whose content hash is {@code datasetVersion}. */
    public ResultCacheFilter(ResultCache cache, String datasetVersion) {
        this.cache = cache;
        this.datasetVersion = datasetVersion;
    }

    /** The cache behind this filter. */
    public ResultCache cache() {
        return cache;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest forward = request;
        String queryString;
        Kind kind = kind(request);
        if (kind == Kind.BODY) {
            byte[] body = request.getInputStream().readAllBytes();
            forward = new BufferedBody(request, body);
            // Fuseki reads the body as UTF-8 whatever the charset says.
            queryString = new String(body, StandardCharsets.UTF_8);
        } else if (kind == Kind.PARAMETER) {
            String[] queries = request.getParameterValues("query");
            // None (the service description) or several (a 400 from Fuseki): nothing to key.
            queryString = queries == null || queries.length != 1 ? null : queries[0];
        } else {
            // A content type Fuseki's query handler refuses (415): it says so itself.
            queryString = null;
        }
        if (queryString == null) {
            chain.doFilter(forward, res);
            return;
        }
        Query q = QueryKey.parse(queryString);
        QueryKey.Decision d = QueryKey.decide(q, q == null ? null : contentType(request, q), otherParams(request),
                datasetVersion);
        if (!d.cacheable()) {
            response.setHeader(X_CACHE, "bypass");
            chain.doFilter(forward, res);
            return;
        }
        // The client's Cache-Control: no-cache (or no-store) asks that no stored answer be used
        // without going back to the origin (RFC 9111 5.2.1.4): the query runs again, admitted
        // like any uncached one, and its fresh answer replaces the stored one (not with no-store).
        // A 304 still answers a matching If-None-Match: that is the origin's own validation (the
        // ETag names the query and the data version, and the data does not change while it runs).
        Directives directives = Directives.of(request.getHeader("Cache-Control"));
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, d.etag())) {
            cache.get(d.key());   // counted as a hit: the client already holds the answer
            cacheHeaders(response, d.etag(), "hit");
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ResultCache.Entry hit = directives.noCache() ? null : cache.get(d.key());
        String rawKey = (String) request.getAttribute(CacheFront.RAW_KEY);
        if (hit != null) {
            // Another spelling of a stored query, or its raw link was evicted: the next identical request is a front hit.
            cache.link(rawKey, d.key());
            cacheHeaders(response, hit.etag(), "hit");
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(hit.contentType());
            hit.headers().forEach(response::setHeader);
            response.setContentLength(hit.body().length);
            response.getOutputStream().write(hit.body());
            return;
        }
        CapturingResponse capture = new CapturingResponse(response, cache.maxEntryBytes());
        response.setHeader(X_CACHE, "miss");
        chain.doFilter(forward, capture);
        if (capture.spilled())
            return;
        byte[] body = capture.body();
        if (capture.completeAnswer() && !directives.noStore()) {
            if (cache.put(d.key(), new ResultCache.Entry(capture.getContentType(), body, d.etag(), ownHeaders(response))))
                cache.link(rawKey, d.key());
            cacheHeaders(response, d.etag(), "miss");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void cacheHeaders(HttpServletResponse response, String etag, String xCache) {
        // Fuseki marks query answers Pragma: no-cache; this answer is cacheable, miss or hit alike.
        response.setHeader("Pragma", null);
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("Vary", VARY);
        response.setHeader(X_CACHE, xCache);
    }

    /**
     * What a request's {@code Cache-Control} asks of this cache: {@code noCache} (no-cache or
     * no-store: use no stored answer) and {@code noStore} (no-store: keep nothing of this
     * exchange). Other directives ({@code max-age}, {@code only-if-cached}...) change nothing here:
     * a stored answer never goes stale, as the data does not change while the server runs.
     */
    record Directives(boolean noCache, boolean noStore) {
        static final Directives NONE = new Directives(false, false);

        static Directives of(String cacheControl) {
            if (cacheControl == null || cacheControl.isBlank())
                return NONE;
            boolean noCache = false, noStore = false;
            for (String d : cacheControl.split(",")) {
                String name = d.split("=", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
                noCache |= name.equals("no-cache") || name.equals("no-store");
                noStore |= name.equals("no-store");
            }
            return new Directives(noCache, noStore);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String t : ifNoneMatch.split(",")) {
            String s = t.strip();
            if (s.startsWith("W/"))
                s = s.substring(2);
            if (s.equals("*") || s.equals(etag))
                return true;
        }
        return false;
    }

    /** The content type Fuseki's own negotiation will choose for this query, or null when none fits. */
    static String contentType(HttpServletRequest request, Query q) {
        AcceptList offer;
        MediaType dflt;
        if (q.isSelectType()) {
            offer = DEF.rsOfferTable;
            dflt = DEF.acceptResultSetXML;
        } else if (q.isAskType()) {
            offer = DEF.rsOfferBoolean;
            dflt = DEF.acceptResultSetXML;
        } else {
            offer = DEF.constructOffer;
            dflt = DEF.acceptTurtle;
        }
        MediaType m = ConNeg.chooseContentType(request, offer, dflt);
        return m == null ? null : m.getContentTypeStr();
    }

    /** Every parameter but the query itself (output=, default-graph-uri=, timeout= change the answer). */
    static Map<String, String[]> otherParams(HttpServletRequest request) {
        Map<String, String[]> m = new LinkedHashMap<>(request.getParameterMap());
        m.remove("query");
        return m;
    }

    /** Where a request carries its query, as Fuseki's query handler reads it. */
    enum Kind { PARAMETER, BODY, OTHER }

    /**
     * GET and form POSTs (or a POST without a body type) carry the query as a parameter, a
     * {@code application/sparql-query} POST as its body; any other POST is {@link Kind#OTHER},
     * which Fuseki refuses and this filter never keys.
     */
    static Kind kind(HttpServletRequest request) {
        if (request.getMethod().equals("GET"))
            return Kind.PARAMETER;
        String ct = request.getContentType();
        String mime = ct == null ? null : ct.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (mime == null || mime.equals(FORM))
            return Kind.PARAMETER;
        return mime.equals(SPARQL_QUERY) ? Kind.BODY : Kind.OTHER;
    }

    /**
     * The headers the handler set on the answer, which a hit must repeat so that it carries
     * exactly what a miss does ({@code X-Result-*} truncation signals, Server ...): all but those
     * that belong to one exchange or that this filter sets itself.
     */
    static Map<String, String> ownHeaders(HttpServletResponse response) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            String v = response.getHeader(name);
            if (v != null && !PER_EXCHANGE.contains(name.toLowerCase(java.util.Locale.ROOT)))
                m.put(name, v);
        }
        return m;
    }
}
