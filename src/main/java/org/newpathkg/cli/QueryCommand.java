package org.newpathkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.server.QueryPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code query}: one SPARQL query against the loaded graph, as the server would run it. */
@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run a SPARQL query (from FILE, or standard input for -) against the loaded graph, with inference",
                "and the text index, exactly as the server would. SELECT and ASK print in --format;",
                "CONSTRUCT and DESCRIBE print Turtle."})
final class QueryCommand extends DataCommand {
    /** Result formats for SELECT and ASK. */
    enum Format { table, csv, tsv, json }

    @Parameters(paramLabel = "FILE|-", description = "the query file, or - for standard input")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv, tsv or json (default: ${DEFAULT-VALUE})")
    Format format = Format.table;

    @Option(names = "--timeout", paramLabel = "SEC", description = "time limit (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 30;

    @Override
    public Integer call() {
        String text;
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
        if (timeoutSeconds < 1)
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        try (KnowledgeGraph kg = Pipeline.load(data.plan(spec))) {
            DatasetGraph ds = kg.dataset();
            QueryPolicy.apply(ds.getContext(), Duration.ofSeconds(timeoutSeconds), List.of());
            Txn.executeRead(ds, () -> QueryRunner.print(ds, text, format.name(), main.out));
            return Main.OK;
        } catch (QueryParseException e) {
            main.err.println(file + ": " + e.getMessage());
            return Main.USAGE;
        } catch (QueryCancelledException e) {
            main.err.println(file + ": query timed out after " + timeoutSeconds + " s");
            return Main.FAILED;
        } catch (QueryException e) {
            main.err.println(file + ": " + e.getMessage());
            return Main.FAILED;
        }
    }
}
