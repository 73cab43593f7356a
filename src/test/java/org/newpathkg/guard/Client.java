package org.newpathkg.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP for the guard ITs: java.net.http for ordinary requests, a raw socket for what it will not send. */
final class Client {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A response and how long it took. */
    record Answer(int status, String body, java.net.http.HttpHeaders headers, long millis) {
        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }
    }

    private Client() {}

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Answer send(HttpRequest.Builder b) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer get(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2)
            b.header(headers[i], headers[i + 1]);
        return send(b);
    }

    static Answer query(String base, String query, String... headers) {
        return get(base + "/newpath/sparql?query=" + enc(query), headers);
    }

    static Answer method(String url, String method, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null)
            b.header("Content-Type", contentType);
        return send(b);
    }

    /**
     * Sends {@code request} bytes as they are from {@code localAddress} (e.g. 127.0.0.2, a second
     * client on the same machine) and returns the whole answer text (HTTP/1.0 style: read to close).
     */
    static String raw(int port, String localAddress, String request) {
        try (Socket s = new Socket()) {
            if (localAddress != null)
                s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of a raw answer ({@code HTTP/1.1 429 ...}). */
    static int status(String raw) {
        return Integer.parseInt(raw.substring(9, 12));
    }
}
