package org.newpathkg.guard.http;

import java.nio.charset.Charset;
import java.util.Set;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.newpathkg.log.LogText;

/**
 * The refusals a request's line and headers decide, made before anything reads its body; the
 * outermost of the guard's handlers. Each is here because Jetty's or Fuseki's own answer is wrong:
 * <ul>
 * <li>a method other than GET, HEAD, POST, OPTIONS, or POST outside {@link #POST_PATHS}: 405
 * (Fuseki answers 400 "No endpoint" for PUT, DELETE or POST on the dataset itself and 200 for a
 * POST to {@code /$/stats}, Jetty 501 for PROPFIND);</li>
 * <li>any {@code Content-Encoding}: 415 (Fuseki inflates a gzip body past every size limit and
 * answers 500 on a broken one);</li>
 * <li>a charset this JVM does not know: 415 (Jetty's form reader and Fuseki answer 500).</li>
 * </ul>
 */
public final class RequestChecks extends Handler.Wrapper {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    /**
     * Paths that accept POST (SPARQL queries by form or body; reconciliation batches, which OpenRefine posts as a form). Anything else is read by GET only,
     * so a POST there (an upload attempt) is a 405. A new servlet that needs POST adds its path here.
     */
    public static final Set<String> POST_PATHS = Set.of("/newpath/sparql", "/newpath/query", "/reconcile");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        String charset = unknownCharset(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (!METHODS.contains(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
            Response.writeError(request, response, callback, 405, method + " is not allowed: this is a read-only endpoint (" + ALLOW + ")");
        } else if ("POST".equals(method) && !POST_PATHS.contains(Request.getPathInContext(request))) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, OPTIONS");
            Response.writeError(request, response, callback, 405, "POST is not allowed here: this is a read-only endpoint; queries go to "
                    + String.join(" or ", POST_PATHS.stream().sorted().toList()));
        } else if (encoding != null) {
            Response.writeError(request, response, callback, 415, "Content-Encoding '" + LogText.quote(encoding, 64)
                    + "' is not accepted: send the request body uncompressed, without Content-Encoding");
        } else if (charset != null) {
            Response.writeError(request, response, callback, 415, "Unknown charset '" + LogText.quote(charset, 64) + "' in Content-Type; send UTF-8");
        } else {
            return super.handle(request, response, callback);
        }
        return true;
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
                    if (!Charset.isSupported(cs))
                        return cs;
                } catch (IllegalArgumentException e) {
                    return cs;
                }
            }
        }
        return null;
    }
}
