package org.newpathkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar newpath-kg.jar} serving the packaged data runs the server in a second JVM that maps
 * the jar's class data archive ({@code newpath-kg.jsa} beside the jar, made by the build with
 * {@link ClassDataArchive}), because Java 17 takes {@code -XX:SharedArchiveFile} only from the command
 * line: the manifest cannot name JVM options. With the archive the application's ~3,600 classes are
 * mapped already parsed and verified instead of being read, inflated and verified one by one from the
 * jar; measured in {@code docs/performance.md} (start-up).
 * <p>
 * This JVM (the parent) loads nothing of the application: it checks that the archive fits, starts
 * the child with the same JVM (same {@code java.home}), the same JVM options (after its own, {@link #childOptions},
 * so a user's option wins) and the same arguments,
 * shares standard output and error with it, and returns the child's exit status. On its own shutdown
 * (SIGTERM, SIGINT) it stops the child and waits for it, so whoever stops the parent knows the server
 * is gone when the parent is. The child exits when the parent dies, even by SIGKILL: its standard input
 * is a pipe the parent holds open and never writes, and the kernel closes it with the parent, so the
 * child reads end-of-file at once (the server reads nothing else from standard input; polling
 * {@code ProcessHandle.onExit} of a non-child waits up to 5 s per round).
 * <p>
 * No relaunch (the server runs in this JVM, as before) when: the command is not serve, or serve is
 * given {@code --data} or {@code --tdb2} (the archive is trained on the packaged data; a rebuild's
 * process is what a supervisor kills), or help or version is asked for; {@value #OFF_ENV} is set or
 * {@code -D}{@value #OFF_PROPERTY}{@code =false} is given; this JVM is already the child; a JVM option
 * (command line, {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS}) is not one both JVMs may take
 * ({@link #harmless}: a GC log file, a debugger's port, an agent, a CDS option…); the jar was not
 * started with {@code -jar}; or the archive is missing or stale: its record
 * ({@code newpath-kg.jsa.properties}) must name this JVM's {@code java.vm.version} and {@code java.home},
 * the jar's absolute path, size and modification time, and the archive's size. The JVM checks the
 * archive again when it maps it; should it still refuse it, the child runs without it, silently
 * ({@code -Xshare:auto}, CDS logging off).
 * <p>
 * The parent's way to the spawn is the one part of start-up with a single thread and nothing else to
 * overlap it, so it starts nothing it does not need: no string {@code +} (javac compiles it to
 * {@code invokedynamic}, whose first use sets up the JVM's method-handle machinery) and no regular
 * expression unless there is a JVM option to check ({@link #harmless}; a plain {@code java -jar} has
 * none). Both did run before the spawn, 15-20 ms of it ({@code -Xlog:class+load}: the application's
 * first class to the next, {@code docs/performance.md}, start-up).
 */
final class Relaunch {
    /** Set to {@code false} to serve in this JVM. */
    static final String OFF_PROPERTY = "newpath.relaunch";
    /** Set (to anything not empty) to serve in this JVM. */
    static final String OFF_ENV = "NEWPATH_NO_RELAUNCH";
    /** Set on the child, so it never relaunches and watches its parent. */
    static final String CHILD_PROPERTY = "newpath.relaunched";
    /** How long the parent's shutdown waits for the child to stop before killing it. */
    static final long STOP_SECONDS = 30;

    private static final List<String> OWN_OPTIONS = List.of("--data", "--tdb2", "-h", "--help", "-V", "--version");

    private Relaunch() {}

    /**
     * Serves in a child JVM with the class data archive when one fits; returns its exit status, or
     * -1 when this JVM should serve itself. Called only for serve.
     */
    static int serve(String[] argv) {
        if (isChild()) {
            watchParent();
            return -1;
        }
        List<String> command = childCommand(argv);
        return command == null ? -1 : run(command);
    }

    static boolean isChild() {
        return System.getProperty(CHILD_PROPERTY) != null;
    }

    /** The child's command line, or null when there is no relaunch. */
    static List<String> childCommand(String[] argv) {
        if ("false".equals(System.getProperty(OFF_PROPERTY)) || notEmpty(System.getenv(OFF_ENV)) || isChild())
            return null;
        for (String a : argv)
            for (String own : OWN_OPTIONS)
                if (a.equals(own) || (a.startsWith(own) && a.length() > own.length() && a.charAt(own.length()) == '='))
                    return null;
        String[] args = ProcessHandle.current().info().arguments().orElse(null);
        String classPath = System.getProperty("java.class.path", "");
        if (args == null || classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar"))
            return null;
        // The JVM's own arguments: what comes before -jar; after the jar come argv, unchanged.
        int jarAt = Arrays.asList(args).indexOf("-jar");
        if (jarAt < 0 || jarAt + 1 >= args.length || args.length - jarAt - 2 != argv.length
                || !Arrays.equals(args, jarAt + 2, args.length, argv, 0, argv.length))
            return null;
        List<String> jvmOptions = Arrays.asList(args).subList(0, jarAt);
        if (!harmless(jvmOptions) || !harmless(split(System.getenv("JDK_JAVA_OPTIONS")))
                || !harmless(split(System.getenv("JAVA_TOOL_OPTIONS"))) || !harmless(split(System.getenv("_JAVA_OPTIONS"))))
            return null;
        Path jar = Path.of(classPath).toAbsolutePath();
        Path archive = archiveOf(jar);
        if (!fits(jar, archive))
            return null;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java))
            return null;
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(childOptions(archive));
        command.addAll(jvmOptions);   // after ours: an option given to java -jar wins
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.addAll(Arrays.asList(args).subList(jarAt, args.length));
        return command;
    }

    /**
     * The child's own JVM options: the archive, silently ignored by the JVM if it does not fit after all;
     * the archive mapped where it was made to be mapped ({@code ArchiveRelocationMode=0}, below); and
     * {@link ServerJvm#options}: C2 later (start-up's CPU without costing throughput), huge pages for the
     * heap and the compiled code and a larger first young generation (fewer page faults and no young
     * collection before the first page), each measured in {@code docs/performance.md}; the benchmark's
     * server JVM takes the same, so its throughput figures are this server's. Lowering every compile
     * threshold instead ({@code -XX:CompileThresholdScaling}) was tried and slowed the first minute of serving.
     * <p>
     * {@code ArchiveRelocationMode}: since JDK-8294323 (in this JDK 17 update) HotSpot maps class data
     * archives at a random address and then rewrites every pointer in them; for this 36 MB archive that
     * took 0.17-0.2 s of the child's start, single-threaded, before {@code main} (the {@code cds} log:
     * archives mapped at 0.03 s with mode 0, at 0.20-0.25 s with mode 1). Mode 0, the JDK's default until
     * that change, maps them at their recorded base and relocates only if that address is taken. What it
     * gives up is the randomisation of where class metadata lies, a defence against an attacker who
     * already has a memory-corruption bug in the JVM; the Java heap itself lies at the same addresses run
     * after run (compressed pointers). The trade is written in {@code docs/operations.md} (security);
     * {@value #OFF_ENV} serves without the archive and without this option.
     */
    static List<String> childOptions(Path archive) {
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=".concat(archive.toString()), "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        options.addAll(ServerJvm.options());
        return options;
    }

    /** {@code dir/newpath-kg.jar} → {@code dir/newpath-kg.jsa}. */
    static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()).concat(".jsa"));
    }

    /** {@code dir/newpath-kg.jsa} → {@code dir/newpath-kg.jsa.properties}. */
    static Path recordOf(Path archive) {
        return archive.resolveSibling(archive.getFileName().toString().concat(".properties"));
    }

    /** True when the archive exists and its record names this JVM, this jar as it is now, and this archive. */
    static boolean fits(Path jar, Path archive) {
        try {
            return record(jar, archive).equals(read(recordOf(archive)));
        } catch (IOException | RuntimeException e) {
            return false;   // missing or unreadable: no relaunch
        }
    }

    /** What the archive was made for: this JVM, the jar (path, size, modification time) and the archive's size. */
    static Properties record(Path jar, Path archive) throws IOException {
        Properties p = new Properties();
        p.setProperty("java.vm.version", System.getProperty("java.vm.version"));
        p.setProperty("java.home", System.getProperty("java.home"));
        p.setProperty("jar", jar.toAbsolutePath().toString());
        p.setProperty("jar.size", Long.toString(Files.size(jar)));
        p.setProperty("jar.modified", Long.toString(Files.getLastModifiedTime(jar).toMillis()));
        p.setProperty("archive.size", Long.toString(Files.size(archive)));
        return p;
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }

    /**
     * True when every JVM option may be given to both JVMs: heap and stack sizes, a few memory and
     * processor limits, the young generation's size, the choice of collector and of huge pages
     * ({@code -XX:-UseTransparentHugePages} turns off the child's, {@link ServerJvm}), system properties,
     * assertions. Any other option means no relaunch, since the first JVM has already acted on it: one
     * that names a file (a GC log, a flight recording, a heap dump), a port (a debugger, JMX) or an agent
     * would be taken twice, and one about class data sharing would conflict with the archive.
     */
    static boolean harmless(List<String> options) {
        for (String o : options)
            if (!Harmless.PATTERN.matcher(o).matches() || o.startsWith("-Dcom.sun.management") || o.startsWith("-D" + CHILD_PROPERTY))
                return false;
        return true;
    }

    /** Compiled on first use: a plain {@code java -jar} gives no option to check (see {@link #serve}). */
    private static final class Harmless {
        static final java.util.regex.Pattern PATTERN = java.util.regex.Pattern.compile(
                "-Xm[snx]\\d+[kKmMgGtT]?|-Xss\\d+[kKmMgG]?"
                + "|-XX:(MaxRAMPercentage|InitialRAMPercentage|MinRAMPercentage|MaxRAM|MaxDirectMemorySize|MaxMetaspaceSize|NewSize|MaxNewSize"
                + "|ActiveProcessorCount|ReservedCodeCacheSize)=[0-9.]+[kKmMgGtT]?"
                + "|-XX:[+-](Use(Serial|Parallel|G1|Z|Shenandoah)GC|UseTransparentHugePages|AlwaysPreTouch|ExitOnOutOfMemoryError|CrashOnOutOfMemoryError|PrintCommandLineFlags)"
                + "|-D[^=\\s]+(=.*)?|-(ea|da|esa|dsa|enableassertions|disableassertions|enablesystemassertions|disablesystemassertions)(:.*)?");
    }

    private static List<String> split(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** Runs the child to its end; returns its exit status. */
    private static int run(List<String> command) {
        Process child;
        try {
            child = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();   // standard input: a pipe held open until this JVM exits (see the class comment)
        } catch (IOException e) {
            return -1;   // cannot start it: serve here
        }
        OutputStream lifeline = child.getOutputStream();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "stop-server"));
        while (true) {
            try {
                int status = child.waitFor();
                reachabilityFence(lifeline);
                return status;
            } catch (InterruptedException e) {
                // only the shutdown hook stops the child
            }
        }
    }

    private static void reachabilityFence(Object o) {
        java.lang.ref.Reference.reachabilityFence(o);
    }

    /**
     * The parent's shutdown: SIGTERM to the child, then SIGKILL if it has not stopped in time. The
     * SIGTERM goes through the child's {@code ProcessHandle}, not {@code Process.destroy}, which also
     * closes the streams to the child: the child would read the end of its lifeline at once and, taking
     * it for the parent's death ({@link #watchParent}), say so and race its orderly stop with an exit.
     */
    private static void stop(Process child) {
        if (!child.isAlive())
            return;
        child.toHandle().destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS))
                child.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** In the child: exit when standard input, the parent's pipe, reaches its end (the parent is gone). */
    private static void watchParent() {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] b = new byte[256];
                while (in.read(b) >= 0) {
                    // the parent never writes; read on until the end
                }
            } catch (IOException e) {
                // the pipe is broken: the parent is gone just the same
            }
            System.err.println("newpath-kg: the launching process is gone; stopping");
            System.exit(Main.FAILED);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
