package org.newpathkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/** The export of the served graph is a faithful backup: export, load the file, export again: the same bytes. */
class ExportRoundTripTest {

    static String export(DatasetGraph ds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        Txn.executeRead(ds, () -> Export.write(ds, false, out));
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportLoadExportGivesTheSameSortedNQuads() {
        try (KnowledgeGraph kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null)) {
            String first = export(kg.dataset());
            assertTrue(first.lines().count() > 10_000, "the real data: " + first.lines().count() + " quads");
            DatasetGraph reloaded = RDFParser.fromString(first, Lang.NQUADS).toDatasetGraph();
            String second = export(reloaded);
            assertEquals(first.lines().count(), second.lines().count());
            assertEquals(first, second);
        }
    }
}
