package org.newpathkg.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private Virtuoso 7 (Debian's {@code virtuoso-opensource}) for the side-by-side comparison:
 * its own database folder, loopback ports, the package's {@code virtuoso.ini} with those paths and
 * the memory settings the ini itself recommends for 2 GB, loaded with the project's own N-Quads
 * export by Virtuoso's bulk loader ({@code ld_dir}, {@code rdf_loader_run}). Installed by
 * {@code src/bench/ensure-virtuoso.sh} when absent; {@link #start} throws with the reason when it
 * cannot run, and the benchmark reports Virtuoso as skipped.
 * <p>
 * Queries go to {@code /sparql} as form POSTs (a POST of {@code application/sparql-query} hangs in
 * 7.2). Its default graph is the union of every graph, as a multiset: the library's queries say
 * DISTINCT where they mean a set, so they answer alike.
 */
final class Virtuoso implements AutoCloseable {
    static final Path INI = Path.of("/etc/virtuoso-opensource-7/virtuoso.ini");

    private final ServerProcess process;
    private final int sqlPort;
    final String endpoint;
    /** Seconds from launch to "Server online" (a fresh, empty database). */
    final double startSeconds;
    /** Seconds of the bulk load and checkpoint. */
    final double loadSeconds;

    private Virtuoso(ServerProcess process, int sqlPort, int httpPort, double startSeconds, double loadSeconds) {
        this.process = process;
        this.sqlPort = sqlPort;
        this.endpoint = "http://127.0.0.1:" + httpPort + "/sparql";
        this.startSeconds = startSeconds;
        this.loadSeconds = loadSeconds;
    }

    /**
     * Installs Virtuoso if it must ({@code ensure}: the script), starts a fresh instance in
     * {@code dir} and loads {@code nquads} into it; every step bounded. Throws when any step fails.
     */
    static Virtuoso start(Path ensure, Path dir, Path nquads, Duration limit) throws Exception {
        run(List.of("sh", ensure.toString()), Duration.ofMinutes(10));
        if (!Files.isRegularFile(INI))
            throw new IOException("no " + INI + " (the package's configuration) to start from");
        CorpusGenerator.deleteTree(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        try {
            Files.createLink(data.resolve("export.nq"), nquads);   // 1M's export is hundreds of MB: no copy
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(nquads, data.resolve("export.nq"));
        }
        int sql = freePort(), http = freePort();
        Path ini = dir.resolve("virtuoso.ini");
        Files.writeString(ini, ini(Files.readString(INI, StandardCharsets.UTF_8), dir, data, sql, http), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        ServerProcess p = ServerProcess.start(List.of("virtuoso-t", "-c", ini.toString(), "+foreground"), dir, null);
        try {
            awaitOnline(p);
            double started = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            isql(sql, "ld_dir('" + data + "', '*.nq', 'urn:default'); rdf_loader_run(); checkpoint;", limit);
            double loaded = (System.nanoTime() - t0) / 1e9;
            return new Virtuoso(p, sql, http, started, loaded);
        } catch (Exception e) {
            p.close();
            throw e;
        }
    }

    /** Until Virtuoso logs that it serves (a fresh database installs its packages first): 5 min at most. */
    private static void awaitOnline(ServerProcess p) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!p.await("", Duration.ofNanos(Math.max(1, end - System.nanoTime()))).contains("Server online at")) {
            // its other log lines
        }
    }

    /** The package's ini with this instance's files, loopback ports, data folder and buffers. */
    static String ini(String packaged, Path dir, Path data, int sql, int http) {
        StringBuilder out = new StringBuilder();
        String section = "";
        Pattern header = Pattern.compile("^\\s*\\[(.*)\\]");
        for (String line : packaged.split("\n", -1)) {
            Matcher m = header.matcher(line);
            if (m.find())
                section = m.group(1);
            String key = line.contains("=") && !line.strip().startsWith(";") ? line.substring(0, line.indexOf('=')).strip() : "";
            String value = line.contains("=") ? line.substring(line.indexOf('=') + 1).strip() : "";
            switch (section + "/" + key) {
                case "Database/DatabaseFile", "Database/ErrorLogFile", "Database/TransactionFile", "Database/xa_persistent_file",
                     "TempDatabase/DatabaseFile", "TempDatabase/TransactionFile" ->
                        line = key + " = " + dir.resolve(value.substring(value.lastIndexOf('/') + 1));
                case "Parameters/ServerPort" -> line = key + " = 127.0.0.1:" + sql;
                case "HTTPServer/ServerPort" -> line = key + " = 127.0.0.1:" + http;
                case "Parameters/DirsAllowed" -> line = line + ", " + data;
                // The ini's own figures for a machine with 2 GB free (its default is for a small one).
                case "Parameters/NumberOfBuffers" -> line = key + " = 170000";
                case "Parameters/MaxDirtyBuffers" -> line = key + " = 130000";
                // The whole answer, as this service gives it (the default truncates at 10,000 rows).
                case "SPARQL/ResultSetMaxRows" -> line = key + " = 1000000";
                default -> { }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private void isql(String sql, Duration limit) throws Exception {
        isql(sqlPort, sql, limit);
    }

    private static void isql(int port, String sql, Duration limit) throws Exception {
        run(List.of("isql-vt", "127.0.0.1:" + port, "dba", "dba", "exec=" + sql), limit);
    }

    /** Runs a command to its end within {@code limit}; throws with its output when it fails. */
    static String run(List<String> cmd, Duration limit) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread t = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // ended
            }
        });
        t.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": still running after " + limit.toSeconds() + " s");
        }
        t.join(5_000);
        if (p.exitValue() != 0 || out.indexOf("*** Error") >= 0)
            throw new IOException(String.join(" ", cmd.subList(0, Math.min(2, cmd.size()))) + " failed (" + p.exitValue() + "): " + out.toString().strip());
        return out.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Shuts Virtuoso down (checkpoint skipped), then makes sure the process is gone. */
    @Override
    public void close() throws Exception {
        try {
            isql("shutdown;", Duration.ofSeconds(60));
        } catch (Exception e) {
            // it may already be going; the process is stopped below either way
        }
        process.close();
    }
}
