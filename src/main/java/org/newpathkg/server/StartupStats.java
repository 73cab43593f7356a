package org.newpathkg.server;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.newpathkg.guard.GuardModule;


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
    public static final String PATH = GuardModule.STATS_PATH;

    private final JsonObject figures;

    /** {@code figures}: names to numbers, booleans, strings or collections of strings, in the order given. */
    public StartupStats(Map<String, ?> figures) {
        this.figures = toJson(new LinkedHashMap<>(figures));
    }

    @Override
    public String name() {
        return "newpath-startup-stats";
    }

    /** Adds the figures to {@code /$/stats} (served by the guard module, beside Fuseki's counters and the admission figures). */
    @Override
    public void server(FusekiServer server) {
        GuardModule.statsMembers(server.getServletContext()).put("startup", figures);
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
