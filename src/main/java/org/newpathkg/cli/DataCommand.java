package org.newpathkg.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that loads the data has: the tool's streams (from {@link Main}), its own
 * picocli model (for usage errors) and the {@code --data}/{@code --essay} options. picocli reads the
 * annotated fields of superclasses too.
 */
abstract class DataCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;
}
