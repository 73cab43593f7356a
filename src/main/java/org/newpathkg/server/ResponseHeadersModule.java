package org.newpathkg.server;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Security headers on every response, set by a Jetty handler in front of all others (so refusals
 * by Jetty's own limits carry them too):
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff} everywhere;</li>
 * <li>CORS for a public read-only endpoint: {@code Access-Control-Allow-Origin: *}, never with
 * credentials, the result headers exposed, and preflights answered 204 here;</li>
 * <li>on the SPARQL and data paths ({@code /newpath/*}, {@code /$/*}): a Content-Security-Policy
 * that allows nothing ({@code default-src 'none'; frame-ancestors 'none'}), so no result format
 * can run script or be framed on this origin. The pages' own CSP is set by the pages.</li>
 * </ul>
 * Standard parts tried: Fuseki's {@code CrossOriginFilter} ({@code enableCors}) echoes any
 * request's Origin and adds {@code Access-Control-Allow-Credentials: true}; Jetty's
 * {@code CrossOriginHandler} can drop the credentials but still echoes the Origin (so every
 * answer varies by Origin). A public endpoint with no cookies needs neither, so the four headers
 * are written here and Fuseki's CORS filter is off.
 */
public final class ResponseHeadersModule implements FusekiModule {
    static final String CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String ALLOW_METHODS = "GET, POST, HEAD, OPTIONS";
    static final String ALLOW_HEADERS = "Accept, Content-Type, If-None-Match, X-Timeout";
    static final String EXPOSE_HEADERS = "X-Result-Truncated, X-Result-Limit, X-Cache, ETag, Retry-After";

    @Override
    public String name() {
        return "newpath-response-headers";
    }

    @Override
    public void server(FusekiServer fuseki) {
        Server server = fuseki.getJettyServer();
        server.setHandler(new Headers(server.getHandler()));
    }

    /** Whether {@code path} is a SPARQL or data path (strict CSP) rather than a page. */
    static boolean dataPath(String path) {
        return path.equals(NewpathServer.DATASET) || path.startsWith(NewpathServer.DATASET + "/") || path.startsWith("/$/");
    }

    private static final class Headers extends Handler.Wrapper {
        Headers(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HttpFields.Mutable h = response.getHeaders();
            h.put("X-Content-Type-Options", "nosniff");
            h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            if (dataPath(Request.getPathInContext(request)))
                h.put("Content-Security-Policy", CSP);
            HttpFields in = request.getHeaders();
            if (HttpMethod.OPTIONS.is(request.getMethod()) && in.contains(HttpHeader.ORIGIN)
                    && in.contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)) {
                h.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
                h.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS);
                h.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                response.setStatus(HttpStatus.NO_CONTENT_204);
                response.write(true, null, callback);
                return true;
            }
            h.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
            return super.handle(request, response, callback);
        }
    }
}
