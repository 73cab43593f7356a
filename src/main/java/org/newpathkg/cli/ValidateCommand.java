package org.newpathkg.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.newpathkg.load.DataLoader;
import org.newpathkg.load.QuotationCheck;
import org.newpathkg.load.SourceTree;
import org.newpathkg.load.Validator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code validate}: the checks start-up runs, reported instead of stopping. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Parse the data, check it against ontology/shapes.ttl and ontology/checks/*-violation.rq,",
                "and check every quotation against the essay."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no violations", "1:violations", "2:usage or syntax error"})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--essay", paramLabel = "FILE",
            description = "the essay text (default: " + QuotationCheck.DEFAULT_ESSAY + " from the project root)")
    Path essay;

    @Override
    public Integer call() {
        SourceTree src = data.source(spec);
        DataLoader.Loaded loaded = DataLoader.load(src);
        List<String> problems = new ArrayList<>();
        problems.addAll(Validator.shapes(loaded.shapes(), loaded.dataset()));
        problems.addAll(Validator.checks(src, loaded.dataset()));
        Path text = essay != null ? essay : QuotationCheck.defaultEssay(src.root());
        QuotationCheck.Result q = QuotationCheck.check(loaded.dataset(), text);
        problems.addAll(q.failures());
        for (String p : problems)
            main.out.println(p);
        if (q.skipped())
            main.out.println("Quotation check " + q.skipReason());
        main.out.println(problems.isEmpty() ? "OK: " + src.describe() + " has no violations."
                                            : problems.size() + " violation(s) in " + src.describe() + ".");
        return problems.isEmpty() ? Main.OK : Main.FAILED;
    }
}
