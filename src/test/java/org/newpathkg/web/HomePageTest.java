package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/**
 * The home page's counts over the real graph, in process: the page asks the library's overview
 * query without the counts it does not show, and every count it shows is the whole query's.
 */
class HomePageTest {
    static KnowledgeGraph kg;
    static String overview;

    @BeforeAll
    static void load() throws IOException {
        kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
        overview = Files.readString(Fixtures.projectRoot().resolve("queries/00-overview.rq"), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() {
        if (kg != null)
            kg.close();
    }

    private static Sparql.Row ask(String query) {
        Query q = QueryFactory.create(query, Syntax.syntaxARQ);
        return Txn.calculateRead(kg.dataset(), () -> Sparql.select(kg.dataset(), q, Map.of()).get(0));
    }

    @Test
    void everyCountThePageShowsIsTheOverviewQuerysOwn() {
        Sparql.Row whole = ask(overview);
        Sparql.Row shown = ask(HomePage.counts(overview));
        for (String count : HomePage.COUNTS) {
            assertNotNull(whole.get(count), count + " is one of the overview's counts");
            assertEquals(whole.str(count), shown.str(count), count);
        }
        assertEquals(HomePage.COUNTS.size(), shown.values().size(), "only the counts the page shows: " + shown.values().keySet());
    }

    @Test
    void theCountsThePageLeavesOutAreNotAsked() {
        Query q = QueryFactory.create(HomePage.counts(overview), Syntax.syntaxARQ);
        assertEquals(HomePage.COUNTS, q.getProjectVars().stream().map(Var::getVarName).toList());
        String text = q.serialize();
        for (String dropped : List.of("reportedFacts", "datedReportedFacts", "orderedReportedFacts", "ReportedFact", "time:before"))
            assertFalse(text.contains(dropped), dropped + " is the timeline's, not asked by the home page");
    }

    @Test
    void aQueryOfAnotherShapeIsAskedWhole() {
        String ask = "ASK { ?s ?p ?o }";
        assertEquals(ask, HomePage.counts(ask));
        String flat = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
        assertEquals(flat, HomePage.counts(flat));
        String mixed = "SELECT ?claims ?other WHERE { { SELECT (COUNT(*) AS ?claims) WHERE { ?c a ?t } } ?other ?p ?o }";
        assertEquals(mixed, HomePage.counts(mixed), "a pattern beside the sub-selects could join with any of them");
    }
}
