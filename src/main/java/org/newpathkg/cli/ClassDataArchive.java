package org.newpathkg.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the class data archive that {@link Relaunch} maps: run by the build after the jar is packaged
 * ({@code mvn package}; {@code -Dcds.skip} leaves it out), as
 * {@code java -cp ... org.newpathkg.cli.ClassDataArchive target/newpath-kg.jar}.
 * <p>
 * It starts the jar as {@code java -jar} does, serving the packaged data on port 0, with
 * {@code -XX:ArchiveClassesAtExit}; asks what a visitor asks first (the overview query, the home page,
 * the query editor, the pages the warm-up renders); then stops it, and the JVM writes every class it loaded from the jar into the
 * archive as it exits (a dynamic AppCDS archive, layered on the JDK's own). Last, the record beside it
 * names the JVM and the jar it fits ({@link Relaunch#record}); the archive and its record replace the
 * old ones only once both are complete. A server that fails to start fails the build; a JVM that
 * writes no archive (no CDS in it) leaves none, with a warning, and {@code java -jar} serves without.
 */
public final class ClassDataArchive {
    private static final long START_SECONDS = 120;

    private ClassDataArchive() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].endsWith(".jar"))
            throw new IllegalArgumentException("usage: ClassDataArchive path/to/newpath-kg.jar");
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Relaunch.archiveOf(jar);
        Path record = Relaunch.recordOf(archive);
        Files.deleteIfExists(record);   // first the record: no relaunch from here on until the new one is written
        Files.deleteIfExists(archive);
        Path partial = archive.resolveSibling(archive.getFileName() + ".part");
        Path log = archive.resolveSibling(archive.getFileName() + ".log");
        Files.deleteIfExists(partial);
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-D" + Relaunch.OFF_PROPERTY + "=false", "-jar", jar.toString(), "serve", "--port", "0"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = awaitPort(server, log);
            String query = resource("newpath/queries/00-overview.rq");
            ask(port, "/newpath/sparql", "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "application/sparql-results+json");
            // The home page, the editor, and the pages the server's warm-up renders (web.WebModule.WARM_PAGES).
            for (String page : List.of("/", "/ui", "/id/dprk", "/claim/s5-32", "/timeline"))
                ask(port, page, null, "text/html");
        } catch (IOException | RuntimeException e) {
            server.destroyForcibly();
            throw new IOException("the training start-up failed (" + e.getMessage() + "); its output: " + log, e);
        }
        server.destroy();   // SIGTERM: an orderly exit, at which the JVM writes the archive
        if (!server.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new IOException("the training server did not stop within " + START_SECONDS + " s: " + log);
        }
        if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
            System.err.println("[WARNING] no class data archive written by this JVM (" + log + "): java -jar serves without one");
            return;
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path partialRecord = record.resolveSibling(record.getFileName() + ".part");
        try (Writer w = Files.newBufferedWriter(partialRecord, StandardCharsets.ISO_8859_1)) {
            Relaunch.record(jar, archive).store(w, "what " + archive.getFileName() + " was made for (org.newpathkg.cli.Relaunch)");
        }
        Files.move(partialRecord, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("[INFO] class data archive %s (%d MB) in %.1f s%n", archive, Files.size(archive) >> 20,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Waits for the server's {@code port N} line in its log; fails if it exits first or takes too long. */
    private static int awaitPort(Process server, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; )
                    if (line.startsWith("port "))
                        return Integer.parseInt(line.substring(5).strip());
            }
            if (server.waitFor(100, TimeUnit.MILLISECONDS))
                throw new IOException("the server exited with status " + server.exitValue() + " before its port line");
        }
        throw new IOException("no port line within " + START_SECONDS + " s");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClassDataArchive.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null)
                throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One request; GET without a form, else a form POST; fails unless the answer is 200. */
    private static void ask(int port, String path, String form, String accept) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(60_000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("Accept", accept);
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = c.getOutputStream()) {
                out.write(form.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null)
                in.readAllBytes();
        }
        if (status != 200)
            throw new IOException(path + ": HTTP " + status);
    }
}
