package org.newpathkg.server.cache;

import org.eclipse.jetty.util.Fields;

/**
 * The key of a request as it arrived, before anything parses it: what {@link CacheFront} looks
 * up before admission. It holds every input that the checks and the answer of a query request
 * depend on, so two requests with the same raw key pass the same checks and get the same answer:
 * the data version, the method and path, the query string as sent (every parameter:
 * {@code query}, {@code default-graph-uri}, {@code named-graph-uri}, {@code timeout},
 * {@code output}...), the body (a {@code application/sparql-query} body's bytes, or a form's
 * decoded fields, which is what everything after the form decoder sees), and the headers the
 * endpoint reads: {@code Content-Type} (the body's kind and charset), {@code Accept} and
 * {@code Accept-Charset} (content negotiation) and {@code X-Timeout}. Headers nothing reads
 * (User-Agent, Host, cookies...) are left out, so ordinary clients share entries. Every part is
 * length-prefixed, so no two different requests give one key. Pure functions, testable without a
 * server.
 *
 * <pre>{@code
 * String k = RawKey.of("v1", "GET", "/newpath/sparql", "query=ASK%7B%7D", null, "text/csv", null, null, "");
 * // null when the request is too long to be worth a key: it is then served by the normalised level only
 * }</pre>
 */
public final class RawKey {
    /** A raw request longer than this (in characters) is not keyed: the normalised level still serves it. */
    public static final int MAX_CHARS = 16 * 1024;

    private RawKey() {}

    /**
     * The key of one request, or null when it would be longer than {@link #MAX_CHARS}.
     * {@code body} is the query body's bytes as ISO-8859-1 characters (one per byte), a form's
     * fields as {@link #form} writes them, or empty; a null header is an absent one.
     */
    public static String of(String dataVersion, String method, String path, String rawQuery, String contentType,
                            String accept, String acceptCharset, String xTimeout, String body) {
        String[] parts = {dataVersion, method, path, rawQuery, contentType, accept, acceptCharset, xTimeout, body};
        long length = 0;
        for (String p : parts)
            length += (p == null ? 0 : p.length()) + 8;
        if (length > MAX_CHARS)
            return null;
        StringBuilder b = new StringBuilder((int) length);
        for (String p : parts) {
            if (p == null)
                b.append('-');
            else
                b.append(p.length()).append(':').append(p);
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * A form's fields in the order sent, each name and value length-prefixed, as the {@code body}
     * part of {@link #of}. Stops (returns null) once it passes {@link #MAX_CHARS}.
     */
    public static String form(Fields fields) {
        StringBuilder b = new StringBuilder();
        for (Fields.Field f : fields) {
            b.append(f.getName().length()).append(':').append(f.getName()).append('=');
            for (String v : f.getValues())
                b.append(v.length()).append(':').append(v).append('&');
            if (b.length() > MAX_CHARS)
                return null;
        }
        return b.toString();
    }
}
