package org.newpathkg.web;

import java.util.List;

/**
 * What the search page ({@code search.jte}) and its JSON render: plain data, no markup; jte
 * escapes every value, the marked words of a passage included.
 */
public final class SearchView {
    private SearchView() {}

    /** The search page: the query, an error to show instead of results, the things and claims found. */
    public record Page(View.Frame frame, String q, String error, List<Thing> things, List<ClaimHit> claims, String jsonHref,
                       boolean searched) {}

    /**
     * A thing found by its name: link, label, the name that matched when it is another one
     * (an alternative name, the other language), and its most specific types.
     */
    public record Thing(String iri, View.Value link, String label, String labelLang, String matched, String matchedLang,
                        List<View.Value> types, List<String> typeIris, float score) {}

    /** A claim found by its passage or gloss, each as runs with the matched words marked. */
    public record ClaimHit(String iri, String href, String id, View.Value section, List<Run> passage, List<Run> gloss,
                           String matchedField, float score) {}

    /** A run of text, {@code match} when the search's words matched it. */
    public record Run(String text, boolean match) {}

    /** The reconciliation preview of an entity (OpenRefine shows it in a small frame): label, other label, types, IRI. */
    public record Preview(View.Frame frame, View.Value thing, View.Text other, List<View.Value> types, String iri) {}
}
