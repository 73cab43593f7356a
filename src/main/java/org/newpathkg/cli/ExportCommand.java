package org.newpathkg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.system.Txn;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code export}: every graph, sorted, for another store or a diff. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Write every named graph, the inferred graph included, sorted so that the same data always",
                "gives the same file."})
final class ExportCommand extends DataCommand {
    /** Output syntaxes. */
    enum Format { trig, nquads }

    @Option(names = "--format", paramLabel = "FORMAT", description = "trig or nquads (default: ${DEFAULT-VALUE})")
    Format format = Format.trig;

    @Option(names = "--out", paramLabel = "FILE", description = "the file to write (default: standard output)")
    Path out;

    @Override
    public Integer call() {
        try (KnowledgeGraph kg = Pipeline.load(data.plan(spec));
             OutputStream os = out == null ? null : Files.newOutputStream(out)) {
            PrintStream ps = os == null ? main.out : new PrintStream(os, false, StandardCharsets.UTF_8);
            Txn.executeRead(kg.dataset(), () -> Export.write(kg.dataset(), format == Format.trig, ps));
            ps.flush();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot write " + out + ": " + e.getMessage());
        }
        return Main.OK;
    }
}
