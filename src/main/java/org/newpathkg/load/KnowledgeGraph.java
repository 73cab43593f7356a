package org.newpathkg.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.newpathkg.rdf.UnionView;

/**
 * The loaded, validated, inferred and indexed dataset, ready to be queried or served.
 * {@link #dataset()} is read-only and its default graph is the union of all named graphs.
 */
public final class KnowledgeGraph implements AutoCloseable {
    private final DatasetGraph text;
    private final DatasetGraph served;
    private final DatasetGraph store;
    private final Report report;
    private Runnable onClose = () -> {};

    /**
     * What start-up did: phase times in milliseconds ({@code parseMs} etc. are -1 when a stored
     * database was reused, and {@code indexMs} is then the time to open it), the size, where the
     * data came from, the TDB2 loader's rate (-1 if it did not run) and the checks that were skipped.
     */
    public record Report(long quads, long graphs, long inferred, long parseMs, long validateMs, long inferMs,
                         long indexMs, boolean reused, String source, String location, long loaderQuadsPerSecond,
                         List<String> skippedChecks) {

        public Report {
            skippedChecks = List.copyOf(skippedChecks);
        }

        /** A stored database opened in {@code openMs}. */
        static Report reused(long quads, long graphs, long inferred, long openMs, String source, String location) {
            return new Report(quads, graphs, inferred, -1, -1, -1, openMs, true, source, location, -1, List.of());
        }

        /** The one start-up log line. */
        public String summary() {
            if (reused)
                return String.format("Reused %s: %,d quads in %,d graphs (%,d inferred), open %d ms (source %s unchanged)",
                        location, quads, graphs, inferred, indexMs, source);
            return String.format("Loaded %,d quads in %,d graphs (%,d inferred) from %s into %s: parse %d ms, validate %d ms, infer %d ms, index %d ms",
                    quads, graphs, inferred, source, location, parseMs, validateMs, inferMs, indexMs);
        }

        /**
         * The same figures by name, for machine-readable statistics ({@code /$/stats}), which anyone may
         * read: no path of the server's file system (the database's folder, a {@code --data} directory);
         * the log names them for the operator.
         */
        public Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quads", quads);
            m.put("graphs", graphs);
            m.put("inferred", inferred);
            m.put("reused", reused);
            if (reused) {
                m.put("openMs", indexMs);
            } else {
                m.put("parseMs", parseMs);
                m.put("validateMs", validateMs);
                m.put("inferMs", inferMs);
                m.put("indexMs", indexMs);
            }
            m.put("loaderQuadsPerSecond", loaderQuadsPerSecond);
            m.put("source", source.startsWith("classpath:") ? source : "directory");
            m.put("skippedChecks", skippedChecks);
            return m;
        }
    }

    /** {@code text} is the text-indexed {@code store}; it is served through a read-only union view. */
    KnowledgeGraph(DatasetGraph text, DatasetGraph store, Report report) {
        this.text = text;
        this.served = new UnionView(text);
        this.store = store;
        this.report = report;
    }

    /** The dataset to query: read-only, union default graph, text index attached. */
    public DatasetGraph dataset() {
        return served;
    }

    /** What start-up did. */
    public Report report() {
        return report;
    }

    /** Runs {@code action} after {@link #close()}; returns this. */
    KnowledgeGraph onClose(Runnable action) {
        this.onClose = action;
        return this;
    }

    /** Closes the store and the text index; a TDB2 database is released so it can be reopened. */
    @Override
    public void close() {
        text.close();
        if (DatabaseMgr.isTDB2(store))
            TDBInternal.expel(store, true);
        onClose.run();
    }
}
