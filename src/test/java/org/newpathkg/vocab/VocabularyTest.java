package org.newpathkg.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.SourceTree;

/** The vocabulary class matches the ontology, and every ontology term is labelled in both languages. */
class VocabularyTest {
    static Graph ontology;

    @BeforeAll
    static void load() {
        ontology = DataLoader.load(SourceTree.directory(Fixtures.projectRoot())).dataset().getGraph(Graphs.ONTOLOGY);
    }

    @Test
    void everyNpoConstantIsDeclaredInTheOntology() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        int n = 0;
        for (Field f : NPO.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Node.class) {
                Node term = (Node) f.get(null);
                n++;
                if (!ontology.contains(term, RDF.type.asNode(), Node.ANY))
                    missing.add("NPO." + f.getName() + " = " + term.getURI() + " is not declared in ontology/*.ttl");
            }
        }
        assertTrue(n > 0);
        assertEquals(List.of(), missing);
    }

    @Test
    void everyNpoClassAndPropertyHasEnglishAndJapaneseLabelsAndAnEnglishComment() {
        String q = """
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX owl:  <http://www.w3.org/2002/07/owl#>
                SELECT ?term ?what WHERE {
                  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property }
                  ?term a ?kind .
                  FILTER STRSTARTS(STR(?term), "%s")
                  { FILTER NOT EXISTS { ?term rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) } BIND("an English rdfs:label" AS ?what) }
                  UNION
                  { FILTER NOT EXISTS { ?term rdfs:label ?ja FILTER(LANGMATCHES(LANG(?ja), "ja")) } BIND("a Japanese rdfs:label" AS ?what) }
                  UNION
                  { FILTER NOT EXISTS { ?term rdfs:comment ?c FILTER(LANGMATCHES(LANG(?c), "en")) } BIND("an English rdfs:comment" AS ?what) }
                } ORDER BY ?term ?what
                """.formatted(NPO.NS).replace("rdf:Property", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Property>");
        List<String> problems = new ArrayList<>();
        QueryExec.graph(ontology).query(q).select().forEachRemaining(b ->
                problems.add(b.get("term").getURI() + " has no " + b.get("what").getLiteralLexicalForm()));
        assertEquals(List.of(), problems);
    }

    @Test
    void graphNamesAreInTheGraphNamespace() {
        for (Node g : List.of(Graphs.ONTOLOGY, Graphs.ENTITIES, Graphs.ESSAY, Graphs.CLAIMS, Graphs.ARGUMENTS, Graphs.INFERRED))
            assertTrue(g.getURI().startsWith(Graphs.NS));
        assertEquals(NodeFactory.createURI("http://www.w3.org/ns/oa#exact"), OA.exact);
    }
}
