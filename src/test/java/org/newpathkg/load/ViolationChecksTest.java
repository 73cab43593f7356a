package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;

/**
 * The integrity checks over the real data in the working tree: shapes, every
 * {@code ontology/checks/*-violation.rq}, and every quotation against the essay.
 * A failure here is a data error; each line names the node at fault.
 */
class ViolationChecksTest {
    static Validation.Report report;

    @BeforeAll
    static void validate() {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        // The same checks, through the same code, as start-up and the validate command.
        report = Validation.run(src, DataLoader.load(src), Plan.of(src).essayFile());
    }

    @Test
    void realDataConformsToTheShapes() {
        assertEquals(List.of(), report.shapes(), "SHACL violations");
    }

    @Test
    void realDataPassesEveryViolationCheck() {
        assertEquals(List.of(), report.checks(), "ontology/checks/*-violation.rq rows");
    }

    @Test
    void everyQuotationIsVerbatimFromTheEssayAndTheCheckRan() {
        // Not skipped when the essay is absent: the suite (CI) must run the quotation check.
        assertEquals(List.of(), report.skipped(), "the essay " + QuotationCheck.SOURCE + " names must lie in ../shared/essay/ beside the project root");
        assertEquals(QuotationCheck.defaultEssay(Optional.of(Fixtures.projectRoot())),
                Plan.of(SourceTree.directory(Fixtures.projectRoot())).essayFile(), "the data names the essay of the shared folder");
        assertEquals(List.of(), report.quotations(), "quotation check");
    }
}
