package org.newpathkg.reasoning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newpathkg.Fixtures;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.QuotationCheck;
import org.newpathkg.load.SourceTree;
import org.newpathkg.load.Validator;

/**
 * The checks of the reasoning layer (arguments, commitment, prediction ledger) catch each kind of
 * breakage: each case loads the real essay graph, breaks one thing with a SPARQL update, and
 * expects a problem naming the node at fault. The unbroken graph passes, so a check that matched
 * everything would fail here too.
 */
class ReasoningChecksCatchBreakageTest {

    private static final String PREFIXES = """
            PREFIX npo:  <https://w3id.org/newpath-kg/ontology#>
            PREFIX np:   <https://w3id.org/newpath-kg/id/>
            PREFIX npc:  <https://w3id.org/newpath-kg/claim/>
            PREFIX npa:  <https://w3id.org/newpath-kg/argument/>
            PREFIX npg:  <https://w3id.org/newpath-kg/graph/>
            """;

    static Stream<Arguments> breakages() {
        return Stream.of(
            Arguments.of("assessment whose only inference is removed",
                "DELETE WHERE { GRAPH npg:arguments { npa:s5-49-1 ?p ?o } }",
                "claim/s5-49", "has no grounds"),
            Arguments.of("claim marked without grounds but with no remark",
                "DELETE WHERE { GRAPH npg:claims { npc:intro-09 npo:remark ?r } }",
                "claim/intro-09", "no remark saying why"),
            Arguments.of("claim marked without grounds that has grounds",
                "INSERT DATA { GRAPH npg:claims { npc:s5-49 npo:withoutGrounds true } }",
                "claim/s5-49", "but an npo:Inference concludes it"),
            Arguments.of("claim without commitment",
                "DELETE WHERE { GRAPH npg:claims { npc:s5-32 npo:commitment ?c } }",
                "claim/s5-32", "no commitment level"),
            Arguments.of("claim with two commitment levels",
                "INSERT DATA { GRAPH npg:claims { npc:s7-18 npo:commitment npo:Possibly } }",
                "claim/s7-18", "two commitment levels"),
            Arguments.of("hedged claim without its cue",
                "DELETE WHERE { GRAPH npg:claims { npc:s7-18 npo:commitmentCue ?c } }",
                "claim/s7-18", "quotes no npo:commitmentCue"),
            Arguments.of("plain assertion with a cue",
                "INSERT DATA { GRAPH npg:claims { npc:s5-32 npo:commitmentCue \"だろう\"@ja } }",
                "claim/s5-32", "is a plain assertion but has the commitment cue"),
            Arguments.of("cue that is in the essay but not in the claim's passage",
                "DELETE WHERE { GRAPH npg:claims { npc:s7-18 npo:commitmentCue ?c } } ;"
                    + " INSERT DATA { GRAPH npg:claims { npc:s7-18 npo:commitmentCue \"かもしれない\"@ja } }",
                "claim/s7-18", "is not in its passage"),
            Arguments.of("hearsay without its cue",
                "DELETE WHERE { GRAPH npg:claims { npc:s2-02 npo:evidentialCue ?c } }",
                "claim/s2-02", "quotes no npo:evidentialCue"),
            Arguments.of("claim without evidentiality",
                "DELETE WHERE { GRAPH npg:claims { npc:s2-02 npo:evidentiality ?e } }",
                "claim/s2-02", "no evidentiality"),
            Arguments.of("argument link to a claim that does not exist",
                "INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:premise npc:s9-99 } }",
                "argument/s7-20-1", "is not a claim of the claims graph"),
            Arguments.of("argument link without a conclusion",
                "DELETE WHERE { GRAPH npg:arguments { npa:s7-20-1 npo:conclusion ?c } }",
                "argument/s7-20-1", "has no npo:conclusion"),
            Arguments.of("argument link with two conclusions",
                "INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:conclusion npc:s7-18 } }",
                "argument/s7-20-1", "has two conclusions"),
            Arguments.of("inference with a scheme of conflict",
                "DELETE WHERE { GRAPH npg:arguments { npa:s7-20-1 npo:argumentScheme ?s } } ;"
                    + " INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:argumentScheme npo:Qualifies } }",
                "argument/s7-20-1", "not a scheme of inference"),
            Arguments.of("argument link with neither connective nor remark",
                "DELETE WHERE { GRAPH npg:arguments { npa:s7-20-1 npo:connective ?w } }",
                "argument/s7-20-1", "quotes no connective and has no remark"),
            Arguments.of("connective not in the passages it links",
                "DELETE WHERE { GRAPH npg:arguments { npa:s7-20-1 npo:connective ?w } } ;"
                    + " INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:connective \"それゆえ\"@ja } }",
                "argument/s7-20-1", "is in the passage of none of the claims it links"),
            Arguments.of("connective only in the suffix after a linked passage, not in it",
                "DELETE WHERE { GRAPH npg:arguments { npa:s7-20-1 npo:connective ?w } } ;"
                    + " INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:connective \"秒針\"@ja } }",
                "argument/s7-20-1", "is in the passage of none of the claims it links"),
            Arguments.of("ledger condition held by an actor the condition words do not name",
                "DELETE WHERE { GRAPH npg:claims { npc:s7-49 npo:condition ?c } } ;"
                    + " INSERT DATA { GRAPH npg:claims { npc:s7-49 npo:condition np:stance-rok-joins-us-dprk-process } }",
                "claim/s7-49", "is held or done by none of them"),
            Arguments.of("conclusion drawn from a claim that comes after it",
                "INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:premise npc:s7-35 } }",
                "argument/s7-20-1", "does not precede it in the essay"),
            Arguments.of("prediction with neither condition nor unconditional",
                "DELETE WHERE { GRAPH npg:claims { npc:summary-13 npo:unconditional ?u } }",
                "claim/summary-13", "neither npo:condition nor npo:unconditional"),
            Arguments.of("prediction both conditional and unconditional",
                "INSERT DATA { GRAPH npg:claims { npc:s7-18 npo:unconditional true } }",
                "claim/s7-18", "has a condition and is marked unconditional"),
            Arguments.of("prediction whose condition is neither claim nor stance",
                "INSERT DATA { GRAPH npg:claims { npc:s7-18 npo:condition np:dprk } }",
                "claim/s7-18", "is neither a claim nor a stance"),
            Arguments.of("prediction without a status",
                "DELETE WHERE { GRAPH npg:claims { npc:s7-18 npo:predictionStatus ?s } }",
                "claim/s7-18", "has no npo:predictionStatus"),
            Arguments.of("ledger terms on a claim that is not a prediction",
                "INSERT DATA { GRAPH npg:claims { npc:s5-32 npo:unconditional true } }",
                "claim/s5-32", "is not a prediction but has unconditional"));
    }

