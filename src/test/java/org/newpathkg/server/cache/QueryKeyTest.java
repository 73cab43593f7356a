package org.newpathkg.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryKeyTest {
    static final String JSON = "application/sparql-results+json";

    static QueryKey.Decision decide(String q) {
        return QueryKey.decide(q, JSON, Map.of(), "v1");
    }

    @Test
    void whitespaceCommentsAndPrefixNamesDoNotChangeTheKey() {
        QueryKey.Decision a = decide("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?l { ?s rdfs:label ?l } LIMIT 3");
        QueryKey.Decision b = decide("# the labels\nprefix  r: <http://www.w3.org/2000/01/rdf-schema#>   select ?l where {\n  ?s r:label ?l .\n}\nlimit 3");
        QueryKey.Decision c = decide("SELECT ?l { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 3");
        assertTrue(a.cacheable());
        assertEquals(a.key(), b.key());
        assertEquals(a.key(), c.key());
        assertEquals(a.etag(), c.etag());
    }

    @Test
    void aDifferentQueryFormatVersionOrParameterGivesADifferentKey() {
        String q = "SELECT * { ?s ?p ?o } LIMIT 1";
        String k = decide(q).key();
        assertNotEquals(k, decide("SELECT * { ?s ?p ?o } LIMIT 2").key());
        assertNotEquals(k, QueryKey.decide(q, "text/csv", Map.of(), "v1").key());
        assertNotEquals(k, QueryKey.decide(q, JSON, Map.of(), "v2").key());
        assertNotEquals(k, QueryKey.decide(q, JSON, Map.of("default-graph-uri", new String[] {"http://g"}), "v1").key());
        assertNotEquals(decide(q).etag(), QueryKey.decide(q, "text/csv", Map.of(), "v1").etag());
    }

    @Test
    void answersThatDifferBetweenRunsAreNotCached() {
        for (String q : new String[] {
                "SELECT (RAND() AS ?r) {}", "SELECT (NOW() AS ?t) {}", "SELECT (UUID() AS ?u) {}",
                "SELECT (STRUUID() AS ?u) {}", "SELECT ?b { BIND(BNODE() AS ?b) }",
                "SELECT * { ?s ?p ?o FILTER(RAND() < 0.5) }",
                "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
            assertFalse(decide(q).cacheable(), q);
    }

    @Test
    void aQueryThatDoesNotParseOrHasNoAcceptableFormatIsNotCached() {
        assertFalse(decide("SELEKT * { ?s ?p ?o }").cacheable());
        assertFalse(QueryKey.decide("SELECT * {}", null, Map.of(), "v1").cacheable());
    }
}
