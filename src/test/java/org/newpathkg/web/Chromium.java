package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.junit.jupiter.api.Assumptions;

/**
 * What every browser test sets up and asks of headless Chromium, written once: installing
 * Chromium, chromedriver and CJK fonts ({@code src/test/scripts/ensure-chromium.sh}) and axe-core
 * ({@code src/test/scripts/ensure-axe.sh}) when absent (in CI, {@code CI=true}, a failed install
 * fails the test instead of skipping it), starting the browser, running script, waiting for a
 * condition, and axe-core's serious and critical findings.
 */
final class Chromium {
    static final Path SHOTS = Path.of("target/screenshots");
    static final Path AXE = Path.of("target/axe/node_modules/axe-core/axe.min.js");

    private Chromium() {}

    /**
     * Chromium and axe-core installed, the screenshot folder made, a browser started (downloads to
     * {@code downloads}, null for none); skips the test (fails it in CI) if they cannot be installed.
     */
    static WebDriver start(Path downloads) throws IOException, InterruptedException {
        ensure("src/test/scripts/ensure-chromium.sh", Path.of("/usr/bin/chromedriver"));
        ensure("src/test/scripts/ensure-axe.sh", AXE);
        Files.createDirectories(SHOTS);
        String binary = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "/usr/bin/chromium-browser";
        return downloads == null ? new WebDriver("/usr/bin/chromedriver", binary) : new WebDriver("/usr/bin/chromedriver", binary, downloads);
    }

    /** axe-core's script (installed by {@link #start}). */
    static String axe() throws IOException {
        return Files.readString(AXE, StandardCharsets.UTF_8);
    }

    static void ensure(String script, Path needed) throws IOException, InterruptedException {
        // Not inheritIO(): npm and apt would share surefire's stdin (and may set it non-blocking,
        // which kills the fork's command channel: "std/in stream corrupted") and write to the fork's
        // native stdout, which surefire reads as its event stream. The script's output goes to a log.
        Path log = Path.of("target", Path.of(script).getFileName() + ".log");
        Process p = new ProcessBuilder("sh", script)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        boolean ok = done && p.exitValue() == 0 && Files.exists(needed);
        if (!ok) {
            if (!done)
                p.destroyForcibly();
            String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            tail = tail.substring(Math.max(0, tail.length() - 2000));
            if ("true".equals(System.getenv("CI")))
                fail(script + " could not install " + needed + "; the browser test must run in CI. Its log " + log + " ends:\n" + tail);
            Assumptions.abort(script + " could not install " + needed + " on this machine (not CI): browser test skipped");
        }
    }

    /** Runs {@code script} in the open page and returns what it returns, as text. */
    static String js(WebDriver browser, String script) {
        try {
            return browser.script(script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (30 s at most, polling every 200 ms) until {@code ok}; fails naming {@code what}. */
    static void waitFor(String what, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!ok.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline)
                throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }

    /** Violations of impact serious or critical found by axe-core ({@code axeScript}) on the page {@code browser} has open. */
    static List<String> axeViolations(WebDriver browser, String axeScript) throws IOException {
        browser.script(axeScript + "\nreturn 'loaded';");
        String json = browser.scriptAsync("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); },"
                + " function (e) { done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])); });", 120);
        JsonValue parsed = JSON.parseAny(json);
        List<String> out = new ArrayList<>();
        for (JsonValue v : parsed.getAsArray()) {
            JsonObject o = v.getAsObject();
            String impact = o.hasKey("impact") && o.get("impact").isString() ? o.getString("impact") : "";
            if (!impact.equals("serious") && !impact.equals("critical"))
                continue;
            List<String> targets = new ArrayList<>();
            JsonArray nodes = o.get("nodes").getAsArray();
            for (int i = 0; i < Math.min(3, nodes.size()); i++)
                targets.add(nodes.get(i).getAsObject().get("target").toString());
            out.add(impact + " " + o.getString("id") + ": " + o.getString("help") + " (" + nodes.size() + " nodes, e.g. " + targets + ")");
        }
        return out;
    }
}
