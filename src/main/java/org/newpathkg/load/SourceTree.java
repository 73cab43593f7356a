package org.newpathkg.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The project files the service is built from ({@code ontology/**} and {@code queries/**}),
 * read either from a working tree or from the copy packaged in the jar.
 * Paths are relative and use {@code /}, e.g. {@code ontology/essay/s3.trig}; listings are sorted
 * so that loading, hashing and export are deterministic.
 *
 * <pre>{@code
 * SourceTree src = SourceTree.directory(Path.of("."));   // or SourceTree.classpath()
 * for (String f : src.list("ontology/essay/", ".trig")) { try (InputStream in = src.open(f)) { ... } }
 * }</pre>
 */
public abstract class SourceTree {

    /** Where the jar keeps its copy; the build writes {@code newpath/index.txt} listing it. */
    static final String CLASSPATH_BASE = "newpath/";

    /** A working tree: {@code root} contains {@code ontology/}. */
    public static SourceTree directory(Path root) {
        return new DirectoryTree(root.toAbsolutePath().normalize());
    }

    /** The copy packaged in the jar (or in {@code target/classes}). */
    public static SourceTree classpath() {
        return classpath(SourceTree.class.getClassLoader());
    }

    /** The copy packaged where {@code loader} finds it (tests give a jar or a folder). */
    static SourceTree classpath(ClassLoader loader) {
        return new ClasspathTree(loader);
    }

    /** All files under {@code prefix} (a folder ending with '/') whose names end with {@code suffix}, sorted, not recursive. */
    public List<String> list(String prefix, String suffix) {
        List<String> out = new ArrayList<>();
        for (String f : all()) {
            if (f.startsWith(prefix) && f.endsWith(suffix) && f.indexOf('/', prefix.length()) < 0)
                out.add(f);
        }
        return out;
    }

    /**
     * Opens files of this tree one after another, as {@link #open} does; close it when done. For the
     * packaged copy in a jar it finds the jar once and reads each file by name from the jar's directory:
     * through {@link ClassLoader#getResourceAsStream} each file is first looked for in the JDK's own
     * modules (the parent class loaders) and then opened through a {@code jar:} URL connection, which on
     * a server just started was a third of the first page's time (the query library's 65 files, JFR).
     */
    public Reader reader() throws IOException {
        return new Reader(this, null);
    }

    /** Files of one tree, read one after another ({@link #reader}). */
    public static final class Reader implements AutoCloseable {
        private final SourceTree tree;
        private final JarFile jar;

        Reader(SourceTree tree, JarFile jar) {
            this.tree = tree;
            this.jar = jar;
        }

        /** The file {@code path} of the tree, as {@link SourceTree#open}. */
        public InputStream open(String path) throws IOException {
            if (jar == null)
                return tree.open(path);
            JarEntry e = jar.getJarEntry(CLASSPATH_BASE + path);
            if (e == null)
                throw new IOException("Not in the packaged data: " + path);
            return jar.getInputStream(e);
        }

        @Override
        public void close() throws IOException {
            if (jar != null)
                jar.close();
        }
    }

    /** Every file, sorted. */
    public abstract List<String> all();

    /** Opens a file named by its relative path. */
    public abstract InputStream open(String path) throws IOException;

    /** Human-readable origin for log lines and error messages. */
    public abstract String describe();

    /** The project root on disk, if this is a working tree (the essay is found relative to it). */
    public abstract Optional<Path> root();

    /**
     * SHA-256 over the text index's analysis version and the names and contents of every data file ({@code ontology/**});
     * a TDB2 database is reused only while this is unchanged. The packaged copy hashes each file's size and
     * CRC-32 instead of its bytes (see {@link ClasspathTree#contentHash}).
     */
    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            // A database indexed with another analysis is not reused.
            md.update(("analysis " + org.newpathkg.text.TextSearch.ANALYSIS_VERSION + "\0").getBytes(StandardCharsets.UTF_8));
            for (String f : all()) {
                if (!f.startsWith("ontology/"))
                    continue;
                md.update(f.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                try (InputStream in = open(f)) {
                    byte[] bytes = in.readAllBytes();
                    md.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(bytes);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class DirectoryTree extends SourceTree {
        private final Path root;

        DirectoryTree(Path root) {
            this.root = root;
        }

        @Override
        public List<String> all() {
            List<String> out = new ArrayList<>();
            for (String top : List.of("ontology", "queries")) {
                Path dir = root.resolve(top);
                if (!Files.isDirectory(dir))
                    continue;
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.toList()) {
                        String name = root.relativize(p).toString().replace('\\', '/');
                        if (Files.isRegularFile(p))
                            out.add(name);
                        else if (!Files.isDirectory(p) || name.endsWith(".trig") || name.endsWith(".ttl") || name.endsWith(".rq"))
                            // A broken link or a folder where a data file should be: skipping it
                            // would load the graph with a file silently missing.
                            throw new DataException(name + ": not a readable file (a broken link, or a folder with a data "
                                    + "file's name); fix or remove it");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            out.sort(null);
            return out;
        }

        @Override
        public InputStream open(String path) throws IOException {
            return Files.newInputStream(root.resolve(path));
        }

        @Override
        public String describe() {
            return root.toString();
        }

        @Override
        public Optional<Path> root() {
            return Optional.of(root);
        }
    }

    /**
     * The jar {@code loader} finds {@code resource} in, or null when it is not in a jar (the build's and
     * the tests' {@code target/classes}). A private handle, closed by the caller; the jar's directory it
     * reads is the one the class loader already has open.
     */
    static JarFile jarHolding(ClassLoader loader, String resource) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null || !url.getProtocol().equals("jar"))
            return null;
        JarURLConnection c = (JarURLConnection) url.openConnection();
        c.setUseCaches(false);
        return c.getJarFile();
    }

    private static final class ClasspathTree extends SourceTree {
        private final ClassLoader loader;
        private List<String> files;
        private String hash;

        ClasspathTree(ClassLoader loader) {
            this.loader = loader;
        }

        /**
         * SHA-256 over the analysis version and each data file's name, size and CRC-32, hashed once
         * (start-up asks three times). In the jar, size and CRC-32 are read from the jar's directory,
         * which records them for every entry, instead of reading and hashing the bytes: that was an
         * eighth of the main thread's start-up CPU (about 1 MB through SHA-256 on a cold JVM, JFR).
         * Outside a jar ({@code target/classes}, where the build makes the packaged database) they
         * are computed from the bytes, so both give the same value for the same files. A packaged
         * file changed without changing its size and CRC-32 would go unnoticed; the jar is built
         * and replaced as a whole, and whoever could forge an entry could replace the database too.
         * The files of a working tree ({@link #directory}) are hashed whole.
         */
        @Override
        public synchronized String contentHash() {
            if (hash == null)
                hash = entryHash();
            return hash;
        }

        private String entryHash() {
            try (JarFile jar = jar()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(("analysis " + org.newpathkg.text.TextSearch.ANALYSIS_VERSION + " entries\0").getBytes(StandardCharsets.UTF_8));
                for (String f : all()) {
                    if (!f.startsWith("ontology/"))
                        continue;
                    long size, crc;
                    JarEntry e = jar == null ? null : jar.getJarEntry(CLASSPATH_BASE + f);
                    if (e != null && e.getSize() >= 0 && e.getCrc() >= 0) {
                        size = e.getSize();
                        crc = e.getCrc();
                    } else {
                        try (InputStream in = open(f)) {
                            byte[] bytes = in.readAllBytes();
                            CRC32 c = new CRC32();
                            c.update(bytes);
                            size = bytes.length;
                            crc = c.getValue();
                        }
                    }
                    md.update((f + "\0" + size + "\0" + crc + "\0").getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from this JVM", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The jar the packaged files are in, or null when they are not in a jar ({@link #jarHolding}). */
        private JarFile jar() throws IOException {
            return jarHolding(loader, CLASSPATH_BASE + "index.txt");
        }

        @Override
        public synchronized List<String> all() {
            if (files == null) {
                List<String> out = new ArrayList<>();
                InputStream in = loader.getResourceAsStream(CLASSPATH_BASE + "index.txt");
                if (in == null)
                    throw new IllegalStateException("No packaged data: " + CLASSPATH_BASE
                            + "index.txt is missing from the classpath; build with 'mvn package' or pass --data DIR");
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    r.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.sort(null);
                files = List.copyOf(out);
            }
            return files;
        }

        @Override
        public Reader reader() throws IOException {
            return new Reader(this, jar());
        }

        @Override
        public InputStream open(String path) throws IOException {
            InputStream in = loader.getResourceAsStream(CLASSPATH_BASE + path);
            if (in == null)
                throw new IOException("Not in the packaged data: " + path);
            return in;
        }

        @Override
        public String describe() {
            return "classpath:" + CLASSPATH_BASE;
        }

        @Override
        public Optional<Path> root() {
            return Optional.empty();
        }
    }
}
