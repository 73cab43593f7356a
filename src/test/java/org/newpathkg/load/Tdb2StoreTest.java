package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.DatabaseConnection;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newpathkg.Fixtures;

/**
 * A kept database ({@code --tdb2}, and the packaged one) opens TDB2 and its text index in two
 * threads at once; whichever of the two fails, or the reopened store fails when counted, what was
 * opened is given back before the error reaches the caller, so a failed start-up leaves neither a
 * TDB2 connection nor Lucene's write lock held.
 */
class Tdb2StoreTest {

    private static Plan plan(Path dir) {
        return Plan.of(SourceTree.directory(Fixtures.good())).withEssay(Fixtures.essay()).withTdb2(dir);
    }

    /** The database a first start-up builds in {@code dir}, closed again. */
    private static Path built(Path dir) throws IOException {
        try (KnowledgeGraph kg = Pipeline.load(plan(dir))) {
            assertFalse(kg.report().reused(), "a first start-up builds");
        }
        return dir.resolve(Files.readString(dir.resolve(Tdb2Store.CURRENT)).strip());
    }

    @Test
    void aReusedDatabaseIsOpenedWithItsIndex(@TempDir Path dir) throws IOException {
        built(dir);
        try (KnowledgeGraph kg = Pipeline.load(plan(dir))) {
            assertTrue(kg.report().reused(), "the second start-up reuses the database");
            String rows = Txn.calculateRead(kg.dataset(), () -> QueryExec.dataset(kg.dataset())
                    .query("PREFIX text: <http://jena.apache.org/text#> PREFIX oa: <http://www.w3.org/ns/oa#> "
                            + "SELECT ?s { ?s text:query (oa:exact \"国防\" \"lang:ja\") }")
                    .select().stream().map(b -> String.valueOf(b.get("s"))).toList().toString());
            assertTrue(rows.contains("c1#quote"), "served with its text index: " + rows);
        }
    }

    @Test
    void aBrokenIndexLeavesTheStoreClosed(@TempDir Path dir) throws IOException {
        Path db = built(dir);
        List<Path> segments;
        try (Stream<Path> s = Files.list(db.resolve(Target.LUCENE))) {
            segments = s.filter(p -> p.getFileName().toString().startsWith("segments_")).toList();
        }
        assertFalse(segments.isEmpty(), "the index has a commit");
        for (Path p : segments)
            Files.writeString(p, "not a Lucene commit");
        assertThrows(RuntimeException.class, () -> Pipeline.load(plan(dir)));
        assertFalse(DatabaseConnection.lockForLocation(Location.create(db.resolve(Target.TDB2))).isLockedHere(),
                "TDB2 is released when the index fails to open");
    }

    @Test
    void aBrokenStoreLeavesTheIndexClosed(@TempDir Path dir) throws IOException {
        Path db = built(dir);
        Tdb2Store.deleteTree(db.resolve(Target.TDB2));
        Files.writeString(db.resolve(Target.TDB2), "not a TDB2 database");
        assertThrows(RuntimeException.class, () -> Pipeline.load(plan(dir)));
        // Lucene's write lock is free: the index opened beside the store was closed.
        try (IndexWriter w = new IndexWriter(FSDirectory.open(db.resolve(Target.LUCENE)), new IndexWriterConfig())) {
            assertTrue(w.isOpen());
        }
    }

    @Test
    void aStoreThatFailsWhenCountedIsClosedWithItsIndex(@TempDir Path dir) throws IOException {
        Path db = built(dir);
        // No recorded size, so the reopened store is counted; its node table is gone, so counting fails.
        Files.delete(db.resolve(Tdb2Store.SIZE));
        Files.write(db.resolve(Target.TDB2).resolve("Data-0001").resolve("nodes-data.obj"), new byte[0]);
        assertThrows(RuntimeException.class, () -> Pipeline.load(plan(dir)));
        assertFalse(DatabaseConnection.lockForLocation(Location.create(db.resolve(Target.TDB2))).isLockedHere(), "TDB2 is released");
        try (IndexWriter w = new IndexWriter(FSDirectory.open(db.resolve(Target.LUCENE)), new IndexWriterConfig())) {
            assertTrue(w.isOpen(), "the index is closed");
        }
    }
}
