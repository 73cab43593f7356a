package org.newpathkg.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/** The lookup over the real essay's index: names in both languages and romanisations, passages in both languages. */
class TextLookupTest {
    static final String NP = "https://w3id.org/newpath-kg/id/";
    static KnowledgeGraph kg;
    static TextLookup lookup;

    @BeforeAll
    static void load() {
        kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
        lookup = TextLookup.of(kg.dataset());
    }

    @AfterAll
    static void close() {
        kg.close();
    }

    static Set<String> subjects(List<TextLookup.Hit> hits) {
        return hits.stream().map(TextLookup.Hit::subject).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void romanisationsOfOneNameFindThePerson() {
        for (String q : List.of("Kim Jong Un", "Kim Jong-un", "Kim Jongun", "KIM JONG UN", "kimjongun", "金正恩"))
            assertEquals(NP + "kim-jong-un", lookup.names(q, 5).get(0).subject(), q);
    }

    @Test
    void aNameFindsOnlyThingsWithAllItsWords() {
        assertTrue(subjects(lookup.names("Jong Un", 20)).contains(NP + "kim-jong-un"));
        assertEquals(Set.of(), subjects(lookup.names("Moon Jong Un", 20)));
    }

    @Test
    void britishAndAmericanSpellingsFindTheSamePassages() {
        Set<String> uk = subjects(lookup.passages("denuclearisation", 100));
        Set<String> us = subjects(lookup.passages("denuclearization", 100));
        assertFalse(uk.isEmpty());
        assertEquals(uk, us);
    }

    @Test
    void japaneseWordFindsItsPassagesMarked() {
        List<TextLookup.Hit> hits = lookup.passages("非核化", 100);
        assertFalse(hits.isEmpty());
        for (TextLookup.Hit h : hits) {
            assertTrue(h.text().contains("非核化"), h.text());
            assertTrue(h.spans().stream().anyMatch(s -> s.match() && s.text().contains("非核")), h.spans().toString());
        }
    }

    @Test
    void tooLongIsRefused() {
        assertThrows(TextLookup.TooLong.class, () -> lookup.names("x".repeat(TextLookup.MAX_QUERY_CHARS + 1), 5));
    }
}
