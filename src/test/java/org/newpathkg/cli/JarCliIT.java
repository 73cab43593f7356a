package org.newpathkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged jar: its version comes from the manifest the build writes; it holds no benchmark class. */
class JarCliIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();

    static String[] run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the jar did not exit");
            return new String[] {Integer.toString(p.exitValue()), out, err};
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        String[] r = run("--version");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("newpath-kg " + System.getProperty("project.version", "0.1.0-SNAPSHOT")), r[1]);
        assertTrue(r[1].contains("\nApache Jena 5.6.0\n"), "Jena's own version, not the jar's: " + r[1]);
    }

    @Test
    void theJarHoldsNoBenchmarkClass() throws Exception {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(JAR.toFile())) {
            List<String> bench = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("org/newpathkg/bench/") || n.matches(".*/(Bench|BenchServer|CorpusGenerator|LoadGenerator)[^/]*\\.class"))
                    .toList();
            assertEquals(List.of(), bench, "benchmark classes in the production jar");
            assertTrue(zip.getEntry("org/newpathkg/cli/Main.class") != null, "the jar was read");
        }
    }

    @Test
    void anUnknownFlagStopsTheJarBeforeItLoadsAnything() throws Exception {
        String[] r = run("--prot", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("'--prot'") && r[2].contains("Did you mean --port?"), r[2]);
        assertTrue(!r[2].contains("Loaded") && !r[2].contains("Serving"), "nothing loaded: " + r[2]);
    }
}
