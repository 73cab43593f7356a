package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

/**
 * Hostile values in every parameter of every page, in the path, in Accept-Language and in the
 * Host header: no answer is a 5xx, nothing is reflected unescaped (no tag, no attribute break-out,
 * no {@code javascript:} link, no header split by CR/LF), and every page answer carries the
 * security headers. The server has no {@code --base-url}, so absolute URLs come from the Host header.
 */
class HostileParamsIT {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final List<String> PAGES = List.of("/", "/id/dprk", "/id/evil", "/claim/c1", "/note/1", "/essay/section-1", "/graph/claims",
            "/ontology", "/timeline", "/ui", "/.well-known/void", "/queries/01-dprk-treaties.rq", "/static/site.css", "/id/no-such-thing",
            "/argument/none");
    /** Every parameter a page reads, and one it does not. */
    static final List<String> PARAMS = List.of("lang", "page", "format", "actor", "example", "query", "unknown");
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String BREAKOUT = "\"><img src=x onerror=alert(2)>";
    static final String SINGLE = "' onmouseover='alert(3)";
    static final String JS_URL = "javascript:alert(4)";
    static final List<String> VALUES = List.of(SCRIPT, BREAKOUT, SINGLE, JS_URL, "JaVaScRiPt:alert(5)", "/id/dprk\r\nSet-Cookie: pwned=1",
            "http://x/\"><script>alert(6)</script>", "/<script>alert(7)</script>", "xx", "ja-JP", "-1", "99999999999999999999",
            "1e9", "ttl\"", "../../etc/passwd", "%00", "a".repeat(6000));

    static Path dir;
    static KnowledgeGraph kg;
    static FusekiServer server;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("newpath-hostile");
        kg = Pipeline.load(SourceTree.directory(WebFixture.create(dir)), null);
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().oneTrustedClient().build()).build();
        server = NewpathServer.build(kg.dataset(), config, new WebModule(kg.dataset(), config.baseUrl())).start();
        port = server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        server.stop();
        kg.close();
        Fixtures.deleteTree(dir);
    }

    record Answer(int status, String headers, String body) {}

    /** A GET written by hand on a socket, so the path, query and headers go out exactly as given. */
    static Answer raw(String target, String host, String acceptLanguage) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            String req = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                    + (acceptLanguage == null ? "" : "Accept-Language: " + acceptLanguage + "\r\n") + "Connection: close\r\n\r\n";
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body);
        }
    }

    static HttpResponse<String> get(String pathAndQuery) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(pathAndQuery + ": " + e, e);
        }
    }

    /** What must never appear in a page, whatever it was asked. */
    static void assertNothingReflected(String what, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script>alert"), what + ": a script tag from the request");
        assertFalse(lower.contains("<img src=x"), what + ": markup from the request");
        // Quotes in text content are harmless; an event handler inside a tag is not.
        assertFalse(lower.matches("(?s).*<[^>]*\\s(onmouseover|onerror)=.*"), what + ": an attribute break-out from the request");
        assertFalse(lower.matches("(?s).*(href|src|action|formaction)=\"\\s*javascript:.*"), what + ": a javascript: link");
    }

    static void assertPageHeaders(String what, java.net.http.HttpHeaders h) {
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"), what + ": CSP " + csp);
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""), what);
        assertTrue(h.firstValue("Referrer-Policy").isPresent(), what + ": Referrer-Policy");
        assertTrue(h.allValues("Set-Cookie").isEmpty(), what + ": a cookie was set (a header split by CR/LF)");
        assertFalse(h.map().toString().contains("pwned"), what + ": a request value in a response header");
    }

    @Test
    void hostileValuesInEveryParameterOfEveryPageAreNeverReflectedAndNeverA5xx() {
        List<String> failures = new ArrayList<>();
        int answers = 0;
        for (String page : PAGES)
            for (String param : PARAMS)
                for (String value : VALUES) {
                    String q = page + "?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    HttpResponse<String> r = get(q);
                    answers++;
                    String what = q.length() > 120 ? q.substring(0, 120) + "…" : q;
                    if (r.statusCode() >= 500)
                        failures.add(what + " -> " + r.statusCode());
                    try {
                        assertNothingReflected(what, r.body());
                        assertPageHeaders(what, r.headers());
                    } catch (AssertionError e) {
                        failures.add(e.getMessage());
                    }
                }
        assertTrue(failures.isEmpty(), failures.size() + " of " + answers + " answers failed:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        assertEquals(PAGES.size() * PARAMS.size() * VALUES.size(), answers);
    }

    @Test
    void hostilePathsInvalidUtf8AndHugeQueriesGet4xxNot5xx() throws IOException {
        List<String> targets = List.of("/id/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/claim/%22%3E%3Cimg%20src=x%20onerror=alert(2)%3E",
                "/id/dprk?lang=%FF%FE", "/id/dprk?page=%C3%28", "/timeline?actor=%E0%80%80", "/?%FF=1", "/id/%FF", "/note/%00",
                "/id/dprk?lang=" + "a".repeat(20_000), "/timeline?actor=javascript:alert(1)", "/id/dprk?format=%0d%0aSet-Cookie:%20x=1");
        for (String t : targets) {
            Answer a = raw(t, "127.0.0.1:" + port, null);
            assertTrue(a.status() < 500, t + " -> " + a.status() + "\n" + a.headers());
            assertNothingReflected(t, a.body());
            assertFalse(a.headers().toLowerCase(Locale.ROOT).contains("set-cookie"), t + ": header split");
        }
    }

    @Test
    void hostileAcceptLanguageFallsBackToEnglishAndJapaneseStillWins() throws IOException {
        for (String al : List.of("<script>alert(1)</script>", "ja;q=abc, en;q=0.1", "x".repeat(5000), "*", "zz-ZZ", "ja;q=0.1, en;q=0.9")) {
            Answer a = raw("/id/dprk", "127.0.0.1:" + port, al);
            assertEquals(200, a.status(), al);
            assertTrue(a.body().contains("<html lang=\"en\">"), al + ": English is the fallback");
            assertNothingReflected(al, a.body());
        }
        assertTrue(raw("/id/dprk", "127.0.0.1:" + port, "en;q=0.5, ja").body().contains("<html lang=\"ja\">"), "q-values decide");
    }

    @Test
    void aHostHeaderThatIsNoHostNameNeverReachesTheVoidDocument() throws IOException {
        Answer plain = raw("/.well-known/void", "kg.example.org:8443", null);
        assertEquals(200, plain.status());
        assertTrue(plain.body().contains("<http://kg.example.org:8443/newpath/sparql>"), plain.body());
        for (String host : List.of("evil.example/\"><script>alert(1)</script>", "a b", "x\"y", "example.org/path?q=1", "[zz]")) {
            Answer a = raw("/.well-known/void", host, null);
            assertTrue(a.status() < 500, host + " -> " + a.status());
            assertFalse(a.body().contains("evil.example") || a.body().contains("example.org/path") || a.body().contains("<script"),
                    host + " was written into the VoID document:\n" + a.body());
        }
    }
}
