package org.newpathkg.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.newpathkg.load.Plan;
import org.newpathkg.load.QuotationCheck;
import org.newpathkg.load.SourceTree;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --data} and {@code --essay}: where the sources and the essay come from, for every command that loads them. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "project root containing ontology/ (default: the copy packaged in the jar)")
    Path data;

    @Option(names = "--essay", paramLabel = "FILE",
            description = "the essay text the quotation check compares with (default: the file " + QuotationCheck.SOURCE
                    + " names, in ../shared/essay/ beside the project root, or beside the working directory for the packaged data)")
    Path essay;

    /** The sources named by {@code --data}, or the packaged copy. */
    SourceTree source(CommandSpec spec) {
        if (data == null)
            return SourceTree.classpath();
        if (!Files.isDirectory(data.resolve("ontology")))
            throw new ParameterException(spec.commandLine(), "--data " + data + ": no ontology/ folder there; pass the project root");
        return SourceTree.directory(data);
    }

    /** The start-up plan for these sources: validated, in memory unless a command says otherwise. */
    Plan plan(CommandSpec spec) {
        return Plan.of(source(spec)).withEssay(essay);
    }
}
