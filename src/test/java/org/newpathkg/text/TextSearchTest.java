package org.newpathkg.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

class TextSearchTest {
    static KnowledgeGraph kg;

    @BeforeAll
    static void load() {
        kg = Pipeline.load(SourceTree.directory(Fixtures.good()), null);
    }

    @AfterAll
    static void close() {
        kg.close();
    }

    static final String PREFIXES = """
            PREFIX text: <http://jena.apache.org/text#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX oa:   <http://www.w3.org/ns/oa#>
            PREFIX npo:  <https://w3id.org/newpath-kg/ontology#>
            """;

    static Set<String> subjects(String pattern) {
        return Txn.calculateRead(kg.dataset(), () -> {
            Set<String> out = new TreeSet<>();
            QueryExec.dataset(kg.dataset()).query(PREFIXES + "SELECT ?s { " + pattern + " }").select()
                     .forEachRemaining(b -> out.add(b.get("s").getURI().replaceAll(".*/", "")));
            return out;
        });
    }

    @Test
    void japaneseWordFindsCompoundButNotTextsWithItsCharactersApart() {
        assertEquals(Set.of("c1#quote"), subjects("(?s ?score ?lit) text:query (oa:exact \"国防\" \"lang:ja\")"));
    }

    @Test
    void newColdWarFindsTheNewColdWarText() {
        assertTrue(subjects("?s text:query (oa:exact \"新冷戦\" \"lang:ja\")").contains("c2#quote"));
        assertTrue(subjects("?s text:query (npo:gloss \"\\\"new Cold War\\\"\" \"lang:en\")").contains("c2"));
    }

    @Test
    void englishSearchIsStemmed() {
        assertEquals(Set.of("c1"), subjects("?s text:query (npo:gloss \"sanction\" \"lang:en\")"));
    }

    @Test
    void labelsAndAltLabelsAreSearchable() {
        assertEquals(Set.of("dprk"), subjects("?s text:query (rdfs:label \"北朝鮮\" \"lang:ja\")"));
        assertEquals(Set.of("dprk"), subjects("?s text:query (<http://www.w3.org/2004/02/skos/core#altLabel> \"人民\" \"lang:ja\")"));
    }

    @Test
    void graphPatternRestrictsTheSearchToThatGraph() {
        assertEquals(Set.of("dprk"), subjects("GRAPH <https://w3id.org/newpath-kg/graph/entities> { ?s text:query (rdfs:label \"North\" \"lang:en\") }"));
        assertEquals(Set.of(), subjects("GRAPH <https://w3id.org/newpath-kg/graph/claims> { ?s text:query (rdfs:label \"North\" \"lang:en\") }"));
    }

    @Test
    void malformedLuceneQueryIsAQueryParseError() {
        assertThrows(QueryParseException.class, () -> subjects("?s text:query (oa:exact \"\\\"unclosed\" \"lang:ja\")"));
        assertThrows(QueryParseException.class, () -> subjects("?s text:query (npo:gloss \"AND OR (\" \"lang:en\")"));
    }
}
