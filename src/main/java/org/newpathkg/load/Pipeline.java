package org.newpathkg.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.jena.query.text.TextIndex;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.jena.dboe.base.file.Location;
import org.newpathkg.inference.Inference;
import org.newpathkg.text.TextSearch;
import org.newpathkg.vocab.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: parse, validate, infer, index; each phase timed and summarised in one log line.
 * Any failure throws before anything is served, so a half graph is never visible.
 *
 * <pre>{@code
 * try (KnowledgeGraph kg = Pipeline.load(SourceTree.directory(Path.of(".")), null)) {   // in memory
 *     QueryExec.dataset(kg.dataset()).query("SELECT * { ?s ?p ?o } LIMIT 1").select();
 * }
 * }</pre>
 *
 * <h2>The store</h2>
 * Both stores are TDB2 (in memory by default; on disk with {@code tdb2Dir}), filled by the TDB2
 * bulk loader and wrapped in a jena-text dataset over a Lucene index written directly from the
 * same quads (one document per indexed triple, as jena-text's own monitor writes it), so the
 * two behave the same. Both are filled in background threads while validation and inference run
 * ({@link StoreBuilder}); nothing is served unless all phases succeed.
 * <p>
 * On disk, {@code tdb2Dir/current} names the live database {@code db-<sha256 of the sources>}
 * (TDB2 in {@code tdb2/}, Lucene in {@code lucene/}). If the hash of the sources is unchanged
 * the database is reused without parsing. Otherwise a fresh {@code db-<hash>} is built beside it
 * and {@code current} is replaced by an atomic rename only after the build succeeded, so a
 * failed or killed rebuild leaves the last good database in place.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** Counts parse phases, so tests can prove a reused database was not re-parsed. */
    private static final AtomicInteger PARSES = new AtomicInteger();

    static final String CURRENT = "current";
    static final String SIZE = "size.txt";

    private Pipeline() {}

    /** Number of parse phases run in this JVM. */
    public static int parseCount() {
        return PARSES.get();
    }

    static void countParse() {
        PARSES.incrementAndGet();
    }

    /** Loads {@code src} into memory, or into / from {@code tdb2Dir} when it is not null. */
    public static KnowledgeGraph load(SourceTree src, Path tdb2Dir) {
        return load(src, tdb2Dir, true);
    }

    /**
     * As {@link #load(SourceTree, Path)}; {@code validate} false skips the SHACL shapes and the
     * integrity checks (benchmarks of corpora too large to validate in the time at hand only).
     * With a {@code tdb2Dir} too, nothing is held in memory: the files are streamed into the TDB2
     * bulk loader, inference runs over the stored data and the text index is built from it
     * ({@link StoreBuilder#bulk}), which is how ten million triples fit in one machine.
     */
    public static KnowledgeGraph load(SourceTree src, Path tdb2Dir, boolean validate) {
        TextSearch.init();
        TextSearch.warmUp();
        if (tdb2Dir == null) {
            // The packaged data, unedited: open the database mvn package built and validated for it.
            Optional<Path> prebuilt = src.root().isEmpty() ? Prebuilt.extract(src) : Optional.empty();
            if (prebuilt.isPresent()) {
                try {
                    KnowledgeGraph kg = loadTdb2(src, prebuilt.get(), validate);
                    if (kg.report().reused()) {
                        LOG.info("Serving the database built and validated by 'mvn package' for these sources (a private copy in {})",
                                prebuilt.get());
                        return kg.onClose(() -> Prebuilt.delete(prebuilt.get()));
                    }
                    kg.close();   // not reused after all (cannot happen with a matching name): build in memory
                } catch (RuntimeException e) {
                    LOG.warn("Could not open the packaged database ({}); building in memory", e.getMessage());
                }
                Prebuilt.delete(prebuilt.get());
            }
            return build(src, null, "memory", validate);
        }
        return loadTdb2(src, tdb2Dir, validate);
    }

    private static KnowledgeGraph loadTdb2(SourceTree src, Path dir, boolean validate) {
        String hash = src.contentHash();
        String name = "db-" + hash.substring(0, 16);
        Path db = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Path pointer = dir.resolve(CURRENT);
            String current = Files.isRegularFile(pointer) ? Files.readString(pointer).strip() : null;
            if (name.equals(current) && Files.isDirectory(db)) {
                long t0 = System.nanoTime();
                DatasetGraph store = DatabaseMgr.connectDatasetGraph(Location.create(db.resolve("tdb2")));
                TextIndex index = TextSearch.index(FSDirectory.open(db.resolve("lucene")));
                DatasetGraph text = TextSearch.textDataset(store, index);
                long[] size = readSize(db);
                if (size == null)
                    size = Txn.calculateRead(text, () -> size(text));
                KnowledgeGraph.Report r = new KnowledgeGraph.Report(size[0], size[1], size[2], -1, -1, -1,
                        ms(t0), true, src.describe(), db.toString());
                LOG.info(r.summary());
                return new KnowledgeGraph(ServedDataset.over(text), store, r);
            }
            LOG.info("Building TDB2 database {} ({})", db,
                    current == null ? "no database yet" : "sources changed since " + current);
            deleteTree(db);
            KnowledgeGraph kg;
            try {
                kg = build(src, db, db.toString(), validate);
            } catch (RuntimeException e) {
                deleteTree(db);
                throw e;
            }
            writeSize(db, kg.report());
            switchPointer(dir, pointer, name);
            removeOld(dir, name);
            return kg;
        } catch (IOException e) {
            throw new UncheckedIOException("TDB2 directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Points {@code current} at {@code name}: written to a temporary file, flushed to disk, then
     * renamed over the old pointer, so that after a crash (or power loss) the pointer names
     * either the old database or the new, complete one.
     */
    private static void switchPointer(Path dir, Path pointer, String name) throws IOException {
        Path tmp = dir.resolve(CURRENT + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }

    private static KnowledgeGraph build(SourceTree src, Path db, String location, boolean validateData) {
        if (db != null && !validateData)
            return StoreBuilder.bulk(src, db, location);
        long t0 = System.nanoTime();
        PARSES.incrementAndGet();
        DataLoader.Loaded loaded = DataLoader.load(src);
        long parse = ms(t0);

        // The store and the text index are filled in two background threads while this one
        // validates and infers; they read the parsed graphs, of which inference only writes the
        // inferred graph, which they take last. A validation failure discards both.
        DatasetGraph store = null;
        StoreBuilder.Text text = null;
        StoreBuilder.Load load = null;
        try {
            store = db == null ? DatabaseMgr.createDatasetGraph()
                               : DatabaseMgr.connectDatasetGraph(Location.create(db.resolve("tdb2")));
            Directory dir = db == null ? new ByteBuffersDirectory() : FSDirectory.open(db.resolve("lucene"));
            loaded.dataset().addGraph(Graphs.INFERRED, GraphFactory.createDefaultGraph());
            load = StoreBuilder.startLoad(loaded.dataset(), store, Graphs.INFERRED);
            text = StoreBuilder.startText(TextSearch.index(dir), StoreBuilder.indexed(loaded.dataset().find()));

            t0 = System.nanoTime();
            if (validateData)
                validate(src, loaded);
            else
                LOG.warn("Validation skipped (--skip-validation): {} is served without SHACL or integrity checks", src.describe());
            long validate = ms(t0);

            t0 = System.nanoTime();
            long inferred = Inference.materialise(loaded.dataset());
            long infer = ms(t0);

            t0 = System.nanoTime();
            text.add(StoreBuilder.indexed(loaded.dataset().find(Graphs.INFERRED, Node.ANY, Node.ANY, Node.ANY)));
            long quads = load.finish();
            TextIndex index = text.finish();
            DatasetGraph served = TextSearch.textDataset(store, index);
            long graphs = Txn.calculateRead(served, () -> count(served.listGraphNodes()));
            KnowledgeGraph.Report r = new KnowledgeGraph.Report(quads, graphs, inferred, parse, validate, infer,
                    ms(t0), false, src.describe(), location);
            LOG.info(r.summary());
            return new KnowledgeGraph(ServedDataset.over(served), store, r);
        } catch (IOException e) {
            cleanUp(store, text, load);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            cleanUp(store, text, load);
            throw e;
        }
    }

    private static void validate(SourceTree src, DataLoader.Loaded loaded) {
        List<String> problems = new ArrayList<>(Validator.shapes(loaded.shapes(), loaded.dataset()));
        if (!problems.isEmpty())
            throw new DataException(problems.size() + " SHACL violation(s) in " + src.describe()
                    + " (ontology/shapes.ttl); fix the data:", problems);
        problems.addAll(Validator.checks(src, loaded.dataset()));
        if (!problems.isEmpty())
            throw new DataException(problems.size() + " integrity check violation(s) in " + src.describe()
                    + " (ontology/checks/*-violation.rq); fix the data:", problems);
    }

    private static void cleanUp(DatasetGraph store, StoreBuilder.Text text, StoreBuilder.Load load) {
        if (load != null)
            load.abandon();
        if (text != null)
            text.abandon();
        if (store != null && DatabaseMgr.isTDB2(store))
            TDBInternal.expel(store, true);
    }

    private static long count(Iterator<?> it) {
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** The sizes counted when the database was built, so reopening a large one need not scan it. */
    private static void writeSize(Path db, KnowledgeGraph.Report r) throws IOException {
        Files.writeString(db.resolve(SIZE), r.quads() + " " + r.graphs() + " " + r.inferred() + "\n");
    }

    private static long[] readSize(Path db) {
        try {
            String[] f = Files.readString(db.resolve(SIZE)).strip().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
        } catch (IOException | RuntimeException e) {
            return null;   // a database built before the file existed: count instead
        }
    }

    private static long[] size(DatasetGraph dsg) {
        long quads = 0, graphs = 0;
        Iterator<org.apache.jena.graph.Node> gs = dsg.listGraphNodes();
        while (gs.hasNext()) {
            gs.next();
            graphs++;
        }
        Iterator<Quad> it = dsg.find();
        while (it.hasNext()) {
            it.next();
            quads++;
        }
        long inferred = dsg.getGraph(org.newpathkg.vocab.Graphs.INFERRED).size();
        return new long[] {quads, graphs, inferred};
    }

    private static void removeOld(Path dir, String keep) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("db-") && !n.equals(keep))
                    deleteTree(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove old databases in {}: {}", dir, e.getMessage());
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p))
            return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList())
                Files.delete(x);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
