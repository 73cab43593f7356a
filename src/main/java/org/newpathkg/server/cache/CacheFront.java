package org.newpathkg.server.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.newpathkg.guard.http.ReplayedBody;

/**
 * The result cache's first level, a Jetty handler placed before admission (after the body, size
 * and request-rate limits): a query request whose raw form ({@link RawKey}) was answered before
 * is answered here from the {@link ResultCache}, without a query slot, without its client's
 * share or query time, and without parsing the query. Any other request, and a raw miss, goes on
 * to admission and the servlet filter ({@link ResultCacheFilter}), which parses the query, keys
 * the answer by its normalised form, and on a complete answer links this request's raw key to
 * it ({@link ResultCache#link}), so the next identical request is answered here.
 * <p>
 * Why a hit needs no check of its own: the raw key holds every input of every check made
 * behind this handler (method, path, query string, body, Content-Type, Accept, Accept-Charset,
 * X-Timeout; a request with a Content-Encoding is never keyed, the guard refuses those), and a
 * link is made only after an identical request passed them all and got a complete 200. What
 * depends on the client rather than on the request is checked in front of this handler and so
 * applies to hits too: the body size ({@code SizeLimitHandler}) and the request rate per
 * address ({@code DoSHandler}: a client cannot flood with hits unmetered). A hit costs no query
 * time: it does not count against its client's share or time budget, which meter what queries
 * cost, not how often they are asked.
 * <p>
 * A hit is written as the answer it repeats: its status, its stored headers ({@code X-Result-*}
 * included), its content type and bytes, with the cache's ETag, {@code Cache-Control},
 * {@code Vary} and {@code X-Cache: hit}; {@code If-None-Match} with its ETag gives 304. It goes
 * out through the same compression as an admitted answer ({@code hitWrapper}, the server's
 * {@code CompressionHandler}), so a client that accepts gzip gets gzip either way.
 */
public final class CacheFront extends Handler.Wrapper {
    /** Request attribute: the raw key of a request that missed here, for {@link ResultCacheFilter} to link. */
    static final String RAW_KEY = CacheFront.class.getName() + ".rawKey";
    private static final String HIT = CacheFront.class.getName() + ".hit";
    private static final String FORM = "application/x-www-form-urlencoded", SPARQL_QUERY = "application/sparql-query";

    private final ResultCache cache;
    private final String dataVersion;
    private final Set<String> paths;
    private final Handler hits;

    /**
     * The first level of {@code cache} over data {@code dataVersion} for the query endpoints
     * {@code paths}; hits are written by a handler that {@code hitWrapper} wraps (compression).
     */
    public CacheFront(ResultCache cache, String dataVersion, Set<String> paths, UnaryOperator<Handler> hitWrapper) {
        this.cache = cache;
        this.dataVersion = dataVersion;
        this.paths = Set.copyOf(paths);
        this.hits = hitWrapper.apply(new HitWriter());
        addBean(hits, true);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        hits.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean post = "POST".equals(method);
        if (!(post || "GET".equals(method)) || !paths.contains(Request.getPathInContext(request)))
            return super.handle(request, response, callback);
        HttpFields in = request.getHeaders();
        // A Content-Encoding is the guard's to refuse; Cache-Control: no-cache asks for a fresh
        // answer, which only admission may start (ResultCacheFilter runs it and stores it).
        if (in.contains(HttpHeader.CONTENT_ENCODING)
                || ResultCacheFilter.Directives.of(in.get(HttpHeader.CACHE_CONTROL)).noCache())
            return super.handle(request, response, callback);
        String contentType = in.get(HttpHeader.CONTENT_TYPE);
        String body = "";
        Request next = request;
        List<Content.Chunk> chunks = null;
        if (post) {
            String mime = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (mime.equals(FORM)) {
                // EagerContentHandler (outside) has decoded the form; what it decoded is what the servlets see.
                CompletableFuture<Fields> form = FormFields.get(request);
                if (form == null || !form.isDone() || form.isCompletedExceptionally())
                    return super.handle(request, response, callback);
                body = RawKey.form(form.join());
            } else if (mime.equals(SPARQL_QUERY)) {
                // EagerContentHandler has retained the whole body; it is read here and replayed.
                chunks = new ArrayList<>();
                boolean complete = read(request, chunks);
                next = new ReplayedBody(request, chunks);
                body = complete ? latin1(chunks) : null;
            } else {
                body = null;
            }
        }
        String key = body == null ? null : RawKey.of(dataVersion, method, Request.getPathInContext(request),
                request.getHttpURI().getQuery(), contentType, in.get(HttpHeader.ACCEPT), in.get(HttpHeader.ACCEPT_CHARSET),
                in.get("X-Timeout"), body);
        ResultCache.Entry hit = key == null ? null : cache.front(key);
        if (hit == null) {
            if (key != null)
                next.setAttribute(RAW_KEY, key);
            return super.handle(next, response, callback);
        }
        if (chunks != null)
            chunks.forEach(Content.Chunk::release);
        next.setAttribute(HIT, hit);
        return hits.handle(next, response, callback);
    }

    /** Reads the retained body into {@code into}: true if it ended cleanly, false on a failure or if it is not all there. */
    private static boolean read(Request request, List<Content.Chunk> into) {
        while (true) {
            Content.Chunk c = request.read();
            if (c == null)
                return false;
            into.add(c);
            if (Content.Chunk.isFailure(c))
                return false;
            if (c.isLast())
                return true;
        }
    }

    /** The body's bytes, one character per byte: two bodies give the same text exactly when their bytes are equal. */
    private static String latin1(List<Content.Chunk> chunks) {
        int n = 0;
        for (Content.Chunk c : chunks)
            n += c.remaining();
        if (n > RawKey.MAX_CHARS)
            return null;
        byte[] b = new byte[n];
        int at = 0;
        for (Content.Chunk c : chunks) {
            ByteBuffer bb = c.getByteBuffer().duplicate();
            int r = bb.remaining();
            bb.get(b, at, r);
            at += r;
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Writes the hit found by {@link CacheFront#handle}. */
    private static final class HitWriter extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            ResultCache.Entry hit = (ResultCache.Entry) request.getAttribute(HIT);
            HttpFields.Mutable out = response.getHeaders();
            hit.headers().forEach(out::put);
            out.put(HttpHeader.ETAG, hit.etag());
            out.put(HttpHeader.CACHE_CONTROL, ResultCacheFilter.CACHE_CONTROL);
            out.put(HttpHeader.VARY, ResultCacheFilter.VARY);
            out.put(ResultCacheFilter.X_CACHE, "hit");
            String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
            if (ifNoneMatch != null && ResultCacheFilter.matches(ifNoneMatch, hit.etag())) {
                response.setStatus(HttpStatus.NOT_MODIFIED_304);
                response.write(true, null, callback);
                return true;
            }
            response.setStatus(HttpStatus.OK_200);
            out.put(HttpHeader.CONTENT_TYPE, hit.contentType());
            out.put(HttpHeader.CONTENT_LENGTH, hit.body().length);
            response.write(true, ByteBuffer.wrap(hit.body()), callback);
            return true;
        }
    }
}
