package org.newpathkg.guard.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;
import org.newpathkg.log.LogText;

/**
 * A query reaches Fuseki as UTF-8 or not at all: a {@code application/sparql-query} body in
 * another charset or with bytes that are not UTF-8, and a query string with raw bytes that are
 * not, get a 400. Fuseki would decode both with replacement characters and run what is left,
 * and the result cache would key that altered query. Percent-encoding that is not UTF-8 and
 * forms over the size limit Jetty refuses itself (400, 413) when the parameters are read.
 * A query body is read here (it is already in memory) and replayed.
 */
public final class QueryEncoding implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String refusal = null;
        String ct = request.getContentType();
        // A POST gets here only on RequestChecks.POST_PATHS.
        if ("POST".equals(request.getMethod()) && ct != null
                && ct.split(";", 2)[0].strip().equalsIgnoreCase("application/sparql-query")) {
            String cs = request.getCharacterEncoding();
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readAllBytes();
            }
            if (cs != null && !cs.equalsIgnoreCase("UTF-8") && !cs.equalsIgnoreCase("UTF8") && !cs.equalsIgnoreCase("US-ASCII"))
                refusal = "A SPARQL query body must be UTF-8, not " + LogText.quote(cs, 64);
            else if (!isUtf8(body))
                refusal = "The query body is not valid UTF-8";
            else
                req = new BufferedBody(request, body);
        } else if (RequestChecks.POST_PATHS.contains(Request.getPathInContext(ServletContextRequest.getServletContextRequest(req)))) {
            String query = request.getParameter("query");
            // U+FFFD from raw bytes Jetty decoded, unless the client percent-encoded U+FFFD itself.
            String raw = request.getQueryString();
            if (query != null && query.indexOf('\uFFFD') >= 0 && (raw == null || !raw.toUpperCase(Locale.ROOT).contains("%EF%BF%BD")))
                refusal = "The query parameter is not valid UTF-8";
        }
        if (refusal == null)
            chain.doFilter(req, res);
        else
            ((HttpServletResponse) res).sendError(400, refusal);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
