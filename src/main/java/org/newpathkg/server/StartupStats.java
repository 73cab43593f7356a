package org.newpathkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.ctl.ActionStats;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.rdf.model.Model;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Adds what start-up did to {@code GET /$/stats}: Fuseki's request counters as before, plus a
 * {@code "startup"} member with the figures given (phase times, triple counts, skipped checks),
 * so the benchmark and monitoring read them as JSON instead of parsing log lines.
 *
 * <pre>{@code
 * NewpathServer.build(kg.dataset(), config, new StartupStats(kg.report().figures()));
 * // curl http://localhost:3030/$/stats  ->  { "datasets": { ... }, "startup": { "quads": 16200, "parseMs": 314, ... } }
 * }</pre>
 */
public final class StartupStats implements FusekiModule {
    /** Where Fuseki serves its statistics. */
    public static final String PATH = "/$/stats";

    private final JsonObject figures;

    /** {@code figures}: names to numbers, booleans, strings or collections of strings, in the order given. */
    public StartupStats(Map<String, ?> figures) {
        this.figures = toJson(new LinkedHashMap<>(figures));
    }

    @Override
    public String name() {
        return "newpath-startup-stats";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        builder.addFilter(PATH, new StatsFilter());
    }

    private final class StatsFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                chain.doFilter(req, res);
                return;
            }
            // Fuseki's own statistics, as its servlet would write them, with ours beside them.
            JsonObject stats = ActionStats.generateStats(DataAccessPointRegistry.get(request.getServletContext()));
            stats.put("startup", figures);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            if ("HEAD".equals(request.getMethod()))
                return;
            try (OutputStream out = response.getOutputStream()) {
                JSON.write(out, stats);
            }
        }
    }

    private static JsonObject toJson(Map<String, ?> figures) {
        JsonObject o = new JsonObject();
        figures.forEach((k, v) -> {
            if (v instanceof Boolean b)
                o.put(k, b);
            else if (v instanceof Number n)
                o.put(k, n.longValue());
            else if (v instanceof Collection<?> c) {
                JsonArray a = new JsonArray();
                c.forEach(x -> a.add(String.valueOf(x)));
                o.put(k, a);
            } else
                o.put(k, String.valueOf(v));
        });
        return o;
    }
}
