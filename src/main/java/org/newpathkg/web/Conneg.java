package org.newpathkg.web;

import java.util.Locale;

import org.apache.jena.riot.RDFFormat;

/**
 * Content negotiation for the pages of resources: HTML or an RDF serialisation, chosen by
 * {@code ?format=} when given, else by the Accept header's q-values (ties go to the order of
 * {@link Format}, HTML first, so a browser's {@code *}{@code /*} gets a page).
 */
public final class Conneg {
    private Conneg() {}

    /** What a resource can be returned as; the short name is the {@code ?format=} value. */
    public enum Format {
        HTML("text/html", "html", null),
        TURTLE("text/turtle", "ttl", RDFFormat.TURTLE_PRETTY),
        JSONLD("application/ld+json", "jsonld", RDFFormat.JSONLD11_PRETTY),
        NTRIPLES("application/n-triples", "nt", RDFFormat.NTRIPLES),
        TRIG("application/trig", "trig", RDFFormat.TRIG_PRETTY),
        NQUADS("application/n-quads", "nq", RDFFormat.NQUADS),
        RDFXML("application/rdf+xml", "rdf", RDFFormat.RDFXML_PLAIN);

        public final String mediaType;
        public final String shortName;
        public final RDFFormat rdf;

        Format(String mediaType, String shortName, RDFFormat rdf) {
            this.mediaType = mediaType;
            this.shortName = shortName;
            this.rdf = rdf;
        }

        /** True for the formats that keep named graphs (a claim's own triples stay in its graph). */
        public boolean quads() {
            return this == TRIG || this == NQUADS;
        }
    }

    /** Thrown when {@code ?format=} names no format; the message says which ones exist. */
    public static final class UnknownFormat extends RuntimeException {
        UnknownFormat(String msg) {
            super(msg);
        }
    }

    /**
     * The format for {@code formatParam} (may be null) and {@code accept} (may be null); null when the
     * Accept header admits none of them (406).
     */
    public static Format choose(String formatParam, String accept) {
        if (formatParam != null && !formatParam.isBlank()) {
            String f = formatParam.strip().toLowerCase(Locale.ROOT);
            for (Format x : Format.values())
                if (x.shortName.equals(f) || x.mediaType.equals(f) || (x == Format.TURTLE && f.equals("turtle"))
                        || (x == Format.JSONLD && f.equals("json-ld")) || (x == Format.NTRIPLES && f.equals("ntriples")))
                    return x;
            // The value is not echoed: an error page reflects nothing a link could have put there.
            throw new UnknownFormat("?format= names no known format; use html, ttl, jsonld, nt, trig, nq or rdf");
        }
        if (accept == null || accept.isBlank())
            return Format.HTML;
        Format best = null;
        double bestQ = 0;
        for (Format x : Format.values()) {
            double q = quality(accept, x.mediaType);
            if (q > bestQ) {
                best = x;
                bestQ = q;
            }
        }
        return best;
    }

    /** The q-value the Accept header gives {@code mediaType}: the most specific matching range wins. */
    static double quality(String accept, String mediaType) {
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        double q = 0;
        int specificity = -1;
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String range = params[0].strip().toLowerCase(Locale.ROOT);
            int spec;
            if (range.equals(mediaType))
                spec = 2;
            else if (range.equals(type + "/*"))
                spec = 1;
            else if (range.equals("*/*") || range.equals("*"))
                spec = 0;
            else
                continue;
            double pq = 1;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        pq = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        pq = 0;
                    }
                }
            }
            if (spec > specificity) {
                specificity = spec;
                q = pq;
            }
        }
        return q;
    }
}
