package org.newpathkg.cli;


import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;

import picocli.CommandLine.Command;

/** {@code stats}: how big the graph is. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the number of triples in each named graph and of instances of each class (inferred types included).")
final class StatsCommand extends DataCommand {

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
