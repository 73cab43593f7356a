package org.newpathkg.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.QuotationCheck;
import org.newpathkg.load.SourceTree;
import org.newpathkg.load.Validation;
import org.newpathkg.vocab.Graphs;
import org.newpathkg.vocab.NPO;

/**
 * The benchmark's corpora pass every check the real data passes: a corpus of the real project and
 * one copy is validated by the real {@link Validation} (shapes, every {@code ontology/checks/} query
 * and the quotation check against the essay) and has no problem, so a check added to the data
 * tomorrow is run here too.
 */
class CorpusGeneratorTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void aCorpusOfTheRealDataAndOneCopyPassesEveryCheckTheRealDataPasses(@TempDir Path tmp) throws Exception {
        SourceTree real = SourceTree.directory(ROOT);
        Path essay = QuotationCheck.declaredEssay(real).orElseThrow();
        assertTrue(Files.isRegularFile(essay), "the essay the data names is at " + essay);
        DataLoader.Loaded realParsed = DataLoader.load(real);
        long realQuads = quads(realParsed.dataset());

        CorpusGenerator.Result r = CorpusGenerator.generate(ROOT, tmp.resolve("corpus"), realQuads + 1);
        assertEquals(1, r.copies(), "one copy more than the real data: " + r);

        SourceTree corpus = SourceTree.directory(tmp.resolve("corpus"));
        DataLoader.Loaded parsed = DataLoader.load(corpus);
        assertEquals(r.asserted(), quads(parsed.dataset()), "every quad of the copy is new: " + r);
        assertEquals(2 * claims(realParsed.dataset()), claims(parsed.dataset()), "the copy's claims are claims of the claims graph");

        Validation.Report report = Validation.run(corpus, parsed, essay);
        assertEquals(List.of(), report.skipped(), "every check ran, the quotation check included");
        // The real data has none (ViolationChecksTest and start-up say so); a copy must add none.
        assertEquals(List.of(), report.problems(), "problems of the corpus");

        CorpusGenerator.generate(ROOT, tmp.resolve("again"), realQuads + 1);
        Path copy = Path.of("ontology/essay/copy-0001.trig");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("corpus").resolve(copy)), Files.readAllBytes(tmp.resolve("again").resolve(copy)),
                "the same source and size give the same bytes");
    }

    @Test
    void aSizeBelowTheRealDataGivesTheRealProjectAlone(@TempDir Path tmp) throws Exception {
        CorpusGenerator.Result r = CorpusGenerator.generate(ROOT, tmp, 1_000);
        assertEquals(0, r.copies());
        assertTrue(Files.isRegularFile(tmp.resolve("ontology/shapes.ttl")));
        try (var files = Files.list(tmp.resolve("ontology/essay"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("copy-")));
        }
    }

    private static long quads(DatasetGraph dsg) {
        long n = 0;
        for (var it = dsg.find(); it.hasNext(); it.next())
            n++;
        return n;
    }

    private static long claims(DatasetGraph dsg) {
        long n = 0;
        for (var it = dsg.find(Graphs.CLAIMS, Node.ANY, RDF.type.asNode(), NPO.Claim); it.hasNext(); it.next())
            n++;
        return n;
    }
}
