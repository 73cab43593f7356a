package org.newpathkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test fixtures: the tiny good project under {@code fixtures/good}, copied so tests can break it. */
public final class Fixtures {
    private Fixtures() {}

    /** The project root of the real data: the working directory Maven runs tests in. */
    public static Path projectRoot() {
        return Path.of("").toAbsolutePath();
    }

    /** The tiny project's root, read-only (in target/test-classes). */
    public static Path good() {
        return resource("/fixtures/good");
    }

    /** The fixture essay matching the tiny project's quotations. */
    public static Path essay() {
        return resource("/fixtures/essay/essay.txt");
    }

    /** A copy of the good project in {@code dir}, plus {@code brokenFiles} (under org/newpathkg/load/broken/) added to ontology/essay/. */
    public static Path copyWith(Path dir, String... brokenFiles) {
        copyTree(good(), dir);
        for (String f : brokenFiles)
            addBroken(dir, f);
        return dir;
    }

    /** Adds one broken file to the project at {@code root}. */
    public static void addBroken(Path root, String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/org/newpathkg/load/broken/" + file)) {
            if (in == null)
                throw new IllegalArgumentException("no broken fixture " + file);
            Files.copy(in, root.resolve("ontology/essay/" + file), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                    Files.createDirectories(t);
                else
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path p) {
        if (!Files.exists(p))
            return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList())
                Files.delete(x);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The port the packaged jar prints once it serves ({@code port N}), or null if it ended first. */
    public static String awaitPort(BufferedReader out) throws IOException {
        for (String line; (line = out.readLine()) != null; )
            if (line.startsWith("port "))
                return line.substring(5).strip();
        return null;
    }
}
