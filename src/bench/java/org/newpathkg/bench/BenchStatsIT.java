package org.newpathkg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;

/**
 * The benchmark reads a start-up's figures from the packaged jar's {@code /$/stats} JSON (not
 * from its log); and the size converter of its options reads sizes as people write them.
 */
class BenchStatsIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();

    @Test
    void theStartupFiguresOfThePackagedJarAreReadFromItsStats() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--port", "0");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String port = Fixtures.awaitPort(out);
            assertNotNull(port, "the jar printed no port line");
            JsonObject f = Bench.startupFigures("http://127.0.0.1:" + port + "/$/stats");
            assertTrue(f.get("reused").getAsBoolean().value(), "the packaged database is reopened: " + f);
            assertTrue(Bench.figure(f, "quads") > 10_000 && Bench.figure(f, "graphs") > 200, f.toString());
            assertTrue(Bench.figure(f, "openMs") >= 0, f.toString());
            assertEquals(-1, Bench.figure(f, "parseMs"), "nothing was parsed: " + f);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void sizesAsPeopleWriteThem() {
        Size s = new Size();
        assertEquals(10_000L, s.convert("10k"));
        assertEquals(1_000_000L, s.convert("1M"));
        assertEquals(2_500_000L, s.convert("2.5m"));
        assertEquals(0L, s.convert("none"));
        assertEquals("10k", Size.label(10_000));
        assertEquals("1M", Size.label(1_000_000));
    }
}
