package org.newpathkg.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.jena.query.QueryCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet that puts {@link WebHandler} on HTTP: GET and HEAD only (anything else is 405, as
 * the pages are read only). It copies the request in and the response out; nothing else.
 */
public final class WebServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(WebServlet.class);
    private final transient WebHandler handler;
    /** Open once a page has been built for a request: {@link WebModule#warm} renders the pages beyond the first after it. */
    private final transient CountDownLatch answered = new CountDownLatch(1);

    /** Serves {@code handler}'s answers. */
    public WebServlet(WebHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            if (v.length > 0)
                params.put(k, v[0]);
        });
        String local = req.getLocalAddr().contains(":") ? "[" + req.getLocalAddr() + "]" : req.getLocalAddr();
        String root = Site.root(req.getScheme(), req.getHeader("Host"), local + ":" + req.getLocalPort());
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Request r = new Request(path, params, req.getHeader("Accept"), req.getHeader("Accept-Language"), root);
        Response out;
        try {
            out = handler.handle(r);
        } catch (QueryCancelledException e) {
            out = Response.text(503, "text/plain", "Building this page took too long; try again or use ?page=.\n");
        } catch (RuntimeException e) {
            // The message may quote the request; it goes to the log, not back to the client.
            LOG.warn("Page {} failed: {}", path, e.toString());
            out = Response.text(500, "text/plain", "Could not build this page; the server log says why.\n");
        }
        answered.countDown();
        res.setStatus(out.status());
        res.setContentType(out.contentType());
        // Vary is added to, not replaced: the compression handler outside has put Accept-Encoding there.
        out.headers().forEach((k, v) -> {
            if (k.equalsIgnoreCase("Vary"))
                res.addHeader(k, v);
            else
                res.setHeader(k, v);
        });
        res.setContentLength(out.body().length);
        res.getOutputStream().write(out.body());
    }

    /** Returns once this servlet has built a page for a request (at once if it already has). */
    void awaitFirstAnswer() throws InterruptedException {
        answered.await();
    }
}
