package org.newpathkg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A server the benchmark started (this service, a peer, the benchmark's own server JVM), as a
 * child process whose output is read all the time: both streams line by line for the lines the
 * benchmark waits for (a port line, Virtuoso's "Server online"), and into a window of the last lines. Every wait is bounded and
 * ends at once when the process exits, with its status and its last lines in the exception, so a
 * server that refuses its data (a violation, a syntax error, too little memory) stops the benchmark
 * with the reason instead of a long silent wait.
 *
 * <pre>{@code
 * try (ServerProcess s = ServerProcess.start(List.of("java", "-jar", jar, "serve", "--port", "0"), null)) {
 *     String port = s.await("port ", Duration.ofMinutes(5)).substring(5);
 * }
 * }</pre>
 */
final class ServerProcess implements AutoCloseable {
    /** Lines of output kept for a failure's message. */
    static final int LAST_LINES = 30;

    /** The server exited or stayed silent; the message carries its last lines. */
    static final class Failed extends Exception {
        private final boolean exited;

        Failed(String message, boolean exited) {
            super(message);
            this.exited = exited;
        }

        /** True when the process had exited (as opposed to a wait that ran out). */
        boolean exited() {
            return exited;
        }
    }

    private final Process process;
    private final String name;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> last = new ArrayDeque<>();
    private final List<Thread> readers = new ArrayList<>();

    private ServerProcess(Process process, String name, Consumer<String> errors) {
        this.process = process;
        this.name = name;
        readers.add(read(process.getInputStream(), line -> {
            lines.add(line);
            keep(line);
        }));
        readers.add(read(process.getErrorStream(), line -> {
            lines.add(line);
            keep(line);
            if (errors != null)
                errors.accept(line);
        }));
    }

    /** Starts {@code command}; each line of its standard error also goes to {@code errors}, if given. */
    static ServerProcess start(List<String> command, Consumer<String> errors) throws IOException {
        return start(command, null, errors);
    }

    /** As {@link #start(List, Consumer)}, in the working directory {@code dir} (null: this one). */
    static ServerProcess start(List<String> command, Path dir, Consumer<String> errors) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null)
            pb.directory(dir.toFile());
        return new ServerProcess(pb.start(), command.get(0).replaceAll(".*/", "") + " " + String.join(" ",
                command.subList(1, Math.min(command.size(), 6))), errors);
    }

    /**
     * The first line of output starting with {@code prefix}; throws {@link Failed} at
     * once when the process exits first, or when {@code limit} passes.
     */
    String await(String prefix, Duration limit) throws Failed, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0)
                throw new Failed(name + " printed no '" + prefix.strip() + "' line within " + limit.toSeconds() + " s; its last lines:\n"
                        + lastLines(), false);
            String l = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (l != null && l.startsWith(prefix))
                return l;
            if (l == null && !process.isAlive()) {
                for (Thread t : readers)   // what it wrote last is read before it is reported
                    t.join(5_000);
                String more;
                while ((more = lines.poll()) != null)
                    if (more.startsWith(prefix))
                        return more;
                throw new Failed(name + " exited with status " + process.exitValue() + " before printing '" + prefix.strip()
                        + "'; its last lines:\n" + lastLines(), true);
            }
        }
    }

    /** The last {@value #LAST_LINES} lines of output, both streams, oldest first. */
    String lastLines() {
        synchronized (last) {
            return String.join("\n", last);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Stops the server at once with SIGTERM (its shutdown hooks run), bounded: for the packaged jar, whose
     * launching JVM does not read its input ({@link #close} would wait 20 s for nothing).
     */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS))
            process.destroyForcibly();
    }

    /** Closes the server's input (the benchmark's own servers stop on it), then stops it, bounded. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS))
                process.destroyForcibly();
        }
    }

    private void keep(String line) {
        synchronized (last) {
            if (last.size() == LAST_LINES)
                last.removeFirst();
            last.addLast(line);
        }
    }

    private static Thread read(InputStream in, Consumer<String> each) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null)
                    each.accept(line);
            } catch (IOException e) {
                // the process ended
            }
        }, "server-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
