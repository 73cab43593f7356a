package org.newpathkg.cli;

import java.util.concurrent.Callable;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats}: how big the graph is. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the number of triples in each named graph and of instances of each class (inferred types included).")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        try (KnowledgeGraph kg = Pipeline.load(data.plan(spec))) {
            DatasetGraph ds = kg.dataset();
            Txn.executeRead(ds, () -> {
                main.out.println("# Triples per graph");
                QueryRunner.printResource(ds, StatsCommand.class, "stats-graphs", main.out);
                main.out.println();
                main.out.println("# Instances per class");
                QueryRunner.printResource(ds, StatsCommand.class, "stats-classes", main.out);
            });
        }
        return Main.OK;
    }
}
