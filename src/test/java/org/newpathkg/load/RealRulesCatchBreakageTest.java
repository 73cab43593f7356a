package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newpathkg.Fixtures;

/**
 * The real shapes and the real {@code ontology/checks/*-violation.rq} catch each kind of breakage
 * issue #2 names. Each case loads the real essay graph, breaks one thing with a SPARQL update,
 * and expects a problem that names the node at fault and says what is wrong. Without this, a
 * check that silently matched nothing would pass {@link ViolationChecksTest} for ever.
 */
class RealRulesCatchBreakageTest {

    private static final String PREFIXES = """
            PREFIX npo:  <https://w3id.org/newpath-kg/ontology#>
            PREFIX np:   <https://w3id.org/newpath-kg/id/>
            PREFIX npc:  <https://w3id.org/newpath-kg/claim/>
            PREFIX npn:  <https://w3id.org/newpath-kg/note/>
            PREFIX npg:  <https://w3id.org/newpath-kg/graph/>
            PREFIX oa:   <http://www.w3.org/ns/oa#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
            """;

    static Stream<Arguments> breakages() {
        return Stream.of(
            Arguments.of("claim without modality",
                "DELETE WHERE { GRAPH ?g { npc:s5-32 npo:modality ?m } }",
                "claim/s5-32", "A claim needs exactly one modality"),
            Arguments.of("event whose label names a month but whose date is a year",
                "DELETE { GRAPH ?g { np:shoigu-visit-2023 npo:datePrecision ?p } }"
                    + " INSERT { GRAPH ?g { np:shoigu-visit-2023 npo:datePrecision <http://www.w3.org/2006/time#unitYear> } }"
                    + " WHERE { GRAPH ?g { np:shoigu-visit-2023 npo:datePrecision ?p } }",
                "id/shoigu-visit-2023", "names a month, but the finest date it stores is a year"),
            Arguments.of("entity that no claim uses any more",
                "DELETE { GRAPH ?g { ?s ?p np:moon-jae-in } } WHERE { GRAPH ?g { ?s ?p np:moon-jae-in } FILTER (?g != npg:entities) }",
                "id/moon-jae-in", "no claim, note or ledger entry uses it"),
            Arguments.of("reported fact whose passage gives a date but whose graph states none",
                "DELETE { GRAPH npc:s2-08 { ?s ?p ?o } } WHERE { GRAPH npc:s2-08 { ?s ?p ?o }"
                    + " FILTER (STRSTARTS(STR(?p), \"https://w3id.org/newpath-kg/ontology#\") && CONTAINS(LCASE(STR(?p)), \"date\")) }",
                "claim/s2-08", "its passage gives a date but its graph states none"),
            Arguments.of("claim without section",
                "DELETE WHERE { GRAPH ?g { npc:s5-32 npo:section ?s } }",
                "claim/s5-32", "A claim needs exactly one section"),
            Arguments.of("claim without quotation",
                "DELETE WHERE { GRAPH ?g { npc:s5-32 oa:hasTarget ?t } }",
                "claim/s5-32", "exactly one target"),
            Arguments.of("quotation without exact text",
                "DELETE { GRAPH ?g { ?sel oa:exact ?e } } WHERE { GRAPH ?g { npc:s5-32 oa:hasTarget ?t . ?t oa:hasSelector ?sel . ?sel oa:exact ?e } }",
                "s5-32", "oa:exact"),
            Arguments.of("note without a cited work",
                "DELETE WHERE { GRAPH ?g { npn:1 npo:cites ?w } }",
                "Note 1", "cites no work"),
            Arguments.of("note not cited by any claim",
                "DELETE WHERE { GRAPH ?g { ?c npo:citesNote npn:19 } }",
                "Note 19", "is not cited by any claim"),
            Arguments.of("claim citing a note whose marker is not in or after its passage",
                "DELETE WHERE { GRAPH ?g { npc:s5-32 npo:sourcing ?s } } ;"
                    + " INSERT DATA { GRAPH npg:claims { npc:s5-32 npo:citesNote npn:1 ; npo:sourcing npo:NoteCited } }",
                "claim/s5-32", "marker （1） is not in or right after its passage"),
            Arguments.of("claim quoting a note marker without citing the note",
                "DELETE WHERE { GRAPH ?g { npc:s1-09 npo:citesNote npn:3 } }",
                "claim/s1-09", "quotes the marker （3） but does not cite note 3"),
            Arguments.of("entity without a Japanese label",
                "DELETE { GRAPH ?g { np:dprk rdfs:label ?l } } WHERE { GRAPH ?g { np:dprk rdfs:label ?l FILTER (LANG(?l) = \"ja\") } }",
                "id/dprk", "one rdfs:label in English and one in Japanese"),
            Arguments.of("untyped date",
                "DELETE { GRAPH ?g { np:hanoi-summit-2019 npo:date ?d } } INSERT { GRAPH ?g { np:hanoi-summit-2019 npo:date \"2019-02\" } }"
                    + " WHERE { GRAPH ?g { np:hanoi-summit-2019 npo:date ?d } }",
                "id/hanoi-summit-2019", "not an xsd:date"),
            Arguments.of("date without precision",
                "DELETE WHERE { GRAPH ?g { np:hanoi-summit-2019 npo:datePrecision ?p } }",
                "id/hanoi-summit-2019", "without https://w3id.org/newpath-kg/ontology#datePrecision"),
            Arguments.of("quoted statement without a speaker",
                "DELETE WHERE { GRAPH ?g { npc:s5-12 npo:speaker ?s } }",
                "claim/s5-12", "has no npo:speaker"),
            Arguments.of("claim graph without a structured triple",
                "DROP GRAPH npc:s5-32",
                "claim/s5-32", "no triple about a known entity"),
            Arguments.of("entity used by a claim but never declared",
                "INSERT DATA { GRAPH npc:s5-32 { np:putin-visit-dprk-2024 npo:place np:nowhere } }",
                "id/nowhere", "has no type in the entities graph"),
            Arguments.of("undeclared ontology term",
                "INSERT DATA { GRAPH npc:s5-32 { np:putin-visit-dprk-2024 npo:inventedProperty np:dprk } }",
                "inventedProperty", "not declared in the ontology"),
            Arguments.of("claim of a sentence whose end marker it does not cite",
                "DELETE WHERE { GRAPH npg:claims { npc:s7-04 npo:citesNote npn:31 ; npo:noteCitation ?c . ?c ?p ?o } } ;"
                    + " DELETE WHERE { GRAPH npg:claims { npc:s7-04 npo:sourcing ?s } } ;"
                    + " INSERT DATA { GRAPH npg:claims { npc:s7-04 npo:sourcing npo:EssayOnly } }",
                "claim/s7-04", "belongs to the sentence that marker （31） ends"),
            Arguments.of("sentence-end citation with no marker at the end of its sentence",
                "DELETE WHERE { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope ?s } } ;"
                    + " INSERT DATA { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope npo:MarkerAtSentenceEnd } }",
                "claim/s7-04", "no later claim of that sentence carries （31）"),
            Arguments.of("sentence-end scope for a marker in the claim's own passage",
                "DELETE WHERE { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-08#cite-32> npo:markerScope ?s } } ;"
                    + " INSERT DATA { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-08#cite-32> npo:markerScope npo:MarkerAtSentenceEnd } }",
                "claim/s7-08", "stands in its own passage"),
            Arguments.of("cited note without a scope record",
                "DELETE WHERE { GRAPH npg:claims { npc:s5-33 npo:noteCitation ?c } }",
                "claim/s5-33", "has no npo:noteCitation recording where its marker stands"),
            Arguments.of("note citation without a scope",
                "DELETE WHERE { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope ?s } }",
                "s7-05#cite-31", "has no npo:markerScope"),
            Arguments.of("note citation of a note the claim does not cite",
                "INSERT DATA { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:citedNote npn:1 } }",
                "s7-05#cite-31", "records <https://w3id.org/newpath-kg/note/1> that the claim does not cite"),
            Arguments.of("note-text scope on a claim from the body",
                "DELETE WHERE { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope ?s } } ;"
                    + " INSERT DATA { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope npo:InNoteText } }",
                "s7-05#cite-31", "is not drawn from a note's text"),
            Arguments.of("quantity without its unit",
                "DELETE WHERE { GRAPH ?g { <https://w3id.org/newpath-kg/claim/s3-18#share> <https://schema.org/unitCode> ?u } }",
                "s3-18#share", "needs exactly one schema:unitCode"),
            Arguments.of("bare number without a unit",
                "INSERT DATA { GRAPH npc:s3-18 { np:dprk-china-trade-share-2019 npo:quantity 95.0 } }",
                "id/dprk-china-trade-share-2019", "npo:quantity is deprecated"),
            Arguments.of("event date without its precision (shape)",
                "DELETE WHERE { GRAPH ?g { np:camp-david-summit-2023 npo:datePrecision ?p } }",
                "id/camp-david-summit-2023", "An event with a date needs the date's precision"),
            Arguments.of("first time as a string",
                "DELETE WHERE { GRAPH ?g { np:kim-first-visit-china npo:firstTime ?b } } ;"
                    + " INSERT DATA { GRAPH npc:s3-14 { np:kim-first-visit-china npo:firstTime \"yes\" } }",
                "id/kim-first-visit-china", "npo:firstTime is one xsd:boolean"),
            Arguments.of("means of travel outside its scheme",
                "INSERT DATA { GRAPH npc:s3-16 { np:kim-flight-to-singapore npo:meansOfTravel np:china } }",
                "id/kim-flight-to-singapore", "npo:meansOfTravel is a concept of npo:TravelMeansScheme"),
            Arguments.of("claim using a retired IRI",
                "INSERT DATA { GRAPH npc:s2-15 { np:stance-dprk-rejects-biden-talks-2021 npo:topic np:us-dprk-negotiations } }",
                "id/us-dprk-negotiations", "is used by claim <https://w3id.org/newpath-kg/claim/s2-15>"),
            Arguments.of("retired IRI given a type again",
                "INSERT DATA { GRAPH npg:entities { np:nuclear-abandonment a npo:Concept } }",
                "id/nuclear-abandonment", "still has a type"),
            Arguments.of("retired IRI replaced by nothing",
                "DELETE WHERE { GRAPH npg:entities { np:nuclear-abandonment <http://purl.org/dc/terms/isReplacedBy> ?n } }",
                "id/nuclear-abandonment", "has no dcterms:isReplacedBy"));
    }

