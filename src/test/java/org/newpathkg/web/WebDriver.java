package org.newpathkg.web;

import java.io.IOException;
import java.net.ServerSocket;
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
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        profile = Files.createTempDirectory("newpath-chromium");
        driver = new ProcessBuilder(chromedriver, "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        url = "http://127.0.0.1:" + port;
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                if (call("GET", "/status", null).getObj("value").get("ready").getAsBoolean().value())
                    break;
            } catch (IOException | RuntimeException e) {
                if (System.currentTimeMillis() > deadline)
                    throw new IOException("chromedriver did not start on port " + port + ": " + e.getMessage(), e);
            }
            Thread.sleep(200);
        }
        JsonArray args = new JsonArray();
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + profile))
            args.add(a);
        JsonObject opts = new JsonObject();
        opts.put("binary", chromium);
        opts.put("args", args);
        JsonObject always = new JsonObject();
        always.put("browserName", "chrome");
        always.put("goog:chromeOptions", opts);
        JsonObject caps = new JsonObject();
        caps.put("alwaysMatch", always);
        JsonObject body = new JsonObject();
        body.put("capabilities", caps);
        JsonObject v = call("POST", "/session", body).getObj("value");
        session = v.getString("sessionId");
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

    /** Runs {@code script} in the page and returns its result as a string. */
    String script(String script) throws IOException {
        JsonObject b = new JsonObject();
        b.put("script", script);
        b.put("args", new JsonArray());
        JsonValue v = call("POST", s("/execute/sync"), b).get("value");
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
