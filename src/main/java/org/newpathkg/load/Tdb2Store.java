package org.newpathkg.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.apache.jena.atlas.RuntimeIOException;
import org.apache.jena.atlas.io.IO;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.lucene.store.FSDirectory;
import org.newpathkg.text.TextSearch;
import org.newpathkg.vocab.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strategy: a TDB2 database kept in a directory. {@code dir/current} names the live database
 * {@code db-<sha256 of the sources>} (TDB2 in {@code tdb2/}, Lucene in {@code lucene/}). While the
 * hash of the sources is unchanged it is reopened without parsing. Otherwise a fresh
 * {@code db-<hash>} is built beside it and {@code current} is replaced by an atomic rename only
 * after the build succeeded, so a failed or killed rebuild leaves the last good database in place.
 */
class Tdb2Store implements StoreStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(Tdb2Store.class);
    static final String CURRENT = "current";
    static final String SIZE = "size.txt";

    private final Path dir;
    private final SourceTree src;
    private final String name;
    private final Path db;

    Tdb2Store(Path dir, SourceTree src) {
        this.dir = dir;
        this.src = src;
        this.name = "db-" + src.contentHash().substring(0, 16);
        this.db = dir.resolve(name);
    }

    @Override
    public Optional<KnowledgeGraph> reuse() {
        Optional<KnowledgeGraph> kg = open();
        if (kg.isEmpty()) {
            String current = current();
            LOG.info("Building TDB2 database {} ({})", db, current == null ? "no database yet" : "sources changed since " + current);
        }
        return kg;
    }

    /** The database {@code current} names, opened, if it was built from these sources. */
    Optional<KnowledgeGraph> open() {
        if (!name.equals(current()) || !Files.isDirectory(db))
            return Optional.empty();
        long t0 = System.nanoTime();
        Opened opened = openStores();
        DatasetGraph text = opened.text();
        try {
            long[] size = readSize();
            if (size == null)
                size = Txn.calculateRead(text, () -> count(text));
            KnowledgeGraph.Report r = KnowledgeGraph.Report.reused(size[0], size[1], size[2], (System.nanoTime() - t0) / 1_000_000,
                    src.describe(), db.toString());
            LOG.info(r.summary());
            return Optional.of(new KnowledgeGraph(text, opened.store(), r));
        } catch (RuntimeException | Error e) {
            text.close();   // as KnowledgeGraph.close: the index and the store, then TDB2's connection
            TDBInternal.expel(opened.store(), true);
            throw e;
        }
    }

    /** The TDB2 store and the dataset that indexes it ({@link TextSearch#textDataset}). */
    private record Opened(DatasetGraph store, DatasetGraph text) {}

    /**
     * TDB2 and the text index over it, each opened in a thread of its own: neither needs the other
     * until they are joined, and on two cores the main thread's was the only work left at this
     * point of start-up (the index about 70-90 ms, TDB2 about 55 ms on a cold JVM, measured one after
     * the other). The index's thread touches only Lucene and jena-text, this one only TDB2, so no
     * library is set up by two threads at once ({@code cli.Preload}). Whichever fails, the other is
     * closed before the error goes on: nothing opened here outlives a failed start-up.
     */
    private Opened openStores() {
        CompletableFuture<TextIndex> index = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                index.complete(TextSearch.index(FSDirectory.open(db.resolve(Target.LUCENE))));
            } catch (Throwable e) {
                index.completeExceptionally(e);
            }
        }, "open-text-index");
        t.setDaemon(true);
        t.start();
        DatasetGraph store;
        try {
            store = DatabaseMgr.connectDatasetGraph(Location.create(db.resolve(Target.TDB2)));
        } catch (RuntimeException | Error e) {
            try {
                index.join().close();
            } catch (RuntimeException ignored) {
                // the index failed too; the store's error is the one to report
            }
            throw e;
        }
        TextIndex text;
        try {
            text = index.join();
        } catch (CompletionException e) {
            TDBInternal.expel(store, true);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io)
                throw new UncheckedIOException("Cannot open the text index in " + db, io);
            if (cause instanceof RuntimeException re)
                throw re;
            if (cause instanceof Error err)
                throw err;
            throw e;
        }
        try {
            return new Opened(store, TextSearch.textDataset(store, text));
        } catch (RuntimeException | Error e) {
            text.close();
            TDBInternal.expel(store, true);
            throw e;
        }
    }

    @Override
    public Target target() {
        try {
            Files.createDirectories(dir);
            deleteTree(db);   // a build killed before it switched the pointer
        } catch (IOException e) {
            throw new UncheckedIOException("TDB2 directory " + dir + ": " + e.getMessage(), e);
        }
        return Target.onDisk(db);
    }

    @Override
    public KnowledgeGraph keep(KnowledgeGraph built) {
        try {
            writeSize(built.report());
            switchPointer();
        } catch (IOException e) {
            built.close();
            throw new UncheckedIOException("TDB2 directory " + dir + ": " + e.getMessage(), e);
        }
        removeOld();
        return built;
    }

    @Override
    public void discard() {
        try {
            deleteTree(db);
        } catch (IOException e) {
            LOG.warn("Could not remove the failed build {}: {}", db, e.getMessage());
        }
    }

    private String current() {
        Path pointer = dir.resolve(CURRENT);
        try {
            return Files.isRegularFile(pointer) ? Files.readString(pointer).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("TDB2 directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Points {@code current} at this database: written to a temporary file, flushed to disk, then
     * renamed over the old pointer, so that after a crash (or power loss) the pointer names
     * either the old database or the new, complete one.
     */
    private void switchPointer() throws IOException {
        Path tmp = dir.resolve(CURRENT + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }

    /** The sizes counted when the database was built, so reopening a large one need not scan it. */
    private void writeSize(KnowledgeGraph.Report r) throws IOException {
        Files.writeString(db.resolve(SIZE), r.quads() + " " + r.graphs() + " " + r.inferred() + "\n");
    }

    private long[] readSize() {
        try {
            String[] f = Files.readString(db.resolve(SIZE)).strip().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
        } catch (IOException | RuntimeException e) {
            return null;   // a database built before the file existed: count instead
        }
    }

    private static long[] count(DatasetGraph dsg) {
        long quads = 0, graphs = 0;
        for (Iterator<Node> gs = dsg.listGraphNodes(); gs.hasNext(); gs.next())
            graphs++;
        for (Iterator<Quad> it = dsg.find(); it.hasNext(); it.next())
            quads++;
        return new long[] {quads, graphs, dsg.getGraph(Graphs.INFERRED).size()};
    }

    private void removeOld() {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("db-") && !n.equals(name))
                    deleteTree(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove old databases in {}: {}", dir, e.getMessage());
        }
    }

    /** Removes {@code p} and everything under it, if it exists. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p))
            return;
        try {
            IO.deleteAll(p);
        } catch (RuntimeIOException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }
}
