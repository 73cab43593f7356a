package org.newpathkg.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database {@code mvn package} builds for the packaged data, so that {@code java -jar
 * newpath-kg.jar} starts in about a second instead of parsing, validating, inferring and indexing
 * on a cold JVM (4-5 s on two cores, half of it the JIT compiler).
 * <p>
 * At build time ({@code prepare-package}, see {@code pom.xml}) {@link #main} runs the whole start-up
 * pipeline over the packaged sources, validation included, into a {@code --tdb2} directory under
 * {@code target/classes/newpath-db/}, so the build fails on data that would fail at start-up. The
 * jar carries it. At start-up {@link #extract} copies it to a private temporary directory, but
 * only if it was built from exactly the packaged sources (its name holds their SHA-256, the same
 * rule as {@code --tdb2} reuse); otherwise, or on any error, start-up builds from the files ({@link ScratchStore}).
 * {@code --data DIR} always builds from the files.
 */
public final class Prebuilt {
    private static final Logger LOG = LoggerFactory.getLogger(Prebuilt.class);
    static final String RESOURCE = "newpath-db/";
    static final String FILES = "FILES";

    private Prebuilt() {}

    /** Build time: {@code --out DIR} receives the database built from the packaged sources. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--out"))
            throw new IllegalArgumentException("usage: Prebuilt --out DIR");
        Path out = Path.of(args[1]);
        Tdb2Store.deleteTree(out);
        // The same stages and checks as start-up: data that would fail to start fails the build.
        try (KnowledgeGraph kg = Pipeline.load(Plan.of(SourceTree.classpath()).withTdb2(out))) {
            LOG.info("Prebuilt {} for {}", out, kg.report().source());
        }
        // TDB2's files are sparse (8 MB each, a few KB used): each is cut after its last non-zero
        // byte and its length recorded, so the jar and the copy made at start-up stay small.
        List<String> files = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(out)) {
            paths = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : paths) {
            String f = out.relativize(p).toString().replace('\\', '/');
            if (f.endsWith("tdb.lock") || f.endsWith("write.lock")) {   // held by the builder only
                Files.delete(p);
                continue;
            }
            files.add(f + "\t" + trimTrailingZeros(p));
        }
        Files.write(out.resolve(FILES), files, StandardCharsets.UTF_8);
        System.exit(0);   // TDB2 and Lucene leave non-daemon threads; the build must not wait for them
    }

    /** A copy made ahead by {@link #extractAhead}, for the {@link #extract} of the same sources. */
    private record Ahead(SourceTree src, Optional<Path> copy) {}

    private static final AtomicReference<Ahead> AHEAD = new AtomicReference<>();

    /**
     * Makes the copy now, for the next {@link #extract} of the same {@code src} to take: serve calls it
     * (through {@link Pipeline#prepare}) while another thread sets Jena up, since copying needs no
     * library. At most one copy is held; {@link #dropAhead} deletes one that was not taken.
     */
    static void extractAhead(SourceTree src) {
        Ahead old = AHEAD.getAndSet(new Ahead(src, copy(src)));
        if (old != null)
            old.copy().ifPresent(PrivateDir::delete);
    }

    /** Deletes a copy made ahead and not taken (start-up failed before the database was opened). */
    static void dropAhead() {
        Ahead a = AHEAD.getAndSet(null);
        if (a != null)
            a.copy().ifPresent(PrivateDir::delete);
    }

    /**
     * A private copy of the packaged database for {@code src}, to be opened as a {@link Tdb2Store},
     * or empty if there is none for exactly these sources: the one made ahead for {@code src}, if any.
     */
    static Optional<Path> extract(SourceTree src) {
        Ahead a = AHEAD.getAndSet(null);
        if (a != null) {
            if (a.src() == src)
                return a.copy();
            a.copy().ifPresent(PrivateDir::delete);
        }
        return copy(src);
    }

    private static Optional<Path> copy(SourceTree src) {
        try (Entries entries = Entries.open(Prebuilt.class.getClassLoader())) {
            List<String> files = entries.lines(RESOURCE + FILES);
            List<String> current = entries.lines(RESOURCE + Tdb2Store.CURRENT);
            if (files.isEmpty() || current.isEmpty())
                return Optional.empty();
            String expected = "db-" + src.contentHash().substring(0, 16);
            if (!current.get(0).equals(expected)) {
                LOG.info("The packaged database {} is not for these sources ({}); building from the files", current.get(0), expected);
                return Optional.empty();
            }
            return Optional.of(copy(entries, files));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not use the packaged database ({}); building from the files", e.getMessage());
            return Optional.empty();
        }
    }

    /** A new private directory holding {@code files} (name, tab, length), deleted again if any is missing or unreadable. */
    private static Path copy(Entries entries, List<String> files) throws IOException {
        Path dir = PrivateDir.create();
        try {
            byte[] buf = new byte[1 << 16];
            for (String line : files) {
                String[] fl = line.split("\t");
                String f = fl[0];
                long length = Long.parseLong(fl[1]);
                Path dest = dir.resolve(f).normalize();
                if (!dest.startsWith(dir))
                    throw new IOException("bad entry in " + RESOURCE + FILES + ": " + f);
                Files.createDirectories(dest.getParent());
                try (InputStream in = entries.open(RESOURCE + f);
                     RandomAccessFile out = new RandomAccessFile(dest.toFile(), "rw")) {
                    if (in == null)
                        throw new IOException("missing from the jar: " + RESOURCE + f);
                    for (int n; (n = in.read(buf)) > 0; )
                        out.write(buf, 0, n);
                    out.setLength(length);   // zero-filled, sparse where the file system allows
                }
            }
            // Deleted when its KnowledgeGraph closes, or swept at the next start (PrivateDir).
            return dir;
        } catch (IOException | RuntimeException e) {
            PrivateDir.delete(dir);
            throw e;
        }
    }

    /**
     * The packaged database's entries, read by name from the jar's own directory when the classes run
     * from a jar: one class-path lookup for the jar, then each of the forty-odd files directly. Through
     * {@link ClassLoader#getResourceAsStream} each file was first looked for in the JDK's own modules
     * (the parent class loaders) and then opened through a {@code jar:} URL connection, on a cold JVM:
     * most of the copy's time on the main thread (JFR). Outside a jar ({@code target/classes}, the
     * build's and the tests' class path) the class loader reads them.
     */
    private static final class Entries implements AutoCloseable {
        private final ClassLoader loader;
        private final JarFile jar;

        private Entries(ClassLoader loader, JarFile jar) {
            this.loader = loader;
            this.jar = jar;
        }

        static Entries open(ClassLoader loader) throws IOException {
            return new Entries(loader, SourceTree.jarHolding(loader, RESOURCE + FILES));
        }

        /** The entry {@code name}, or null if there is none. */
        InputStream open(String name) throws IOException {
            if (jar == null)
                return loader.getResourceAsStream(name);
            JarEntry e = jar.getJarEntry(name);
            return e == null ? null : jar.getInputStream(e);
        }

        /** The non-blank lines of the entry {@code name}, stripped; none if there is no such entry. */
        List<String> lines(String name) throws IOException {
            InputStream in = open(name);
            if (in == null)
                return List.of();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            }
        }

        @Override
        public void close() throws IOException {
            if (jar != null)
                jar.close();
        }
    }

    /** Cuts {@code p} after its last non-zero byte; returns its length before. */
    private static long trimTrailingZeros(Path p) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            long length = raf.length();
            byte[] buf = new byte[1 << 16];
            long end = length;
            while (end > 0) {
                int n = (int) Math.min(buf.length, end);
                raf.seek(end - n);
                raf.readFully(buf, 0, n);
                int i = n - 1;
                while (i >= 0 && buf[i] == 0)
                    i--;
                if (i >= 0) {
                    end = end - n + i + 1;
                    break;
                }
                end -= n;
            }
            raf.setLength(end);
            return length;
        }
    }
}
