package org.newpathkg.web;

import java.util.Map;

/**
 * What a page handler needs of an HTTP request, so handlers run without a socket in tests.
 *
 * @param path the path without the context, e.g. {@code /id/dprk}
 * @param params query parameters (first value of each)
 * @param accept the Accept header or null
 * @param acceptLanguage the Accept-Language header or null
 * @param root this server's root URL as the client reached it, ending in '/'
 */
public record Request(String path, Map<String, String> params, String accept, String acceptLanguage, String root) {

    /** A GET of {@code path} with no headers, for tests. */
    public static Request of(String path, Map<String, String> params) {
        return new Request(path, params, null, null, "http://localhost/");
    }

    /** The parameter {@code name} or {@code dflt}. */
    public String param(String name, String dflt) {
        String v = params.get(name);
        return v == null ? dflt : v;
    }

    /** {@code ?page=} as a number from 0; anything else is 0. */
    public int page() {
        try {
            return Math.max(0, Math.min(100_000, Integer.parseInt(param("page", "0"))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
