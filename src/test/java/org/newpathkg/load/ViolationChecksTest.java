package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;

/**
 * The integrity checks over the real data in the working tree: shapes, every
 * {@code ontology/checks/*-violation.rq}, and every quotation against the essay.
 * A failure here is a data error; each line names the node at fault.
 */
class ViolationChecksTest {
    static SourceTree src;
    static DataLoader.Loaded data;

    @BeforeAll
    static void load() {
        src = SourceTree.directory(Fixtures.projectRoot());
        data = DataLoader.load(src);
    }

    @Test
    void realDataConformsToTheShapes() {
        assertEquals(List.of(), Validator.shapes(data.shapes(), data.dataset()), "SHACL violations");
    }

    @Test
    void realDataPassesEveryViolationCheck() {
        assertEquals(List.of(), Validator.checks(src, data.dataset()), "ontology/checks/*-violation.rq rows");
    }

    @Test
    void everyQuotationIsVerbatimFromTheEssay() {
        QuotationCheck.Result r = QuotationCheck.check(data.dataset(), QuotationCheck.defaultEssay(src.root()));
        assumeFalse(r.skipped(), r.skipReason());
        assertEquals(List.of(), r.failures(), "quotation check");
    }
}
