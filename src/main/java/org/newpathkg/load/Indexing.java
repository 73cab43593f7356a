package org.newpathkg.load;

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
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.newpathkg.text.TextSearch;
import org.newpathkg.vocab.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index stage, started right after parsing so that it runs beside validation and inference
 * instead of after them: the TDB2 store is filled by the TDB2 bulk loader in one background
 * thread and the Lucene index written directly (one document per indexed triple, as jena-text's
 * change monitor would write it) in another, both reading the parsed data while the pipeline's
 * thread only reads it too (validation) or writes the inferred graph, which they take last.
 * <p>
 * Adding quad by quad through the jena-text dataset after inference (the earlier way) made every
 * add a store update plus a {@code contains} check plus an index call on one thread; on a cold
 * JVM that was more than half of start-up.
 *
 * <pre>{@code
 * Indexing indexing = Indexing.start(parsed, target);   // background threads start
 * ... validate, infer ...
 * DatasetGraph text = indexing.finish(parsed);          // the text-indexed store
 * }</pre>
 */
final class Indexing {
    private static final Logger LOG = LoggerFactory.getLogger(Indexing.class);
    /** Above this the parallel loader's worker threads pay off; below it they only cost start-up time. */
    static final long PARALLEL_LOADER_FROM = 500_000;

    private final Target target;
    private final Load load;
    private final Text text;

    private Indexing(Target target, Load load, Text text) {
        this.target = target;
        this.load = load;
        this.text = text;
    }

    /**
     * Starts filling {@code target} from {@code parsed}, which gets an empty inferred graph for
     * inference to write; the loader waits at that graph until {@link #finish} says it is complete.
     */
    static Indexing start(DatasetGraph parsed, Target target) {
        parsed.addGraph(Graphs.INFERRED, GraphFactory.createDefaultGraph());
        Load load = new Load(parsed, target.store(), Graphs.INFERRED);
        Text text;
        try {
            text = new Text(TextSearch.index(target.lucene()), indexed(parsed.find()));
        } catch (RuntimeException e) {
            load.abandon();
            throw e;
        }
        return new Indexing(target, load, text);
    }

    /**
     * What the index stage produced.
     *
     * @param text                 the filled store with its text index attached
     * @param quads                quads loaded into the store
     * @param loaderQuadsPerSecond the TDB2 loader's rate, not counting the time it waited for inference
     */
    record Indexed(DatasetGraph text, long quads, long loaderQuadsPerSecond) {}

    /** Inference is done: indexes the inferred graph of {@code parsed} and waits for both threads. */
    Indexed finish(DatasetGraph parsed) {
        text.add(indexed(parsed.find(Graphs.INFERRED, Node.ANY, Node.ANY, Node.ANY)));
        long quads = load.finish();
        return new Indexed(TextSearch.textDataset(target.store(), text.finish()), quads, load.quadsPerSecond);
    }

    /** Start-up failed: stops both threads; the target is then discarded. */
    void abandon() {
        load.abandon();
        text.abandon();
    }

    /** The result of a background thread, with its own exception rather than a wrapped one. */
    private static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r)
                throw r;
            throw e;
        }
    }

    /** Waits for a background thread told to stop; its failure is expected then and only logged. */
    private static void awaitStopped(CompletableFuture<?> work, String what) {
        try {
            work.join();
        } catch (RuntimeException e) {
            LOG.debug("{} stopped: {}", what, e.getMessage());
        }
    }

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

    /** The Lucene index being written in the background. */
    private static final class Text {
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
            long docs = join(work);
            index.prepareCommit();
            index.commit();
            LOG.debug("Indexed {} text documents", docs);
            return index;
        }

        /** Stops the background writes (start-up failed) and closes the index. */
        void abandon() {
            abandoned.set(true);
            awaitStopped(work, "Text indexing");
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
    private static final class Load {
        private final CompletableFuture<Boolean> laterReady = new CompletableFuture<>();
        private final CompletableFuture<Long> work;
        private volatile long quadsPerSecond = -1;

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
            return join(work);
        }

        /** Start-up failed: stops the load as soon as it looks up, leaving the store to be discarded. */
        void abandon() {
            laterReady.complete(false);
            awaitStopped(work, "Load");
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
            quadsPerSecond = loader.countQuads() * 1000 / ms;
            LOG.info(String.format("TDB2 %s loader: %,d quads in %,d ms (%,d quads/s, not counting %,d ms waiting for inference)",
                    size >= PARALLEL_LOADER_FROM ? "parallel" : "basic", loader.countQuads(), ms,
                    quadsPerSecond, waited / 1_000_000));
            return loader.countQuads();
        }
    }
}
