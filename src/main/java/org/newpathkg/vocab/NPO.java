package org.newpathkg.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The terms of the newpath-kg ontology ({@code ontology/newpath.ttl}) that the code itself needs.
 * Queries and shapes name many more; only what Java refers to is listed here, and
 * {@code VocabularyTest} checks that each constant is declared in the ontology.
 */
public final class NPO {
    private NPO() {}

    /** The namespace; also the prefix the service description and the CLI print. */
    public static final String NS = "https://w3id.org/newpath-kg/ontology#";

    /** Typing a subject with it in the claims graph makes its IRI the name of a claim graph (mentions rule, quotation check). */
    public static final Node Claim = iri("Claim");
    /** Notes carry the number the quotation check looks for as a marker. */
    public static final Node Note = iri("Note");
    /** Links a claim to the note whose marker must appear in its quotation. */
    public static final Node citesNote = iri("citesNote");
    /** The number printed in a note marker such as （12）. */
    public static final Node noteNumber = iri("noteNumber");
    /** Filled in by inference: a claim mentions the typed entities of its graph. */
    public static final Node mentions = iri("mentions");
    /** English rendering of a claim; full-text indexed. */
    public static final Node gloss = iri("gloss");
    /** Quoted words of a stance or statement; full-text indexed. */
    public static final Node inWords = iri("inWords");
    /** Text of a note; full-text indexed. */
    public static final Node noteText = iri("noteText");

    private static Node iri(String local) {
        return NodeFactory.createURI(NS + local);
    }
}