    /** Breakages only the essay itself can reveal: where a note's marker stands in its sentence. */
    static Stream<Arguments> quotationBreakages() {
        return Stream.of(
            Arguments.of("claim of a sentence whose end marker it does not cite",
                "DELETE WHERE { GRAPH npg:claims { npc:s6-21 npo:citesNote npn:29 ; npo:noteCitation ?c . ?c ?p ?o } }",
                "claim/s6-21", "belongs to a sentence that the marker （29） ends, but does not cite note 29"),
            Arguments.of("sentence-end scope for a marker that ends another sentence",
                "DELETE WHERE { GRAPH npg:claims { npc:s7-04 npo:citesNote npn:31 ; npo:noteCitation ?c . ?c npo:citedNote npn:31 } } ;"
                    + " INSERT DATA { GRAPH npg:claims { npc:s7-04 npo:citesNote npn:29 ; npo:noteCitation <https://w3id.org/newpath-kg/claim/s7-04#cite-31> ."
                    + " <https://w3id.org/newpath-kg/claim/s7-04#cite-31> npo:citedNote npn:29 } }",
                "claim/s7-04", "does not end with （29）"),
            Arguments.of("sentence-end scope for a marker in the claim's own passage",
                "DELETE WHERE { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope ?s } } ;"
                    + " INSERT DATA { GRAPH npg:claims { <https://w3id.org/newpath-kg/claim/s7-05#cite-31> npo:markerScope npo:MarkerAtSentenceEnd } }",
                "claim/s7-05", "stands in its own passage"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotationBreakages")
    void eachQuotationBreakageIsReportedAgainstTheEssay(String what, String update, String node, String message) {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        DataLoader.Loaded data = DataLoader.load(src);
        UpdateAction.parseExecute(PREFIXES + update, data.dataset());
        QuotationCheck.Result r = QuotationCheck.check(data.dataset(), QuotationCheck.defaultEssay(src.root()));
        org.junit.jupiter.api.Assumptions.assumeFalse(r.skipped(), r.skipReason());
        assertTrue(r.failures().stream().anyMatch(p -> p.contains(node) && p.contains(message)),
                what + ": expected a problem naming " + node + " and saying '" + message + "', got " + r.failures());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachBreakageIsReportedNamingTheNodeAtFault(String what, String update, String node, String message) {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        DataLoader.Loaded data = DataLoader.load(src);
        UpdateAction.parseExecute(PREFIXES + update, data.dataset());

        List<String> problems = new ArrayList<>(Validator.shapes(data.shapes(), data.dataset()));
        problems.addAll(Validator.checks(src, data.dataset()));

        assertTrue(problems.stream().anyMatch(p -> p.contains(node) && p.contains(message)),
                what + ": expected a problem naming " + node + " and saying '" + message + "', got " + problems);
    }
}
