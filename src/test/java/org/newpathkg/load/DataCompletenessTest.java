package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;

/**
 * A data set cannot be half there: a data file's bytes are valid UTF-8 or the load stops at
 * their line, and the files and counts {@code ontology/MANIFEST} declares are present.
 */
class DataCompletenessTest {
    static final String HEAD = """
            @prefix np:   <https://w3id.org/newpath-kg/id/> .
            @prefix npg:  <https://w3id.org/newpath-kg/graph/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            """;

    /** A TriG file: {@link #HEAD}, then {@code lines} entities, the one at {@code bad} (if any) with a label holding {@code badBytes}. */
    static byte[] trig(int lines, int bad, byte[] badBytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEAD.getBytes(StandardCharsets.UTF_8));
        b.writeBytes("GRAPH npg:entities {\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < lines; i++) {
            b.writeBytes(("np:u" + i + " rdfs:label \"ユーティーエフ八 " + i).getBytes(StandardCharsets.UTF_8));
            if (i == bad)
                b.writeBytes(badBytes);
            b.writeBytes("\"@ja .\n".getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void invalidUtf8InALiteralStopsTheLoadWithFileAndLine(@TempDir Path dir) throws IOException {
        Fixtures.copyWith(dir);
        // 0xC3 0x28: a two-byte lead followed by '(' (Jena's decoder made it U+FFFD and loaded the file).
        Files.write(dir.resolve("ontology/essay/bad.trig"), trig(20, 6, new byte[] {(byte) 0xC3, 0x28}));
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
        // HEAD is 3 lines, the GRAPH line the 4th: entity 6 is on line 11, its label's bad byte after "np:u6 rdfs:label \"ユーティーエフ八 6".
        assertTrue(e.getMessage().startsWith("ontology/essay/bad.trig:11:29: not valid UTF-8 (byte 0xC3)"), e.getMessage());
    }

    @Test
    void everyKindOfInvalidSequenceIsFoundWhereverTheReadsCutTheFile(@TempDir Path dir) throws IOException {
        Fixtures.copyWith(dir);
        Path f = dir.resolve("ontology/essay/bad.trig");
        // Past the parser's first buffers, so the bad bytes arrive in a later read and multi-byte
        // characters are cut across reads: an overlong '/', a UTF-16 surrogate, a stray continuation byte, a cut sequence.
        List<byte[]> bad = List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE3, (byte) 0x81});
        for (byte[] b : bad) {
            Files.write(f, trig(3_000, 2_500, b));
            DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
            assertTrue(e.getMessage().startsWith("ontology/essay/bad.trig:2505:"), e.getMessage());
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        }
        Files.write(f, trig(3_000, -1, null));
        assertEquals(6, DataLoader.load(SourceTree.directory(dir)).files(), "the same file, valid, loads");
    }

    @Test
    void aDataSetWithItsFilesDeletedDoesNotLoad(@TempDir Path dir) throws IOException {
        Fixtures.copyWith(dir);
        try (var s = Files.list(dir.resolve("ontology/essay"))) {
            for (Path p : s.toList())
                Files.delete(p);
        }
        // The shapes and the ontology remain; the parse stage found nothing wrong with that before.
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
        assertTrue(e.getMessage().startsWith("3 file(s) of ontology/MANIFEST missing"), e.getMessage());
        assertEquals(List.of("ontology/essay/claims.trig", "ontology/essay/entities.trig", "ontology/essay/essay.trig"),
                e.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).toList());
    }

    @Test
    void aDataSetWithoutAManifestDoesNotLoad(@TempDir Path dir) throws IOException {
        Fixtures.copyWith(dir);
        Files.delete(dir.resolve(Manifest.FILE));
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(SourceTree.directory(dir)));
        assertTrue(e.getMessage().startsWith("ontology/MANIFEST: missing"), e.getMessage());
    }

    @Test
    void aCountTheDataDoesNotHaveFailsValidation(@TempDir Path dir) throws IOException {
        Fixtures.copyWith(dir);
        Files.createDirectories(dir.resolve("ontology/counts"));
        Files.writeString(dir.resolve("ontology/counts/claims.rq"),
                "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a <https://w3id.org/newpath-kg/ontology#Claim> }");
        Path manifest = dir.resolve(Manifest.FILE);
        String listed = Files.readString(manifest);
        SourceTree src = SourceTree.directory(dir);
        int claims = Integer.parseInt(countOf(src));
        Files.writeString(manifest, listed + "count " + claims + " ontology/counts/claims.rq\n");
        assertEquals(List.of(), Validation.run(src, DataLoader.load(src), null).checks(), "the count the data has");
        Files.writeString(manifest, listed + "count " + (claims + 1) + " ontology/counts/claims.rq\n");
        List<String> checks = Validation.run(src, DataLoader.load(src), null).checks();
        assertEquals(List.of("ontology/MANIFEST:" + (listed.split("\n").length + 1) + ": ontology/counts/claims.rq counts " + claims
                + " in the data; the manifest says " + (claims + 1) + " (a data file lost or cut short?)"), checks);
        Files.writeString(manifest, listed + "count ten ontology/counts/claims.rq\n");
        DataException e = assertThrows(DataException.class, () -> Validation.run(src, DataLoader.load(src), null));
        assertTrue(e.getMessage().contains("not a manifest line"), e.getMessage());
    }

    @Test
    void theRealDataDeclaresTheEssaysPartsAndNotes() {
        SourceTree src = SourceTree.directory(Fixtures.projectRoot());
        Manifest m = Manifest.read(src);
        assertEquals(List.of(), m.missingFiles(src));
        assertTrue(m.files().stream().anyMatch(f -> f.equals("ontology/essay/notes.trig")), m.files().toString());
        assertEquals(List.of(10L, 7L, 38L), m.counts().stream().map(Manifest.Count::expected).toList());
        // Every data file is listed, so that one lost is noticed.
        List<String> unlisted = src.all().stream().filter(f -> f.startsWith("ontology/")
                && (f.endsWith(".ttl") || f.endsWith(".trig") || f.endsWith("/SOURCE")) && !m.files().contains(f)).toList();
        assertEquals(List.of(), unlisted, "files under ontology/ missing from " + Manifest.FILE
                + "; add them (the command is in its header)");
    }

    private static String countOf(SourceTree src) {
        var data = DataLoader.load(src).dataset();
        try (var qe = org.apache.jena.sparql.exec.QueryExec.dataset(new org.newpathkg.rdf.UnionView(data))
                .query("SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a <https://w3id.org/newpath-kg/ontology#Claim> }").build()) {
            return qe.select().next().get("n").getLiteralLexicalForm();
        }
    }
}
