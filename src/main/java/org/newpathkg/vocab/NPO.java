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

    // One constant per term, each made by iri(): the vocabulary classes share this shape on purpose.

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

    /** Argument nodes (AIF RA and CA nodes) that link claims; the pages draw them. */
    public static final Node ArgumentLink = iri("ArgumentLink");
    /** An argument link by which premises support a conclusion. */
    public static final Node Inference = iri("Inference");
    /** An argument link by which a claim contrasts with or qualifies another. */
    public static final Node Conflict = iri("Conflict");
    /** Argument link → a claim it starts from. */
    public static final Node premise = iri("premise");
    /** Argument link → the claim it bears on. */
    public static final Node conclusion = iri("conclusion");
    /** Argument link → its scheme (supports, evidence for, ..., qualifies). */
    public static final Node argumentScheme = iri("argumentScheme");
    /** The essay's connective words that signal an argument link; checked verbatim against the essay. */
    public static final Node connective = iri("connective");
    /** Shortcut premise claim → concluded claim, added by the argument-shortcuts inference rule. */
    public static final Node supports = iri("supports");
    /** Inverse of {@link #supports}: claim → its ground. */
    public static final Node hasGround = iri("hasGround");
    /** Claim → the degree of commitment on npo:CommitmentScale. */
    public static final Node commitment = iri("commitment");
    /** The essay's words marking the degree of commitment; checked verbatim against the essay. */
    public static final Node commitmentCue = iri("commitmentCue");
    /** Claim → hearsay or direct. */
    public static final Node evidentiality = iri("evidentiality");
    /** The essay's words marking hearsay; checked verbatim against the essay. */
    public static final Node evidentialCue = iri("evidentialCue");
    /** Position of a concept on an ordered scale (commitment). */
    public static final Node rank = iri("rank");

    private static Node iri(String local) {
        return NodeFactory.createURI(NS + local);
    }
}
