package org.newpathkg.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The validate stage, the same for start-up and the {@code validate} command: the SHACL shapes,
 * every integrity check ({@code ontology/checks/*-violation.rq}), the counts of
 * {@code ontology/MANIFEST} ({@link Manifest}) and the quotation check against the essay. Start-up stops on any problem; the command lists them. A check that cannot run (the
 * essay is absent) is reported as skipped, never as passed.
 *
 * <pre>{@code
 * Validation.Report r = Validation.run(src, DataLoader.load(src), essay);
 * r.problems().forEach(System.out::println);
 * if (!r.skipped().isEmpty()) ...   // the quotation check did not run
 * }</pre>
 */
public final class Validation {
    private Validation() {}

    /**
     * What the checks found.
     *
     * @param shapes     SHACL violations, one sentence each
     * @param checks     rows of the integrity checks
     * @param quotations quotations not verbatim in the essay, notes without their marker
     * @param skipped    checks that did not run, each with the reason
     */
    public record Report(List<String> shapes, List<String> checks, List<String> quotations, List<String> skipped) {
        /** Every problem, shapes first. */
        public List<String> problems() {
            List<String> all = new ArrayList<>(shapes);
            all.addAll(checks);
            all.addAll(quotations);
            return all;
        }

        /** Throws a {@link DataException} listing every problem of {@code src}, if there is one. */
        void throwIfProblems(SourceTree src) {
            List<String> all = problems();
            if (all.isEmpty())
                return;
            throw new DataException(all.size() + " violation(s) in " + src.describe() + " ("
                    + shapes.size() + " of ontology/shapes.ttl, " + checks.size() + " of ontology/checks/*-violation.rq, "
                    + quotations.size() + " of the quotation check); fix the data:", all);
        }
    }

    /** Runs every check over {@code parsed}, the data of {@code src}, with the essay at {@code essay}. */
    public static Report run(SourceTree src, DataLoader.Loaded parsed, Path essay) {
        List<String> shapes = Validator.shapes(parsed.shapes(), parsed.dataset());
        List<String> checks = new ArrayList<>(Validator.checks(src, parsed.dataset()));
        checks.addAll(Manifest.read(src).countProblems(src, parsed.dataset()));
        QuotationCheck.Result q = QuotationCheck.check(parsed.dataset(), essay);
        List<String> skipped = q.skipped() ? List.of("quotation check " + q.skipReason()) : List.of();
        return new Report(shapes, checks, q.failures(), skipped);
    }
}
