package org.newpathkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/newpath-kg.jar} with the class data archive the build writes beside it
 * ({@link Relaunch}): the server runs in a child JVM that maps the archive; the child goes with the
 * parent (SIGTERM or SIGKILL); the child's exit status is the parent's; an archive that does not fit
 * is ignored without a word. {@code -XX:+PrintCommandLineFlags}, passed to the parent and so to the
 * child, shows on standard output which JVM runs with the archive.
 */
class RelaunchIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();
    static final Path ARCHIVE = Relaunch.archiveOf(JAR);
    static final String FLAGS = "-XX:+PrintCommandLineFlags";
    static final String QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://w3id.org/newpath-kg/ontology#Claim> } }";

    @BeforeAll
    static void theBuildMadeTheArchive() {
        assertTrue(Files.isRegularFile(ARCHIVE), "mvn package writes " + ARCHIVE);
        assertTrue(Relaunch.fits(JAR, ARCHIVE), "its record names this JVM and this jar");
    }

    /** A started jar; its standard output read up to the port line (stderr goes to a file). */
    record Started(Process parent, List<String> out, int port, Path err) {}

    static Started start(Path jar, Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), FLAGS, "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        List<String> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            out.add(line);
            if (line.startsWith("port "))
                return new Started(p, out, Integer.parseInt(line.substring(5).strip()), err);
        }
        return new Started(p, out, -1, err);
    }

    static Optional<ProcessHandle> child(Process p) {
        return p.toHandle().children().findFirst();
    }

    static long mappedArchives(ProcessHandle h, Path archive) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + h.pid() + "/maps")).stream().filter(l -> l.endsWith(archive.toString())).count();
    }

    /** The process's anonymous memory in transparent huge pages, from {@code /proc/PID/smaps_rollup}. */
    static long anonHugePagesKb(ProcessHandle h) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + h.pid() + "/smaps_rollup")).stream().filter(l -> l.startsWith("AnonHugePages:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).sum();
    }

    static String count(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/newpath/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/csv")
                .timeout(Duration.ofMinutes(1))
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS))
            p.destroyForcibly();
    }

    @Test
    void theJarServesFromAChildThatMapsTheArchive(@TempDir Path dir) throws Exception {
        Started s = start(JAR, dir);
        try {
            assertTrue(s.port() > 0, "port line: " + s.out() + Files.readString(s.err()));
            ProcessHandle child = child(s.parent()).orElseThrow(() -> new AssertionError("no child process"));
            assertTrue(child.info().arguments().map(List::of).orElseThrow().contains("-XX:SharedArchiveFile=" + ARCHIVE),
                    "the child is started with the archive");
            assertTrue(child.info().arguments().map(List::of).orElseThrow().containsAll(ServerJvm.options()),
                    "the child takes C2 later and huge pages, as the benchmark's server does (its JVM accepted them: it answers below)");
            assertTrue(mappedArchives(child, ARCHIVE) > 0, "the child's JVM mapped the archive (it did not refuse it)");
            if (ServerJvm.hugePages())
                assertTrue(anonHugePagesKb(child) > 0, "the kernel backs part of the child's heap or code with huge pages");
            // The same answer as in-process serving of the packaged data: every claim graph's claim.
            String answer = count(s.port());
            assertTrue(answer.matches("(?s)n\r?\n[1-9][0-9]*\r?\n"), answer);
        } finally {
            stop(s.parent());
        }
        assertEquals("", Files.readString(s.err()).lines().filter(l -> l.contains("cds") || l.contains("warning")).reduce("", String::concat));
    }

    @Test
    void sigtermToTheParentLeavesNoChild(@TempDir Path dir) throws Exception {
        Started s = start(JAR, dir);
        assertTrue(s.port() > 0, "port line: " + s.out());
        ProcessHandle child = child(s.parent()).orElseThrow(() -> new AssertionError("no child process"));
        s.parent().destroy();   // SIGTERM
        assertTrue(s.parent().waitFor(60, TimeUnit.SECONDS), "the parent stops");
        // The parent's shutdown waited for the child: by the time the parent is gone, so is the child.
        assertFalse(child.isAlive(), "child " + child.pid() + " outlived its parent");
        assertEquals(143, s.parent().exitValue(), "128 + SIGTERM, as without a child");
        // The child stopped on the SIGTERM passed on to it, not because its lifeline closed: the parent was there.
        String err = Files.readString(s.err());
        assertFalse(err.contains("launching process is gone"), err);
    }

    @Test
    void sigkillToTheParentStopsTheChild(@TempDir Path dir) throws Exception {
        Started s = start(JAR, dir);
        assertTrue(s.port() > 0, "port line: " + s.out());
        ProcessHandle child = child(s.parent()).orElseThrow(() -> new AssertionError("no child process"));
        try {
            s.parent().destroyForcibly();   // SIGKILL: no shutdown hook runs in the parent
            assertTrue(s.parent().waitFor(60, TimeUnit.SECONDS));
            // The child reads the end of the pipe the kernel closed with its parent, and exits.
            child.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(child.isAlive());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void theChildsExitStatusIsTheParents(@TempDir Path dir) throws Exception {
        // A usage error (2) and a port already taken (1), both found by the child.
        Started usage = start(JAR, dir, "--port", "-5");
        assertTrue(usage.parent().waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, usage.parent().exitValue());
        assertTrue(String.join("\n", usage.out()).contains("-XX:SharedArchiveFile="), "the child ran: " + usage.out());
        assertTrue(Files.readString(usage.err()).contains("port must be 0..65535"), Files.readString(usage.err()));

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Started busy = start(JAR, dir, "--port", Integer.toString(taken.getLocalPort()));
            assertTrue(busy.parent().waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, busy.parent().exitValue());
            String err = Files.readString(busy.err());
            assertTrue(err.contains("newpath-kg: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use")
                    && !err.contains("\tat "), "one line that names the address, no stack trace: " + err);
            assertTrue(String.join("\n", busy.out()).contains("-XX:SharedArchiveFile="), "the child ran: " + busy.out());
        }
    }

    @Test
    void anArchiveThatDoesNotFitIsIgnoredSilently(@TempDir Path dir) throws Exception {
        // The jar and its archive copied elsewhere, with a record that claims the copy: the JVM refuses
        // the archive (it was made for the jar at its old path) and the child serves without it, silently.
        Path jar = Files.copy(JAR, dir.resolve("newpath-kg.jar"));
        Path archive = Files.copy(ARCHIVE, Relaunch.archiveOf(jar));
        try (Writer w = Files.newBufferedWriter(Relaunch.recordOf(archive), StandardCharsets.ISO_8859_1)) {
            Relaunch.record(jar, archive).store(w, null);
        }
        Started s = start(jar, dir);
        try {
            assertTrue(s.port() > 0, "port line: " + s.out() + Files.readString(s.err()));
            ProcessHandle child = child(s.parent()).orElseThrow(() -> new AssertionError("no child process"));
            assertEquals(0, mappedArchives(child, archive), "the JVM refused the archive");
            count(s.port());
        } finally {
            stop(s.parent());
        }
        String err = Files.readString(s.err());
        assertFalse(err.contains("cds") || err.contains("shared archive") || err.contains("warning"), err);

        // The jar changed after the archive was made (its record no longer matches): no child at all.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        Started stale = start(jar, dir);
        try {
            assertTrue(stale.port() > 0, "port line: " + stale.out());
            assertTrue(child(stale.parent()).isEmpty(), "no relaunch for a stale archive");
            assertFalse(String.join("\n", stale.out()).contains("SharedArchiveFile="), stale.out().toString());
            count(stale.port());
        } finally {
            stop(stale.parent());
        }
        assertFalse(Files.readString(stale.err()).contains("cds"));
    }

    @Test
    void validateAndTheOptOutServeInOneJvm(@TempDir Path dir) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Process v = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), FLAGS, "-jar", JAR.toString(),
                "validate", "--data", project.toString()).redirectErrorStream(true).start();
        String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(v.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, v.exitValue(), out);
        assertFalse(out.contains("SharedArchiveFile="), "validate runs in the JVM it was started in: " + out);

        Started s = start(JAR, dir, "serve", "--port", "0");
        Process noRelaunch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Relaunch.OFF_PROPERTY + "=false", "-jar", JAR.toString(), "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(s.port() > 0);
            assertTrue(child(s.parent()).isPresent(), "the explicit serve command relaunches too");
            BufferedReader r = new BufferedReader(new InputStreamReader(noRelaunch.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("port "))
                ;
            assertTrue(line != null, "the opted-out jar serves");
            assertTrue(noRelaunch.toHandle().children().findAny().isEmpty(), "-Dnewpath.relaunch=false: no child");
        } finally {
            stop(s.parent());
            stop(noRelaunch);
        }
    }
}
