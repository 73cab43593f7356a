package org.newpathkg.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options of the server's JVM when {@code java -jar} relaunches it ({@link Relaunch}), and of the
 * benchmark's server JVM, so the throughput the benchmark reports is the throughput the jar serves.
 * Two concerns, each measured side by side in {@code docs/performance.md} (start-up):
 * <p>
 * <b>When the JIT's optimising compiler (C2) takes a method</b> ({@link #JIT_OPTIONS}). HotSpot's tiered
 * compilation hands a method to C2 after 5,000 invocations (or 15,000 invocations and loops, 40,000
 * loop iterations). Start-up runs a great deal of code just past those counts once and never again
 * (reading the jar, initialising Jena, Jetty and Lucene, the first query in the interpreter), so on two
 * cores C2's compiler thread took about a quarter of the CPU to the first page and competed with it.
 * Ten times the thresholds leave that code to C1, the quick compiler, while a query engine's hot paths,
 * run millions of times under load, still reach C2 within seconds. Measured side by side (relaunched
 * JVM with and without them, same jar, alternating): the CPU to the first page fell by about a quarter,
 * and neither early nor sustained uncached throughput fell.
 * <p>
 * <b>The pages that back the Java heap and the compiled code, and the young generation's least
 * size</b> ({@link #MEMORY_OPTIONS}). Each first touch of a 4 KB page is a page fault, and on this project's machines (a paravirtualised
 * guest) a fault costs 13-14 µs, against well under 1 µs per 4 KB when the kernel backs the memory with
 * 2 MB transparent huge pages (a C program touching 256 MB, measured). A start-up to the first page
 * takes about 20,000 faults; {@code -XX:+UseTransparentHugePages} asks the kernel for huge pages for the
 * heap and the code cache ({@code madvise}, so it also works where the system's setting is
 * {@code madvise}, as on this machine), which halves them. The rest are the class data archive's pages,
 * written once each as its classes are linked, and the JVM's own memory, which the option does not
 * reach. The price: the heap and the code cache grow in 2 MB steps of resident memory, and where the
 * kernel must first compact memory to find a free 2 MB page, that touch waits for it (the kernel falls
 * back to small pages when it cannot). With fresh heap memory that cheap, G1's first young generation
 * (5% of the initial heap: 19 MB on a 24 GB machine, three collections of 12-22 ms before the first
 * page, each stopping every thread) is raised to at least 64 MB ({@code -XX:NewSize}, a floor: G1 still
 * sizes it above that for its pause goal), and start-up reaches the first page without one. On small
 * pages the same floor was slower (each fresh page of the larger young generation a fault), so both
 * options come together, and only where the kernel has huge pages and does not turn them off
 * ({@link #hugePages}): elsewhere the option changes nothing or the JVM warns that it cannot use it, and
 * a JVM that is not Linux's does not know it.
 * <p>
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

    /** Transparent huge pages for the heap and the code cache, and a young generation of at least 64 MB. */
    public static final List<String> MEMORY_OPTIONS = List.of("-XX:+UseTransparentHugePages", "-XX:NewSize=64m");

    /** Linux's setting for transparent huge pages; absent on a kernel without them and on other systems. */
    static final File HUGE_PAGE_SETTING = new File("/sys/kernel/mm/transparent_hugepage/enabled");

    /** The server JVM's options on this machine: {@link #JIT_OPTIONS}, then {@link #MEMORY_OPTIONS} if {@link #hugePages}. */
    public static List<String> options() {
        return options(hugePages());
    }

    static List<String> options(boolean hugePages) {
        List<String> options = new ArrayList<>(JIT_OPTIONS);
        if (hugePages)
            options.addAll(MEMORY_OPTIONS);
        return options;
    }

    /**
     * True when the kernel has transparent huge pages and its system-wide setting is not {@code never}
     * ({@code [always] madvise never} and {@code always [madvise] never} both take the JVM's request).
     * With {@code never} the option would change nothing, and the young generation's floor is no gain
     * on small pages. {@code java.io} rather than NIO: the launching JVM calls this on its way to the spawn, where
     * nothing else needs NIO.
     */
    public static boolean hugePages() {
        try (FileInputStream in = new FileInputStream(HUGE_PAGE_SETTING)) {
            return takesHugePages(new String(in.readNBytes(256), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;   // no such file: no transparent huge pages (another system, or a kernel without them)
        }
    }

    /** Whether a JVM's request for huge pages takes effect under {@code setting}, the file's content (the choice in brackets). */
    static boolean takesHugePages(String setting) {
        return setting.contains("[always]") || setting.contains("[madvise]");
    }
}
