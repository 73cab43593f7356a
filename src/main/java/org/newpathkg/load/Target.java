package org.newpathkg.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Where a build writes: an empty TDB2 store and a Lucene directory, in memory or in a database
 * folder ({@code tdb2/} and {@code lucene/}). The same code fills both.
 *
 * @param store    the TDB2 dataset to fill
 * @param lucene   the directory of the text index
 * @param location what the start-up log calls it
 */
record Target(DatasetGraph store, Directory lucene, String location) {

    /** A TDB2 store and Lucene index in memory. */
    static Target memory() {
        return new Target(DatabaseMgr.createDatasetGraph(), new ByteBuffersDirectory(), "memory");
    }

    /** The folders of a database folder: TDB2's and the text index's. */
    static final String TDB2 = "tdb2", LUCENE = "lucene";

    /** A TDB2 store and Lucene index in {@code db}. */
    static Target onDisk(Path db) {
        try {
            return new Target(DatabaseMgr.connectDatasetGraph(Location.create(db.resolve(TDB2))),
                    FSDirectory.open(db.resolve(LUCENE)), db.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the text index in " + db, e);
        }
    }

    /** The build failed: releases the store so its files can be removed. */
    void discard() {
        TDBInternal.expel(store, true);
        try {
            lucene.close();
        } catch (IOException e) {
            // already closed by the failed stage; nothing else holds it
        }
    }
}
