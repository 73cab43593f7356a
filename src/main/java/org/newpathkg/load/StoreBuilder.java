package org.newpathkg.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Node;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.lucene.store.FSDirectory;
import org.newpathkg.inference.Inference;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.newpathkg.text.TextSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index phase, taken apart so that it runs beside validation and inference instead of after
 * them: the Lucene index is written directly (one document per indexed triple, as jena-text's
 * change monitor would write it) in one background thread, and the TDB2 store is filled by the
 * TDB2 bulk loader in another, both reading the parsed data while the main thread only reads it
 * too (validation) or writes a graph they have not reached yet (inference).
 * <p>
 * Adding quad by quad through the jena-text dataset after inference (the earlier way) made every
 * add a store update plus a {@code contains} check plus an index call on one thread; on a cold
 * JVM that was more than half of start-up.
 */
final class StoreBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBuilder.class);
    /** Above this the parallel loader's worker threads pay off; below it they only cost start-up time. */
    static final long PARALLEL_LOADER_FROM = 500_000;

    private StoreBuilder() {}

    /** The quads whose predicate is indexed, copied out so a background thread can read them safely. */
    static List<Quad> indexed(Iterator<Quad> quads) {
        List<Quad> out = new ArrayList<>();
        while (quads.hasNext()) {
            Quad q = quads.next();
            if (TextSearch.isIndexed(q.getPredicate()))
                out.add(q);
        }
        return out;
    }

    /** Starts indexing {@code quads} into {@code index} in a background thread. */
    static Text startText(TextIndex index, List<Quad> quads) {
        return new Text(index, quads);
    }

    /** The Lucene index being written in the background. */
    static final class Text {
        private final TextIndex index;
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private CompletableFuture<Long> work;

        private Text(TextIndex index, List<Quad> quads) {
            this.index = index;
            this.work = CompletableFuture.supplyAsync(() -> write(quads));
        }

        /** Indexes more quads after those already queued. */
        void add(List<Quad> quads) {
            if (!quads.isEmpty())
                work = work.thenApply(n -> n + write(quads));
        }

        /** Waits for the writes, commits, and returns the index. */
        TextIndex finish() {
            try {
                long docs = work.join();
                index.prepareCommit();
                index.commit();
                LOG.debug("Indexed {} text documents", docs);
                return index;
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r)
                    throw r;
                throw e;
            }
        }

        /** Stops the background writes (start-up failed) and closes the index. */
        void abandon() {
            abandoned.set(true);
            try {
                work.join();
            } catch (RuntimeException e) {
                LOG.debug("Text indexing stopped: {}", e.getMessage());
            }
            index.close();
        }

        private long write(List<Quad> quads) {
            EntityDefinition def = index.getDocDef();
            long docs = 0;
            for (Quad q : quads) {
                if (abandoned.get())
                    break;
                Entity e = TextQueryFuncs.entityFromQuad(def, q);
                if (e != null) {
                    index.addEntity(e);
                    docs++;
                }
            }
            return docs;
        }
    }

    /**
     * Starts filling the empty TDB2 {@code store} from {@code source} in a background thread with
     * the TDB2 bulk loader, graph by graph in the dataset's order, waiting at {@code later} (the
     * inferred graph, written meanwhile) until {@link Load#release()} says it is complete.
     */
    static Load startLoad(DatasetGraph source, DatasetGraph store, Node later) {
        return new Load(source, store, later);
    }

    /** A TDB2 bulk load running in the background. */
    static final class Load {
        private final CompletableFuture<Boolean> laterReady = new CompletableFuture<>();
        private final CompletableFuture<Long> work;

        private Load(DatasetGraph source, DatasetGraph store, Node later) {
            List<Node> graphs = new ArrayList<>();
            source.listGraphNodes().forEachRemaining(graphs::add);
            long size = source.getUnionGraph().size();   // distinct triples: near enough to choose a loader
            this.work = CompletableFuture.supplyAsync(() -> run(source, store, graphs, later, size));
        }

        /** The graph held back is complete: load it and finish. */
        void release() {
            laterReady.complete(true);
        }

        /** Waits for the load; returns the number of quads loaded. */
        long finish() {
            release();
            try {
                return work.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r)
                    throw r;
                throw e;
            }
        }

        /** Start-up failed: stops the load as soon as it looks up, leaving the store to be discarded. */
        void abandon() {
            laterReady.complete(false);
            try {
                work.join();
            } catch (RuntimeException e) {
                LOG.debug("Load stopped: {}", e.getMessage());
            }
        }

        private long run(DatasetGraph source, DatasetGraph store, List<Node> graphs, Node later, long size) {
            long t0 = System.nanoTime();
            long waited = 0;
            DataLoader loader = size >= PARALLEL_LOADER_FROM
                    ? LoaderFactory.parallelLoader(store, (fmt, args) -> LOG.debug(String.format(fmt, args)))
                    : LoaderFactory.basicLoader(store, (fmt, args) -> LOG.debug(String.format(fmt, args)));
            loader.startBulk();
            try {
                StreamRDF dest = loader.stream();
                dest.start();
                // Graphs go in the dataset's own order, as they always did: TDB2 numbers nodes in
                // the order it first sees them, and the order of GROUP_CONCAT follows those numbers.
                for (Node g : graphs) {
                    if (g.equals(later)) {
                        long w0 = System.nanoTime();
                        if (!laterReady.join())
                            throw new IllegalStateException("start-up failed; load abandoned");
                        waited = System.nanoTime() - w0;
                    }
                    source.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(dest::quad);
                }
                dest.finish();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            loader.finishBulk();
            long ms = Math.max(1, (System.nanoTime() - t0 - waited) / 1_000_000);
            LOG.info(String.format("TDB2 %s loader: %,d quads in %,d ms (%,d quads/s, not counting %,d ms waiting for inference)",
                    size >= PARALLEL_LOADER_FROM ? "parallel" : "basic", loader.countQuads(), ms,
                    loader.countQuads() * 1000 / ms, waited / 1_000_000));
            return loader.countQuads();
        }
    }

    /**
     * Builds a TDB2 database in {@code db} without holding the data in memory: the files are
     * streamed into the parallel bulk loader, the inference rules run over the stored data in
     * one write transaction, and the Lucene index is written from the stored quads of each
     * indexed predicate. Not validated: only {@code --skip-validation} leads here, because the
     * shapes and checks need the data in memory.
     */
    static KnowledgeGraph bulk(SourceTree src, Path db, String location) {
        long t0 = System.nanoTime();
        Pipeline.countParse();
        DatasetGraph store = DatabaseMgr.connectDatasetGraph(Location.create(db.resolve("tdb2")));
        try {
            DataLoader loader = LoaderFactory.parallelLoader(store, (fmt, args) -> LOG.debug(String.format(fmt, args)));
            loader.startBulk();
            try {
                StreamRDF dest = loader.stream();
                dest.start();
                org.newpathkg.load.DataLoader.stream(src, dest);
                dest.finish();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            loader.finishBulk();
            long parse = (System.nanoTime() - t0) / 1_000_000;
            long loaded = loader.countQuads();
            LOG.info(String.format("TDB2 parallel loader: %,d quads in %,d ms (%,d quads/s, parsing included)",
                    loaded, Math.max(1, parse), loaded * 1000 / Math.max(1, parse)));

            t0 = System.nanoTime();
            long inferred = Txn.calculateWrite(store, () -> Inference.materialise(store));
            long infer = (System.nanoTime() - t0) / 1_000_000;

            t0 = System.nanoTime();
            TextIndex index = TextSearch.index(FSDirectory.open(db.resolve("lucene")));
            EntityDefinition def = index.getDocDef();
            Txn.executeRead(store, () -> {
                for (Node p : TextSearch.FIELDS.values()) {
                    Iterator<Quad> it = store.find(Node.ANY, Node.ANY, p, Node.ANY);
                    while (it.hasNext()) {
                        Entity e = TextQueryFuncs.entityFromQuad(def, it.next());
                        if (e != null)
                            index.addEntity(e);
                    }
                }
            });
            index.prepareCommit();
            index.commit();
            DatasetGraph served = TextSearch.textDataset(store, index);
            long graphs = Txn.calculateRead(served, () -> {
                long n = 0;
                for (Iterator<Node> g = served.listGraphNodes(); g.hasNext(); g.next())
                    n++;
                return n;
            });
            KnowledgeGraph.Report r = new KnowledgeGraph.Report(loaded + inferred, graphs, inferred, parse, 0, infer,
                    (System.nanoTime() - t0) / 1_000_000, false, src.describe(), location);
            LOG.info(r.summary() + " (bulk: load includes parsing; not validated)");
            return new KnowledgeGraph(ServedDataset.over(served), store, r);
        } catch (IOException e) {
            TDBInternal.expel(store, true);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            TDBInternal.expel(store, true);
            throw e;
        }
    }
}
