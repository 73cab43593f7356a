package org.newpathkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.ServerConfig;

import picocli.CommandLine;

/** Each serve flag lands in its one field of ServerConfig or Limits, in that field's unit. */
class ServeOptionsTest {
    static ServerConfig parse(String... args) {
        ServeOptions o = new ServeOptions();
        new CommandLine(o).parseArgs(args);
        return o.config(() -> "v1");
    }

    @Test
    void withoutFlagsTheDefaultsAreThoseOfLimits() {
        ServerConfig c = parse();
        assertEquals(Limits.DEFAULTS, c.limits());
        assertEquals(3030, c.port());
        assertEquals("127.0.0.1", c.host());
        assertNull(c.baseUrl());
        assertEquals(64L << 20, c.cacheBytes());
        assertEquals("v1", c.dataVersion());
    }

    @Test
    void everyFlagMapsToOneField() {
        ServerConfig c = parse("--port", "0", "--host", "0.0.0.0", "--base-url", "https://example.org/",
                "--allow-service", "http://a/sparql", "--allow-service", "http://b/sparql", "--cache-mb", "2",
                "--timeout", "20", "--first-result-timeout", "5", "--max-rows", "7", "--max-concurrent", "3",
                "--max-queue", "9", "--rate-limit", "11", "--rate-burst", "13", "--max-body-kb", "17",
                "--max-header-kb", "19", "--idle-timeout", "23", "--output-buffer-kb", "29",
                "--max-value-chars", "31000", "--query-memory-mb", "37", "--max-result-mb", "41", "--max-per-client", "2",
                "--client-time-budget", "43", "--client-time-refill-ms", "47", "--request-read-timeout", "53");
        assertEquals(0, c.port());
        assertEquals("0.0.0.0", c.host());
        assertEquals("https://example.org/", c.baseUrl());
        assertEquals(List.of("http://a/sparql", "http://b/sparql"), c.allowService());
        assertEquals(2L << 20, c.cacheBytes());
        Limits l = c.limits();
        Limits expected = Limits.DEFAULTS.toBuilder().overallMs(20_000).firstResultMs(5_000).maxRows(7).maxConcurrent(3)
                .maxQueue(9).ratePerSecond(11).rateBurst(13).maxBodyBytes(17 * 1024).maxHeaderBytes(19 * 1024)
                .idleTimeoutMs(23_000).outputBufferBytes(29 * 1024)
                .maxValueChars(31_000).queryMemoryBytes(37L << 20).maxResultBytes(41L << 20)
                .maxConcurrentPerClient(2).clientTimeBudgetMs(43_000).clientTimeRefillPerSecondMs(47).requestReadTimeoutMs(53_000).build();
        assertEquals(expected, l);
    }

    @Test
    void theBurstFollowsTheRateUnlessGivenAndTheCacheOffNeedsNoDataVersion() {
        assertEquals(200, parse("--rate-limit", "100").limits().rateBurst());
        assertEquals(1, parse("--rate-limit", "0").limits().rateBurst());
        ServeOptions o = new ServeOptions();
        new CommandLine(o).parseArgs("--cache-mb", "0");
        assertEquals("", o.config(() -> { throw new AssertionError("hashed the sources for no cache"); }).dataVersion());
    }
}
