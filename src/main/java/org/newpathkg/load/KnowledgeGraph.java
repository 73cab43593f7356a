package org.newpathkg.load;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The loaded, validated, inferred and indexed dataset, ready to be queried or served.
 * {@link #dataset()} is read-only and its default graph is the union of all named graphs.
 */
public final class KnowledgeGraph implements AutoCloseable {
    private final DatasetGraph served;
    private final DatasetGraph store;
    private final Report report;
    private Runnable onClose = () -> {};

    /**
     * What start-up did: phase times in milliseconds ({@code parseMs} etc. are -1 when a stored
     * database was reused), the size, and where the data came from.
     */
    public record Report(long quads, long graphs, long inferred, long parseMs, long validateMs, long inferMs,
                         long indexMs, boolean reused, String source, String location) {

        /** The one start-up log line. */
        public String summary() {
            if (reused)
                return String.format("Reused %s: %,d quads in %,d graphs (%,d inferred), open %d ms (source %s unchanged)",
                        location, quads, graphs, inferred, indexMs, source);
            return String.format("Loaded %,d quads in %,d graphs (%,d inferred) from %s into %s: parse %d ms, validate %d ms, infer %d ms, index %d ms",
                    quads, graphs, inferred, source, location, parseMs, validateMs, inferMs, indexMs);
        }
    }

    KnowledgeGraph(DatasetGraph served, DatasetGraph store, Report report) {
        this.served = served;
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
        served.close();
        if (DatabaseMgr.isTDB2(store))
            TDBInternal.expel(store, true);
        onClose.run();
    }
}
