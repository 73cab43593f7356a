package org.newpathkg.load;

import java.nio.file.Path;

/**
 * What {@link Pipeline#load(Plan)} is asked to do: which sources, whether to keep the result in a
 * TDB2 directory, whether to validate, and where the essay is for the quotation check.
 *
 * <pre>{@code
 * Plan p = Plan.of(SourceTree.directory(Path.of("."))).withTdb2(Path.of("run/db")).withEssay(essay);
 * }</pre>
 *
 * @param source   the project files
 * @param tdb2     directory of the TDB2 database to reuse or build, or null to build in a private temporary directory
 * @param validate false skips the shapes, integrity and quotation checks (benchmarks of corpora too
 *                 large to validate only); with {@code tdb2} the files are then bulk-loaded
 * @param essay    the essay text for the quotation check, or null for the one the sources name
 *                 ({@link QuotationCheck#declaredEssay})
 */
public record Plan(SourceTree source, Path tdb2, boolean validate, Path essay) {

    /** Validate {@code source} and build it in a private temporary directory (or open the packaged database for it). */
    public static Plan of(SourceTree source) {
        return new Plan(source, null, true, null);
    }

    public Plan withTdb2(Path dir) {
        return new Plan(source, dir, validate, essay);
    }

    public Plan withValidation(boolean on) {
        return new Plan(source, tdb2, on, essay);
    }

    public Plan withEssay(Path file) {
        return new Plan(source, tdb2, validate, file);
    }

    /**
     * The essay file the quotation check reads: the one given, or the one the sources name; null
     * when there is neither (the check is then reported as skipped).
     */
    public Path essayFile() {
        return essay != null ? essay : QuotationCheck.declaredEssay(source).orElse(null);
    }
}
