package org.newpathkg.vocab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.shared.PrefixMapping;

/**
 * The prefixes of the data, as {@code ontology/README.md} lists them plus the reused vocabularies:
 * one table, so the Linked Data pages, the Turtle they return, VoID and the service description
 * all declare the same ones.
 */
public final class Prefixes {
    private Prefixes() {}

    /** The namespace every IRI of the graph starts with; w3id redirects it to the public host. */
    public static final String DATA_NS = "https://w3id.org/newpath-kg/";

    /** Prefix to namespace, in the order they are printed. */
    public static final Map<String, String> ALL;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        // A table: one prefix a line, the project's namespaces first, then the standard ones.
        m.put("npo", NPO.NS);
        m.put("np", DATA_NS + "id/");
        m.put("npc", Graphs.CLAIM_NS);
        m.put("npn", DATA_NS + "note/");
        m.put("npw", DATA_NS + "work/");
        m.put("npe", DATA_NS + "essay/");
        m.put("npa", Graphs.ARGUMENT_NS);
        m.put("npg", Graphs.NS);
        m.put("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        m.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        m.put("owl", "http://www.w3.org/2002/07/owl#");
        m.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        m.put("skos", "http://www.w3.org/2004/02/skos/core#");
        m.put("dcterms", "http://purl.org/dc/terms/");
        m.put("prov", "http://www.w3.org/ns/prov#");
        m.put("oa", OA.NS);
        m.put("org", "http://www.w3.org/ns/org#");
        m.put("schema", "https://schema.org/");
        m.put("foaf", "http://xmlns.com/foaf/0.1/");
        m.put("time", "http://www.w3.org/2006/time#");
        m.put("text", "http://jena.apache.org/text#");
        ALL = Collections.unmodifiableMap(m);
    }

    /** A fresh prefix mapping holding {@link #ALL}. */
    public static PrefixMapping mapping() {
        return PrefixMapping.Factory.create().setNsPrefixes(ALL);
    }
}
