package org.newpathkg.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small java.net.http client for the ITs. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {}

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (accept != null)
            b.header("Accept", accept);
        return send(b);
    }

    static HttpResponse<String> query(String base, String query, String accept) {
        return get(base + "/newpath/sparql?query=" + enc(query), accept);
    }

    static HttpResponse<String> postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static HttpResponse<String> method(String url, String method, String contentType, String body) {
        // A fresh client, so no pooled connection is reused: Jetty closes the connection after
        // refusing a request whose body it did not read, and the shared client could otherwise
        // send the next request down that closing connection ("header parser received no bytes").
        HttpClient once = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return once.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Total number of quads, via SPARQL over HTTP (named graphs; the default graph is their union). */
    static long count(String base) {
        String body = query(base, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", "text/csv").body();
        return Long.parseLong(body.split("\\R")[1].strip());
    }
}
