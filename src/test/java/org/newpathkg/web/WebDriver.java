package org.newpathkg.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonString;
import org.apache.jena.atlas.json.JsonValue;

/**
 * A minimal W3C WebDriver client over raw HTTP to the system chromedriver, driving headless
 * Debian Chromium: enough to open pages, find elements by CSS, click, read text and take
 * screenshots. No driver download, no Selenium dependency.
 */
final class WebDriver implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Process driver;
    private final String url;
    private final String session;
    private final Path profile;

    WebDriver(String chromedriver, String chromium) throws IOException, InterruptedException {
        this(chromedriver, chromium, null);
    }

    /**
     * A browser whose console and network events are kept for {@link #log} ({@code "browser"},
     * {@code "performance"}), and whose downloads land in {@code downloads} without asking (null: the default).
     */
    WebDriver(String chromedriver, String chromium, Path downloads) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("newpath-chromium");
        Started started = startDriver(chromedriver);
        driver = started.process();
        url = "http://127.0.0.1:" + started.port();
        JsonArray args = new JsonArray();
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + profile))
            args.add(a);
        JsonObject opts = new JsonObject();
        opts.put("binary", chromium);
        opts.put("args", args);
        if (downloads != null) {
            JsonObject prefs = new JsonObject();
            prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
            prefs.put("download.prompt_for_download", false);
            opts.put("prefs", prefs);
        }
        JsonObject always = new JsonObject();
        always.put("browserName", "chrome");
        JsonObject logging = new JsonObject();
        logging.put("browser", "ALL");
        logging.put("performance", "ALL");
        always.put("goog:loggingPrefs", logging);
        always.put("goog:chromeOptions", opts);
        JsonObject caps = new JsonObject();
        caps.put("alwaysMatch", always);
        JsonObject body = new JsonObject();
        body.put("capabilities", caps);
        JsonObject v = call("POST", "/session", body).getObj("value");
        session = v.getString("sessionId");
    }

    private record Started(Process process, int port) {}

    /** What chromedriver prints once it listens: the port it bound, which is the one to talk to. */
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");

    /**
     * Starts chromedriver and learns its port from its own log line, so no port is chosen here
     * and handed on (another process could take it in between). {@code --port=0} lets the driver
     * bind any free port and report it (ChromeDriver 156 does); a driver that cannot (it reports
     * port 0 or never says it started) is retried on random high ports, each attempt confirmed
     * by the driver's own "started successfully" line, not by a probe another process could answer.
     */
    private static Started startDriver(String chromedriver) throws IOException, InterruptedException {
        java.util.Random random = new java.util.Random();
        IOException last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            int ask = attempt == 0 ? 0 : 20_000 + random.nextInt(40_000);
            Process p = new ProcessBuilder(chromedriver, "--port=" + ask, "--allowed-ips=127.0.0.1").redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; )
                        lines.add(l);
                } catch (IOException e) {
                    // The driver exited; the waiting loop below sees it.
                }
                lines.add("");
            }, "chromedriver-log");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            StringBuilder log = new StringBuilder();
            int port = -1;
            while (System.nanoTime() < deadline) {
                String l = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (l == null) {
                    if (!p.isAlive() && lines.isEmpty())
                        break;
                    continue;
                }
                log.append(l).append('\n');
                Matcher m = STARTED.matcher(l);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            if (port > 0)
                return new Started(p, port);
            p.destroy();
            p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            last = new IOException("chromedriver --port=" + ask + " did not start: " + log);
        }
        throw last;
    }

    private JsonObject call(String method, String path, JsonObject body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonObject o = JSON.parse(r.body());
            if (r.statusCode() != 200)
                throw new IllegalStateException("WebDriver " + method + " " + path + ": " + r.statusCode() + " " + o);
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String s(String p) {
        return "/session/" + session + p;
    }

    void open(String address) throws IOException {
        JsonObject b = new JsonObject();
        b.put("url", address);
        call("POST", s("/url"), b);
    }

    String currentUrl() throws IOException {
        return call("GET", s("/url"), null).get("value").getAsString().value();
    }

    /** The first element matching {@code css}, waiting up to {@code seconds} for it; null when none appears. */
    String find(String css, int seconds) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonObject b = new JsonObject();
        b.put("using", "css selector");
        b.put("value", css);
        while (true) {
            JsonArray all = call("POST", s("/elements"), b).get("value").getAsArray();
            if (!all.isEmpty())
                return elementId(all.get(0).getAsObject());
            if (System.currentTimeMillis() > deadline)
                return null;
            Thread.sleep(200);
        }
    }

    /** The reference of a web element: the one value of its object (its key is the W3C element identifier). */
    private static String elementId(JsonObject element) {
        return element.entrySet().iterator().next().getValue().getAsString().value();
    }

    int count(String css) throws IOException {
        JsonObject b = new JsonObject();
        b.put("using", "css selector");
        b.put("value", css);
        return call("POST", s("/elements"), b).get("value").getAsArray().size();
    }

    void click(String element) throws IOException {
        call("POST", s("/element/" + element + "/click"), new JsonObject());
    }

    String text(String element) throws IOException {
        return call("GET", s("/element/" + element + "/text"), null).get("value").getAsString().value();
    }

    /** Types {@code text} into {@code element} as key presses (WebDriver key codes such as {@code \uE009} for Control allowed). */
    void type(String element, String text) throws IOException {
        JsonObject b = new JsonObject();
        b.put("text", text);
        call("POST", s("/element/" + element + "/value"), b);
    }

    /**
     * The entries of the browser's log {@code type} since the last call ({@code "browser"}: the
     * console, with level and message; {@code "performance"}: DevTools events as JSON messages,
     * among them every network request). Reading empties the log.
     */
    List<JsonObject> log(String type) throws IOException {
        JsonObject b = new JsonObject();
        b.put("type", type);
        List<JsonObject> out = new java.util.ArrayList<>();
        for (JsonValue v : call("POST", s("/se/log"), b).get("value").getAsArray())
            out.add(v.getAsObject());
        return out;
    }

    /** Runs {@code script} in the page and returns its result as a string. */
    String script(String script) throws IOException {
        JsonObject b = new JsonObject();
        b.put("script", script);
        b.put("args", new JsonArray());
        JsonValue v = call("POST", s("/execute/sync"), b).get("value");
        return v.isString() ? ((JsonString) v).value() : v.toString();
    }

    /**
     * Runs {@code script} as an asynchronous WebDriver script: it gets a callback as its last
     * argument and returns what it passes to it, as a string. WebDriver scripts are evaluated by
     * the browser's debugging protocol, not by the page, so the page's CSP does not apply to them.
     */
    String scriptAsync(String script, int seconds) throws IOException {
        JsonObject t = new JsonObject();
        t.put("script", seconds * 1000L);
        call("POST", s("/timeouts"), t);
        JsonObject b = new JsonObject();
        b.put("script", script);
        b.put("args", new JsonArray());
        JsonValue v = call("POST", s("/execute/async"), b).get("value");
        return v.isString() ? ((JsonString) v).value() : v.toString();
    }

    /** Saves a PNG of the whole page (the window is grown to the page's height first). */
    void screenshot(Path file) throws IOException {
        long h = Math.min(6000, Long.parseLong(script("return String(document.documentElement.scrollHeight)")));
        JsonObject rect = new JsonObject();
        rect.put("width", 1280);
        rect.put("height", Math.max(800, h + 120));
        call("POST", s("/window/rect"), rect);
        String b64 = call("GET", s("/screenshot"), null).get("value").getAsString().value();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(b64));
        rect.put("height", 1000);
        call("POST", s("/window/rect"), rect);
    }

    @Override
    public void close() {
        try {
            call("DELETE", s(""), null);
        } catch (IOException | RuntimeException e) {
            // The browser is gone already; the driver is stopped below either way.
        }
        driver.destroy();
        try {
            org.newpathkg.Fixtures.deleteTree(profile);
        } catch (RuntimeException e) {
            // Chromium may still be writing its profile; a temp dir left behind is harmless.
        }
    }
}
