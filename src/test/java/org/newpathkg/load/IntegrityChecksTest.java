package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;

/** The integrity checks can fail: each broken fixture is reported, naming what is wrong. */
class IntegrityChecksTest {

    private static DataLoader.Loaded load(Path root) {
        return DataLoader.load(SourceTree.directory(root));
    }

    @Test
    void goodFixtureHasNoViolations() {
        DataLoader.Loaded l = load(Fixtures.good());
        assertEquals(List.of(), Validator.shapes(l.shapes(), l.dataset()));
        assertEquals(List.of(), Validator.checks(SourceTree.directory(Fixtures.good()), l.dataset()));
        QuotationCheck.Result q = QuotationCheck.check(l.dataset(), Fixtures.essay());
        assertTrue(q.ok(), q.failures().toString());
    }

    @Test
    void claimWithoutModalityIsReportedWithFocusNodeAndPath(@TempDir Path dir) {
        DataLoader.Loaded l = load(Fixtures.copyWith(dir, "claim-without-modality.trig"));
        List<String> problems = Validator.shapes(l.shapes(), l.dataset());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("<https://w3id.org/newpath-kg/claim/no-modality>"), problems.get(0));
        assertTrue(problems.get(0).contains("ontology#modality"), problems.get(0));
        assertTrue(problems.get(0).contains("A claim needs exactly one modality."), problems.get(0));
    }

    @Test
    void dateWithoutPrecisionIsReportedByItsCheck(@TempDir Path dir) {
        Fixtures.copyWith(dir, "date-without-precision.trig");
        List<String> problems = Validator.checks(SourceTree.directory(dir), load(dir).dataset());
        assertEquals(List.of("date-precision-violation: <https://w3id.org/newpath-kg/id/russia> has a date without npo:datePrecision."),
                problems);
    }

    @Test
    void quotationNotInEssayIsReportedNamingTheClaim(@TempDir Path dir) {
        DataLoader.Loaded l = load(Fixtures.copyWith(dir, "quotation-not-in-essay.trig"));
        List<String> failures = QuotationCheck.check(l.dataset(), Fixtures.essay()).failures();
        assertTrue(failures.stream().anyMatch(f -> f.contains("claim/misquote") && f.contains("does not occur in the essay")), failures.toString());
    }

    @Test
    void missingNoteMarkerIsReported(@TempDir Path dir) {
        DataLoader.Loaded l = load(Fixtures.copyWith(dir, "quotation-not-in-essay.trig"));
        List<String> failures = QuotationCheck.check(l.dataset(), Fixtures.essay()).failures();
        assertTrue(failures.stream().anyMatch(f -> f.contains("claim/no-marker") && f.contains("（1）")), failures.toString());
    }

    @Test
    void prefixThatDoesNotPrecedeTheQuotationIsReported(@TempDir Path dir) {
        DataLoader.Loaded l = load(Fixtures.copyWith(dir, "quotation-not-in-essay.trig"));
        List<String> failures = QuotationCheck.check(l.dataset(), Fixtures.essay()).failures();
        assertTrue(failures.stream().anyMatch(f -> f.contains("claim/bad-suffix") && f.contains("oa:prefix")), failures.toString());
    }

    @Test
    void quotedWordsNotInEssayAreReported(@TempDir Path dir) {
        DataLoader.Loaded l = load(Fixtures.copyWith(dir, "words-not-in-essay.trig"));
        List<String> failures = QuotationCheck.check(l.dataset(), Fixtures.essay()).failures();
        assertTrue(failures.stream().anyMatch(f -> f.contains("stance-invented") && f.contains("inWords") && f.contains("does not occur in the essay")),
                failures.toString());
    }

    @Test
    void aClaimLinkedToAnotherClaimDoesNotTakeOnItsPassage(@TempDir Path dir) throws IOException {
        // c3 cites no note and npo:disagreesWith c4, whose sentence ends with marker （1）: following
        // the link to c4's quotation would report c3 as belonging to that sentence without citing note 1.
        Path essay = dir.resolve("essay.txt");
        Files.writeString(essay, Files.readString(Fixtures.essay()) + "\nロシアは条約を破棄した（1）。\n");
        DataLoader.Loaded l = load(Fixtures.copyWith(dir.resolve("project"), "claims-that-disagree.trig"));
        QuotationCheck.Result q = QuotationCheck.check(l.dataset(), essay);
        assertTrue(q.ok(), q.failures().toString());
    }

    @Test
    void quotationCheckIsSkippedWhenTheEssayIsAbsent(@TempDir Path dir) {
        QuotationCheck.Result r = QuotationCheck.check(load(Fixtures.good()).dataset(), dir.resolve("missing.txt"));
        assertTrue(r.skipped());
        assertTrue(r.skipReason().startsWith("skipped: essay not found at "), r.skipReason());
    }

    @Test
    void whitespaceIncludingIdeographicSpaceIsIgnored() {
        assertEquals("北朝鮮は国防", QuotationCheck.stripWhitespace("北朝\n\n鮮は\u3000国 防\u00a0"));
    }

    @Test
    void startUpRefusesDataWithAViolation(@TempDir Path dir) {
        Fixtures.copyWith(dir, "claim-without-modality.trig");
        DataException e = assertThrows(DataException.class, () -> Pipeline.load(SourceTree.directory(dir), null));
        assertTrue(e.getMessage().contains("claim/no-modality"), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }
}
