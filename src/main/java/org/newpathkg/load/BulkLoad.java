package org.newpathkg.load;

import java.util.Iterator;

import org.apache.jena.graph.Node;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.newpathkg.text.TextSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parse and index stages for data too large to hold in memory (ten million triples): the
 * files are streamed straight into the TDB2 parallel bulk loader, and the Lucene index is
 * written afterwards from the stored quads of each indexed predicate. Nothing is validated on
 * this path: the shapes and checks need the data in memory.
 */
final class BulkLoad {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

    private BulkLoad() {}

    /** Parses every file of {@code src} into the empty TDB2 {@code store}; returns the quads loaded. */
    static long parseInto(SourceTree src, DatasetGraph store) {
        long t0 = System.nanoTime();
        org.apache.jena.tdb2.loader.DataLoader loader =
                LoaderFactory.parallelLoader(store, (fmt, args) -> LOG.debug(String.format(fmt, args)));
        loader.startBulk();
        try {
            StreamRDF dest = loader.stream();
            dest.start();
            DataLoader.stream(src, dest);
            dest.finish();
        } catch (RuntimeException e) {
            loader.finishException(e);
            throw e;
        }
        loader.finishBulk();
        long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        LOG.info(String.format("TDB2 parallel loader: %,d quads in %,d ms (%,d quads/s, parsing included)",
                loader.countQuads(), ms, loader.countQuads() * 1000 / ms));
        return loader.countQuads();
    }

    /** Writes the Lucene index of {@code target} from its stored quads; returns the text-indexed store. */
    static DatasetGraph indexStored(Target target) {
        DatasetGraph store = target.store();
        TextIndex index = TextSearch.index(target.lucene());
        EntityDefinition def = index.getDocDef();
        Txn.executeRead(store, () -> {
            for (Node p : TextSearch.FIELDS.values()) {
                Iterator<Quad> it = store.find(Node.ANY, Node.ANY, p, Node.ANY);
                while (it.hasNext()) {
                    Entity e = TextQueryFuncs.entityFromQuad(def, it.next());
                    if (e != null)
                        index.addEntity(e);
                }
            }
        });
        index.prepareCommit();
        index.commit();
        return TextSearch.textDataset(store, index);
    }
}
