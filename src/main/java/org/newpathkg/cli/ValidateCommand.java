package org.newpathkg.cli;


import org.newpathkg.load.DataLoader;
import org.newpathkg.load.Plan;
import org.newpathkg.load.Validation;

import picocli.CommandLine.Command;

/** {@code validate}: the checks start-up runs ({@link Validation}), reported instead of stopping. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Parse the data, check it against ontology/shapes.ttl and ontology/checks/*-violation.rq,",
                "and check every quotation against the essay: the checks start-up runs."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every check ran and found nothing", "1:violations", "2:usage or syntax error",
                "3:no violations, but a check was skipped (the essay was not found)"})
final class ValidateCommand extends DataCommand {

    @Override
    public Integer call() {
        Plan plan = data.plan(spec);
        Validation.Report r = Validation.run(plan.source(), DataLoader.load(plan.source()), plan.essayFile());
        r.problems().forEach(main.out::println);
        r.skipped().forEach(s -> main.out.println("Skipped: " + s));
        String what = plan.source().describe();
        if (!r.problems().isEmpty()) {
            main.out.println(r.problems().size() + " violation(s) in " + what + ".");
            return Main.FAILED;
        }
        if (!r.skipped().isEmpty()) {
            main.out.println("No violations in " + what + ", but " + r.skipped().size() + " check(s) did not run: not validated.");
            return Main.SKIPPED;
        }
        main.out.println("OK: " + what + " has no violations.");
        return Main.OK;
    }
}
