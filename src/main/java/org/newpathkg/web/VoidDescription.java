package org.newpathkg.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.newpathkg.server.ServiceDescription;
import org.newpathkg.vocab.Prefixes;

/**
 * {@code /.well-known/void}: a VoID description of the dataset for tools that federate: the
 * SPARQL endpoint, the URI space and how to look a resource up, the named graphs as subsets with
 * their sizes, the vocabularies, example resources, dump formats, the prefixes
 * ({@code sh:declare}), and the endpoint's service description (result formats, text search).
 */
final class VoidDescription {
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String FORMATS = "http://www.w3.org/ns/formats/";

    private VoidDescription() {}

    /** Every named graph of {@code ds} with its number of triples; the caller holds a read transaction. */
    static List<Sparql.Row> graphs(DatasetGraph ds) {
        return Sparql.select(ds, VoidDescription.class, "graphs", Map.of(), -1, 0);
    }

    /** The description of {@code graphs} ({@link #graphs}) for a server whose public base is {@code base} (ends in '/'). */
    static Graph build(List<Sparql.Row> graphs, String base) {
        List<Node> names = new ArrayList<>();
        graphs.forEach(r -> names.add(r.get("g")));
        String endpoint = base + "newpath/sparql";
        Graph g = ServiceDescription.describe(endpoint, names);
        g.getPrefixMapping().setNsPrefix("void", VOID).setNsPrefix("dcterms", DCTerms.getURI());
        Node d = NodeFactory.createURI(base + ".well-known/void#dataset");
        g.add(d, RDF.type.asNode(), v("Dataset"));
        g.add(d, DCTerms.title.asNode(), NodeFactory.createLiteralLang("newpath-kg: the claims of an essay on North Korea's \"new path\"", "en"));
        g.add(d, DCTerms.title.asNode(), NodeFactory.createLiteralLang("newpath-kg：北朝鮮の「新たな道」に関する論考の主張", "ja"));
        g.add(d, DCTerms.source.asNode(), NodeFactory.createURI(Prefixes.DATA_NS + "essay/essay"));
        g.add(d, v("sparqlEndpoint"), NodeFactory.createURI(endpoint));
        g.add(d, v("uriSpace"), NodeFactory.createLiteralString(Prefixes.DATA_NS));
        g.add(d, v("uriLookupEndpoint"), NodeFactory.createURI(base + "id/"));
        g.add(d, v("rootResource"), NodeFactory.createURI(Prefixes.DATA_NS + "essay/essay"));
        g.add(d, v("exampleResource"), NodeFactory.createURI(Prefixes.DATA_NS + "id/dprk"));
        g.add(d, v("exampleResource"), NodeFactory.createURI(Prefixes.DATA_NS + "claim/s5-12"));
        g.add(d, v("dataDump"), NodeFactory.createURI(base + "newpath/get"));
        for (String f : List.of("Turtle", "JSON-LD", "N-Triples", "TriG", "N-Quads", "RDF_XML"))
            g.add(d, v("feature"), NodeFactory.createURI(FORMATS + f));
        g.add(d, v("feature"), NodeFactory.createURI("http://jena.apache.org/text#query"));
        for (String ns : List.of(Prefixes.ALL.get("npo"), Prefixes.ALL.get("oa"), Prefixes.ALL.get("prov"), Prefixes.ALL.get("skos"),
                Prefixes.ALL.get("dcterms"), Prefixes.ALL.get("org"), Prefixes.ALL.get("schema"), Prefixes.ALL.get("time"), Prefixes.ALL.get("foaf")))
            g.add(d, v("vocabulary"), NodeFactory.createURI(ns));
        long total = 0;
        int i = 0;
        for (Sparql.Row r : graphs) {
            long n = Long.parseLong(r.str("triples"));
            total += n;
            Node sub = NodeFactory.createURI(base + ".well-known/void#graph-" + (i++));
            g.add(d, v("subset"), sub);
            g.add(sub, RDF.type.asNode(), v("Dataset"));
            g.add(sub, NodeFactory.createURI("http://www.w3.org/ns/sparql-service-description#name"), r.get("g"));
            g.add(sub, v("triples"), Describe.integer(n));
        }
        g.add(d, v("triples"), Describe.integer(total));
        ServiceDescription.declarePrefixes(g, d);
        return g;
    }

    private static Node v(String local) {
        return NodeFactory.createURI(VOID + local);
    }
}
