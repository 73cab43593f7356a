package org.newpathkg.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The W3C Web Annotation terms the code needs: a claim's quotation is an {@code oa:exact}
 * text, optionally with the text just before and after it, which the quotation check compares
 * with the essay.
 */
public final class OA {
    private OA() {}

    // One constant per term, each made by iri(): the vocabulary classes share this shape on purpose.

    /** The namespace. */
    public static final String NS = "http://www.w3.org/ns/oa#";

    /** The quoted words; must occur verbatim in the essay, and are full-text indexed. */
    public static final Node exact = iri("exact");
    /** Text right before the quotation; prefix + exact must occur in the essay. */
    public static final Node prefix = iri("prefix");
    /** Text right after the quotation; exact + suffix must occur, and may hold the note marker. */
    public static final Node suffix = iri("suffix");

    private static Node iri(String local) {
        return NodeFactory.createURI(NS + local);
    }
}
