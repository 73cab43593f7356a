package org.newpathkg.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete HTTP answer: status, content type, extra headers and body. */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** A UTF-8 text answer. */
    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType + "; charset=utf-8", new LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a header; returns this answer. */
    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The body as text, for tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
