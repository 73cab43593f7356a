package org.newpathkg.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.newpathkg.load.SourceTree;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --data}: where the sources come from, shared by every command that loads them. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "project root containing ontology/ (default: the copy packaged in the jar)")
    Path data;

    /** The sources named by {@code --data}, or the packaged copy. */
    SourceTree source(CommandSpec spec) {
        if (data == null)
            return SourceTree.classpath();
        if (!Files.isDirectory(data.resolve("ontology")))
            throw new ParameterException(spec.commandLine(), "--data " + data + ": no ontology/ folder there; pass the project root");
        return SourceTree.directory(data);
    }
}
