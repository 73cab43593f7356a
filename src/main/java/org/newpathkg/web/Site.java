package org.newpathkg.web;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.newpathkg.vocab.Prefixes;

/**
 * How the data's namespace maps onto the server's paths. Every IRI of the graph starts with
 * {@code https://w3id.org/newpath-kg/}; the rest of it is the server path:
 * {@code …/id/dprk} is served at {@code /id/dprk}, {@code …/claim/s5-32#quote} at
 * {@code /claim/s5-32} (the browser keeps the fragment), {@code …/ontology#State} at
 * {@code /ontology}. So the same data works on localhost and on a public host to which w3id
 * redirects {@code https://w3id.org/newpath-kg/*}; the public base ({@code --base-url}) is only
 * used where an absolute URL of this server is written out (VoID, alternate links).
 *
 * <pre>{@code
 * Site site = new Site(null);                         // base taken from each request's Host
 * site.iriForPath("/id/dprk");                        // <https://w3id.org/newpath-kg/id/dprk>
 * site.pathFor("https://w3id.org/newpath-kg/claim/s5-32#quote");   // "/claim/s5-32#quote"
 * }</pre>
 */
public final class Site {
    /** The first path segments under which the graph's IRIs are served. */
    public static final List<String> DATA_PATHS = List.of("id", "claim", "note", "work", "essay", "graph", "argument", "ontology");

    /** A Host header that names a host: DNS labels or an IPv4 address, or a bracketed IPv6 address, and an optional port. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

    private final String baseUrl;

    /** {@code baseUrl} is the public base ending in '/', or null to use each request's own scheme, host and port. */
    public Site(String baseUrl) {
        if (baseUrl != null && !baseUrl.matches("https?://[^/?#]+(/[^?#]*)?"))
            throw new IllegalArgumentException("--base-url must be an http(s) URL such as https://example.org/, not " + baseUrl);
        this.baseUrl = baseUrl == null ? null : (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /**
     * This server's root URL as a client reached it: {@code scheme://host/} from the Host header
     * when that is a plain host name with an optional port, else {@code fallbackHost} (the
     * connector's own address). So no client can write an arbitrary string into the absolute URLs
     * of the VoID document.
     */
    public static String root(String scheme, String hostHeader, String fallbackHost) {
        String s = "https".equalsIgnoreCase(scheme) ? "https" : "http";
        String host = hostHeader != null && hostHeader.length() <= 260 && HOST.matcher(hostHeader).matches() ? hostHeader : fallbackHost;
        return s + "://" + host + "/";
    }

    /** The public base for a request whose own root URL is {@code requestRoot} (ends in '/'). */
    public String base(String requestRoot) {
        return baseUrl != null ? baseUrl : requestRoot;
    }

    /** The IRI a server path stands for, or null if the path is not one of {@link #DATA_PATHS}. */
    public Node iriForPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        String first = slash < 0 ? p : p.substring(0, slash);
        if (!DATA_PATHS.contains(first))
            return null;
        if (slash >= 0 && slash == p.length() - 1)
            return null;
        if (first.equals("ontology") && slash >= 0)
            return null;
        if (!first.equals("ontology") && slash < 0)
            return null;
        return NodeFactory.createURI(Prefixes.DATA_NS + p);
    }

    /** The server path (with fragment) where {@code iri} is served, or null when it is not an IRI of this graph. */
    public String pathFor(String iri) {
        if (iri == null || !iri.startsWith(Prefixes.DATA_NS))
            return null;
        String rest = iri.substring(Prefixes.DATA_NS.length());
        String noFrag = rest.contains("#") ? rest.substring(0, rest.indexOf('#')) : rest;
        return iriForPath(noFrag) == null ? null : "/" + rest;
    }
}