    private static List<String> problemsAfter(String update) {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        DataLoader.Loaded data = DataLoader.load(src);
        if (update != null)
            UpdateAction.parseExecute(PREFIXES + update, data.dataset());
        List<String> problems = new ArrayList<>(Validator.shapes(data.shapes(), data.dataset()));
        problems.addAll(Validator.checks(src, data.dataset()));
        return problems;
    }

    @Test
    void theRealGraphPasses() {
        assertEquals(List.of(), problemsAfter(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachBreakageIsReportedNamingTheNodeAtFault(String what, String update, String node, String message) {
        List<String> problems = problemsAfter(update);
        assertTrue(problems.stream().anyMatch(p -> p.contains(node) && p.contains(message)),
                what + ": expected a problem naming " + node + " and saying '" + message + "', got " + problems);
    }

    @Test
    void aConnectiveThatIsNotInTheEssayFailsTheQuotationCheck() {
        DataLoader.Loaded data = DataLoader.load(SourceTree.directory(Fixtures.projectRoot()));
        UpdateAction.parseExecute(PREFIXES
                + "INSERT DATA { GRAPH npg:arguments { npa:s7-20-1 npo:connective \"ゆえにこそ必ず\"@ja } }", data.dataset());
        QuotationCheck.Result r = QuotationCheck.check(data.dataset(), QuotationCheck.defaultEssay(Optional.of(Fixtures.projectRoot())));
        assumeFalse(r.skipped(), r.skipReason());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("s7-20-1") && f.contains("ゆえにこそ必ず")), r.failures().toString());
    }
}
