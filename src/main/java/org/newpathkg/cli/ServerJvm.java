package org.newpathkg.cli;

import java.util.List;

/**
 * JVM options of the server's JVM when {@code java -jar} relaunches it ({@link Relaunch}), and of the
 * benchmark's server JVM, so the throughput the benchmark reports is the throughput the jar serves.
 * <p>
 * Only one concern: when the JIT's optimising compiler (C2) takes a method. HotSpot's tiered
 * compilation hands a method to C2 after 5,000 invocations (or 15,000 invocations and loops, 40,000
 * loop iterations). Start-up runs a great deal of code just past those counts once and never again
 * (reading the jar, initialising Jena, Jetty and Lucene, the first query in the interpreter), so on two
 * cores C2's compiler thread took about a quarter of the CPU to the first page and competed with it.
 * Ten times the thresholds leave that code to C1, the quick compiler, while a query engine's hot paths,
 * run millions of times under load, still reach C2 within seconds. Measured side by side (relaunched
 * JVM with and without them, same jar, alternating; {@code docs/performance.md}, start-up): the CPU to
 * the first page fell by about a quarter, and neither early nor sustained uncached throughput fell.
 * The options are HotSpot's own and product flags (no {@code -XX:+UnlockExperimentalVMOptions}).
 */
public final class ServerJvm {
    private ServerJvm() {}

    /** The C2 thresholds, ten times HotSpot 17's defaults (5,000 / 600 / 15,000 / 40,000). */
    public static final List<String> JIT_OPTIONS = List.of(
            "-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000",
            "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000");
}
