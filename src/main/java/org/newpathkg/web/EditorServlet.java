package org.newpathkg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.core.DatasetGraph;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The query editor: YASGUI (Yasqe + Yasr) served from this jar, configured for this graph.
 * <ul>
 * <li>{@code /ui}: the page, a static HTML file with no inline script, under {@link #CSP}
 *     (sent by {@link PageHeaders} in front of this servlet, see {@link WebModule});</li>
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
     * The page policy of {@code /ui}, as strict as YASGUI 4.5.0 allows:
     * scripts only from this origin and never inline or eval'd; requests (queries, the
     * configuration, autocompletion lists) only to this origin, so a shared link that names another
     * endpoint cannot make the browser send the query elsewhere; no plugins, frames or base
     * rewriting; not framable. Two relaxations, both for styles only: {@code style-src
     * 'unsafe-inline'} because YASGUI's table (its column resizer) and CodeMirror insert
     * {@code <style>} elements and style attributes at run time; {@code img-src data:} because
     * YASGUI's icons and CodeMirror's gutter use data: URIs. Neither lets a script run.
     */
    public static final String CSP = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    /** The webjar's folder of YASGUI's self-contained bundles. */
    static final String YASGUI = "/META-INF/resources/webjars/zazuko__yasgui/4.5.0/build/";

    private static final Map<String, String[]> FILES = Map.of(
            "editor.js", new String[] {"ui/editor.js", "text/javascript"},
            "views.js", new String[] {"ui/views.js", "text/javascript"},
            "editor.css", new String[] {"ui/editor.css", "text/css"},
            "yasgui.min.js", new String[] {YASGUI + "yasgui.min.js", "text/javascript"},
            "yasgui.min.css", new String[] {YASGUI + "yasgui.min.css", "text/css"});

    private final transient EditorConfig config;

    /** The editor over {@code dataset} (read to list its properties and classes). */
    public EditorServlet(DatasetGraph dataset) {
        this.config = new EditorConfig(dataset);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String lang = PageContext.chooseLang(req.getParameter("lang"), req.getHeader("Accept-Language"));
        switch (path) {
            case "/ui", "/ui/" -> {
                res.setHeader("Vary", "Accept-Language");
                send(res, 200, "text/html; charset=utf-8", resource("ui/editor.html"), "no-cache");
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
        res.setHeader("X-Content-Type-Options", "nosniff");
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
