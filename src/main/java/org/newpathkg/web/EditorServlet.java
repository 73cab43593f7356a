package org.newpathkg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.core.DatasetGraph;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The query editor: YASGUI (Yasqe + Yasr) served from this jar, configured for this graph.
 * <ul>
 * <li>{@code /ui}: the page (template {@code editor.jte} in the site's layout, in the language of
 *     {@code ?lang=} or Accept-Language), with no inline script, under {@link #CSP} (sent by
 *     {@link PageHeaders} in front of this servlet, see {@link WebModule});</li>
 * <li>{@code /ui/config.json?lang=en|ja}: endpoint, prefixes, the query library as example tabs
 *     (tab name and question in that language, default view from a {@code # View:} line);</li>
 * <li>{@code /ui/prefixes.json}: the graph's prefixes in prefix.cc's format, so YASGUI's prefix
 *     autocompleter reads them here instead of from prefix.cc;</li>
 * <li>{@code /ui/terms.json}: the properties and classes this graph uses, for the property and
 *     class autocompleters (instead of Linked Open Vocabularies' web service);</li>
 * <li>{@code /static/ui/*}: the editor's own script and styles, and YASGUI's bundles from the
 *     webjar {@code org.webjars.npm:zazuko__yasgui}.</li>
 * </ul>
 * Queries go to the normal SPARQL endpoint, with the same limits as any other client.
 */
public final class EditorServlet extends HttpServlet {
    /**
     * Hash of the one stylesheet YASGUI's result table (its column resizer) inserts as a
     * {@code <style>} element when it draws a table. It is a constant string in the bundle, so its
     * hash names exactly it; {@code EditorServletTest} recomputes it from the webjar, so a new
     * YASGUI version that changes it fails the build instead of silently losing the style.
     */
    static final String GRIP_STYLE = "sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=";
    /** Hash of the stylesheet the column resizer inserts while a column is dragged: {@code *{cursor:col-resize!important}}. */
    static final String GRIP_DRAG_STYLE = "sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg=";

    /**
     * The page policy of {@code /ui}, as strict as YASGUI 4.5.0 allows (found by running every
     * part of the editor under it in Chromium and reading the violations, see EditorBrowserIT):
     * <ul>
     * <li>scripts only from this origin: no inline script, no eval (YASGUI needs neither);</li>
     * <li>requests (queries, the configuration, the autocompletion lists) only to this origin, so a
     *     shared link or an edited endpoint field that names another server cannot make the browser
     *     send a query there, and nothing goes to prefix.cc or Linked Open Vocabularies;</li>
     * <li>style sheets from this origin plus the two {@code <style>} elements YASGUI's table
     *     inserts, allowed by their hashes rather than by {@code 'unsafe-inline'};</li>
     * <li>{@code style-src-attr 'unsafe-inline'}, the one relaxation: YASGUI 4.5.0 hands a
     *     CONSTRUCT or DESCRIBE response to its parsers without its media type, so it tries the XML
     *     parser on Turtle, and the browser's parse-error document carries a {@code style}
     *     attribute. A style attribute cannot run script, and {@code img-src 'self'} keeps CSS from
     *     loading anything from elsewhere;</li>
     * <li>images and fonts from this origin only (YASGUI draws its icons as inline SVG), no
     *     plugins, frames, or {@code <base>}; forms post only here; never framed.</li>
     * </ul>
     */
    public static final String CSP = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' '" + GRIP_STYLE + "' '" + GRIP_DRAG_STYLE + "'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    /** The webjar's folder of YASGUI's self-contained bundles. */
    static final String YASGUI = "/META-INF/resources/webjars/zazuko__yasgui/4.5.0/build/";

    /** The webjar's folder of d3's self-contained bundle (the graph view's force layout and scales). */
    static final String D3 = "/META-INF/resources/webjars/d3/7.9.0/dist/";

    private static final Map<String, String[]> FILES = Map.of(
            "editor.js", new String[] {"ui/editor.js", "text/javascript"},
            "views.js", new String[] {"ui/views.js", "text/javascript"},
            "complete.js", new String[] {"ui/complete.js", "text/javascript"},
            "editor.css", new String[] {"ui/editor.css", "text/css"},
            "yasgui.min.js", new String[] {YASGUI + "yasgui.min.js", "text/javascript"},
            "yasgui.min.css", new String[] {YASGUI + "yasgui.min.css", "text/css"},
            "d3.min.js", new String[] {D3 + "d3.min.js", "text/javascript"});

    private final transient EditorConfig config;
    private final transient Site site;

    /** What the editor's page is rendered from: the site's frame and the introduction naming the endpoint. */
    public record EditorView(View.Frame frame, String intro) {}

    /** The editor over {@code dataset} (read to list its properties and classes), with links as {@code site} maps them. */
    public EditorServlet(DatasetGraph dataset, Site site) {
        this.config = new EditorConfig(dataset);
        this.site = site;
    }

    /** Builds the editor's configuration and term lists once ({@link WebModule#warm}). */
    void warm(String lang) {
        config.config(lang);
        config.terms();
    }

    /** The page {@code /ui} in the language the request asks for. */
    String page(Request req) {
        PageContext ctx = new PageContext(req, site);
        // Filled in by hand rather than by MessageFormat, which would take the apostrophes of the text as quotes.
        String intro = ctx.t("ui.intro").replace("{0}", EditorConfig.ENDPOINT);
        return Templates.render("editor.jte", new EditorView(ctx.frame(ctx.t("ui.heading"), null, List.of(), false), intro));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String lang = PageContext.chooseLang(req.getParameter("lang"), req.getHeader("Accept-Language"));
        switch (path) {
            case "/ui", "/ui/" -> {
                Map<String, String> params = new LinkedHashMap<>();
                for (String p : new String[] {"lang", "example"})
                    if (req.getParameter(p) != null)
                        params.put(p, req.getParameter(p));
                res.addHeader("Vary", "Accept-Language");       // beside the compression handler's Accept-Encoding
                byte[] html = page(new Request(path, params, req.getHeader("Accept"), req.getHeader("Accept-Language"), null)).getBytes(StandardCharsets.UTF_8);
                send(res, 200, "text/html; charset=utf-8", html, "no-cache");
            }
            case "/ui/config.json" -> json(res, config.config(lang));
            case "/ui/prefixes.json" -> json(res, EditorConfig.prefixes());
            case "/ui/terms.json" -> json(res, config.terms());
            default -> {
                String[] f = path.startsWith("/static/ui/") ? FILES.get(path.substring("/static/ui/".length())) : null;
                if (f == null) {
                    send(res, 404, "text/plain; charset=utf-8", ("No such file in the query editor: " + path + "\n").getBytes(StandardCharsets.UTF_8), null);
                    return;
                }
                send(res, 200, f[1] + "; charset=utf-8", resource(f[0]), "max-age=3600");
            }
        }
    }

    private static void json(HttpServletResponse res, JsonObject o) throws IOException {
        send(res, 200, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8), "no-cache");
    }

    private static void send(HttpServletResponse res, int status, String type, byte[] body, String cache) throws IOException {
        res.setStatus(status);
        res.setContentType(type);
        if (cache != null)
            res.setHeader("Cache-Control", cache);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** A file of the editor: a path under this package, or an absolute class-path name. */
    static byte[] resource(String name) {
        try (InputStream in = EditorServlet.class.getResourceAsStream(name)) {
            if (in == null)
                throw new IllegalStateException("Missing resource " + name + " (is the YASGUI webjar on the class path?)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
