package org.newpathkg.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The names of the fixed named graphs of the dataset. Each claim additionally has a graph named
 * by its own IRI in {@link #CLAIM_NS}.
 */
public final class Graphs {
    private Graphs() {}

    // One constant per term, each made by iri(): the vocabulary classes share this shape on purpose.

    /** Namespace of the fixed graph names. */
    public static final String NS = "https://w3id.org/newpath-kg/graph/";

    /** The OWL ontology: every {@code ontology/*.ttl} except the shapes; inference reads its axioms only from here. */
    public static final Node ONTOLOGY = iri("ontology");
    /** Actors, events, agreements...: the mentions rule only counts IRIs typed here. */
    public static final Node ENTITIES = iri("entities");
    /** The essay, its sections and notes. */
    public static final Node ESSAY = iri("essay");
    /** Metadata of every claim: modality, section, quotation, notes. */
    public static final Node CLAIMS = iri("claims");
    /** The argument links between claims (inferences and conflicts), whose IRIs are in {@link #ARGUMENT_NS}. */
    public static final Node ARGUMENTS = iri("arguments");
    /** Everything the start-up inference adds; never edited by hand. */
    public static final Node INFERRED = iri("inferred");

    /** Namespace of claim IRIs, which are also the names of their graphs. */
    public static final String CLAIM_NS = "https://w3id.org/newpath-kg/claim/";

    /** Namespace of argument-link IRIs (prefix npa:). */
    public static final String ARGUMENT_NS = "https://w3id.org/newpath-kg/argument/";

    private static Node iri(String local) {
        return NodeFactory.createURI(NS + local);
    }
}
