package org.newpathkg.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;

/**
 * The README's one query, sent as its curl command sends it (a form POST with
 * {@code Accept: text/csv}) to the packaged jar, gives exactly the answer the README prints.
 */
class ReadmeIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();

    @Test
    void theReadmeQueryGivesTheAnswerItShows() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher curl = Pattern.compile("curl -H 'Accept: text/csv' --data-urlencode 'query=(.*?)' \\\\\\n\\s*http://localhost:3030/newpath/sparql",
                Pattern.DOTALL).matcher(readme);
        assertTrue(curl.find(), "the README has its curl query");
        Matcher answer = Pattern.compile("```\\n(treaty,.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertTrue(answer.find(), "the README shows the query's answer");

        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--port", "0");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String port = Fixtures.awaitPort(out);
            assertNotNull(port, "the jar printed no port line");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/newpath/sparql"))
                    .header("Accept", "text/csv")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(curl.group(1), StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(answer.group(1).strip(), r.body().replace("\r\n", "\n").strip());
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
