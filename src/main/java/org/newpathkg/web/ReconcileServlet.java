package org.newpathkg.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /reconcile} on HTTP ({@link Reconciliation}): GET without {@code queries} is the manifest;
 * GET or POST (form-encoded, as OpenRefine sends it) with {@code queries} a batch;
 * {@code /reconcile/preview?id=} an entity's preview; {@code /reconcile/suggest/entity|type|property?prefix=}
 * suggest. The JSON answers allow any origin (CORS), as the data is public and read only; the
 * preview may be framed (OpenRefine shows it in an iframe) but runs no script. A POST body
 * past {@value #MAX_BODY} bytes is a 413, a bad batch a 400 saying why.
 */
public final class ReconcileServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileServlet.class);
    /** Largest form body read, in bytes: {@value Reconciliation#MAX_QUERIES} queries with properties fit. */
    static final int MAX_BODY = 256 * 1024;
    /** The paths this servlet answers (below the context). */
    static final java.util.List<String> PATHS = java.util.List.of("/reconcile", "/reconcile/*");
    /** The preview's policy: this server's style sheet only, no script; framing allowed. */
    static final String PREVIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private final transient Reconciliation service;
    private final transient Site site;

    /** The service over {@code dataset} (the read-only union view), with {@code finder} as its lookup. */
    ReconcileServlet(DatasetGraph dataset, Finder finder, Site site) {
        this.service = new Reconciliation(dataset, finder);
        this.site = site;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        answer(req, res);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getContentLengthLong() > MAX_BODY) {
            send(res, 413, "application/json", error("The request body has at most " + MAX_BODY + " bytes."));
            return;
        }
        answer(req, res);
    }

    @Override
    protected void doOptions(HttpServletRequest req, HttpServletResponse res) {
        cors(res);
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.setHeader("Access-Control-Allow-Headers", "Content-Type");
        res.setStatus(204);
    }

    private void answer(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Map<String, String> params = new LinkedHashMap<>();
        try {
            req.getParameterMap().forEach((k, v) -> {
                if (v.length > 0)
                    params.put(k, v[0]);
            });
        } catch (RuntimeException e) {
            // Jetty refuses a form past its own size limit or badly encoded.
            send(res, 400, "application/json", error("The form could not be read: " + Reconciliation.shorten(e.getMessage())));
            return;
        }
        String local = req.getLocalAddr().contains(":") ? "[" + req.getLocalAddr() + "]" : req.getLocalAddr();
        String root = Site.root(req.getScheme(), req.getHeader("Host"), local + ":" + req.getLocalPort());
        PageContext ctx = new PageContext(new Request(path, params, req.getHeader("Accept"), req.getHeader("Accept-Language"), root), site);
        res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        try {
            switch (path) {
                case "/reconcile", "/reconcile/" -> {
                    String queries = params.get("queries");
                    JsonObject out = queries == null ? service.manifest(site.base(root), ctx) : service.reconcile(queries, ctx);
                    send(res, 200, "application/json", JSON.toString(out));
                }
                case "/reconcile/preview" -> {
                    String id = params.get("id");
                    if (id == null) {
                        send(res, 400, "text/plain", "Give the entity as ?id=, such as ?id=kim-jong-un.\n");
                        return;
                    }
                    SearchView.Preview p = service.preview(id, ctx);
                    res.setHeader("Content-Security-Policy", PREVIEW_CSP);
                    if (p == null)
                        send(res, 404, "text/plain", "No entity " + Reconciliation.shorten(id) + " in this graph.\n");
                    else
                        send(res, 200, "text/html", Templates.render("reconcilePreview.jte", p));
                }
                case "/reconcile/suggest/entity" -> send(res, 200, "application/json",
                        JSON.toString(service.suggestEntities(params.get("prefix"), params.get("type"), ctx)));
                case "/reconcile/suggest/type" -> send(res, 200, "application/json",
                        JSON.toString(service.suggestTerms("types", params.get("prefix"), ctx)));
                case "/reconcile/suggest/property" -> send(res, 200, "application/json",
                        JSON.toString(service.suggestTerms("properties", params.get("prefix"), ctx)));
                default -> send(res, 404, "application/json", error("No such reconciliation path; the manifest is at /reconcile."));
            }
        } catch (Reconciliation.BadRequest e) {
            send(res, 400, "application/json", error(e.getMessage()));
        } catch (QueryCancelledException e) {
            send(res, 503, "application/json", error("The lookup took too long; try a smaller batch."));
        } catch (RuntimeException e) {
            LOG.warn("Reconciliation {} failed: {}", path, e.toString());
            send(res, 500, "application/json", error("The lookup failed; the server log says why."));
        }
    }

    private static String error(String message) {
        JsonObject o = new JsonObject();
        o.put("error", message);
        return JSON.toString(o);
    }

    private static void cors(HttpServletResponse res) {
        res.setHeader("Access-Control-Allow-Origin", "*");
    }

    private static void send(HttpServletResponse res, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        cors(res);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        res.setStatus(status);
        res.setContentType(type + "; charset=utf-8");
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }
}
