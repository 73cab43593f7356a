package org.newpathkg.load;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.inference.Inference;
import org.newpathkg.text.TextSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up, as one sequence of stages: sources → parse → validate → infer → index → serve. Read
 * {@link #load(Plan)} top to bottom: it chooses how to get the store once ({@link StoreStrategy}),
 * reuses a stored database built from the same sources if there is one, and otherwise runs the
 * stages into the strategy's {@link Target}. Each stage is one class with one job:
 * <table>
 * <caption>The stages</caption>
 * <tr><td>sources</td><td>{@link SourceTree}: the files, from a working tree or the jar</td></tr>
 * <tr><td>parse</td><td>{@link DataLoader}: RDF files into an in-memory dataset, or streamed into
 *     TDB2 ({@link BulkLoad})</td></tr>
 * <tr><td>validate</td><td>{@link Validation}: shapes, integrity checks, quotations (the same as the
 *     {@code validate} command)</td></tr>
 * <tr><td>infer</td><td>{@link Inference}: the ontology's axioms materialised into the inferred graph</td></tr>
 * <tr><td>index</td><td>{@link Indexing}: the TDB2 store and the Lucene index, filled in background
 *     threads from parse on</td></tr>
 * <tr><td>serve</td><td>{@link KnowledgeGraph}: the read-only union view that is queried and served</td></tr>
 * </table>
 * Each phase is timed and summarised in one log line. Any failure throws before anything is
 * served, so a half graph is never visible.
 *
 * <pre>{@code
 * try (KnowledgeGraph kg = Pipeline.load(Plan.of(SourceTree.directory(Path.of("."))))) {
 *     QueryExec.dataset(kg.dataset()).query("SELECT * { ?s ?p ?o } LIMIT 1").select();
 * }
 * }</pre>
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** Counts parse stages, so tests can prove a reused database was not re-parsed. */
    private static final AtomicInteger PARSES = new AtomicInteger();

    private Pipeline() {}

    /**
     * The libraries' static set-up that every load needs (Jena's subsystems, the text index's
     * analyzers and property function); idempotent, and done by {@link #load} if not before. The
     * command line runs it in a background thread while it parses its arguments.
     */
    public static void initLibraries() {
        TextSearch.init();
    }

    /** Validates {@code src} and loads it into a private temporary store, or into / from {@code tdb2Dir} when it is not null. */
    public static KnowledgeGraph load(SourceTree src, Path tdb2Dir) {
        return load(Plan.of(src).withTdb2(tdb2Dir));
    }

    /** As {@link #load(SourceTree, Path)}; {@code validate} false skips the checks (see {@link Plan}). */
    public static KnowledgeGraph load(SourceTree src, Path tdb2Dir, boolean validate) {
        return load(Plan.of(src).withTdb2(tdb2Dir).withValidation(validate));
    }

    /**
     * The part of {@link #load} that needs no library set up, done ahead by serve while another thread
     * sets Jena up: for the packaged data, the private copy of its database ({@link Prebuilt}), which
     * {@link #load} of the same plan then opens. {@link #abandon} deletes it if {@link #load} never comes.
     */
    public static void prepare(Plan plan) {
        if (StoreStrategy.packaged(plan))
            Prebuilt.extractAhead(plan.source());
    }

    /** Deletes what {@link #prepare} made and {@link #load} did not take. */
    public static void abandon() {
        Prebuilt.dropAhead();
    }

    /** Runs {@code plan}: a reused database, or the stages into a fresh store. */
    public static KnowledgeGraph load(Plan plan) {
        TextSearch.init();
        StoreStrategy store = StoreStrategy.choose(plan);
        Optional<KnowledgeGraph> stored = store.reuse();
        // A reused database has its index: kuromoji's dictionaries load on the first Japanese full-text
        // search, not during start-up, where loading them took a second core from the first answers.
        if (stored.isPresent())
            return stored.get();
        TextSearch.warmUp();
        Target target = store.target();
        try {
            KnowledgeGraph built = store.streamed() ? streamed(plan, target) : staged(plan, target);
            return store.keep(built);
        } catch (RuntimeException | Error e) {
            target.discard();
            store.discard();
            throw e;
        }
    }

    /** sources → parse → validate → infer → index → serve, the index stage running beside validate and infer. */
    private static KnowledgeGraph staged(Plan plan, Target target) {
        SourceTree src = plan.source();
        long t0 = System.nanoTime();
        PARSES.incrementAndGet();
        DataLoader.Loaded parsed = DataLoader.load(src);
        long parseMs = ms(t0);

        Indexing indexing = Indexing.start(parsed.dataset(), target);
        try {
            t0 = System.nanoTime();
            List<String> skipped;
            if (plan.validate()) {
                Validation.Report checks = Validation.run(src, parsed, plan.essayFile());
                checks.throwIfProblems(src);
                skipped = checks.skipped();
                skipped.forEach(s -> LOG.warn("Validation of {}: {}", src.describe(), s));
            } else {
                skipped = List.of("every check (--skip-validation)");
                LOG.warn("Validation skipped (--skip-validation): {} is served without SHACL, integrity or quotation checks", src.describe());
            }
            long validateMs = ms(t0);

            t0 = System.nanoTime();
            long inferred = Inference.materialise(parsed.dataset());
            long inferMs = ms(t0);

            t0 = System.nanoTime();
            Indexing.Indexed indexed = indexing.finish(parsed.dataset());
            long graphs = Txn.calculateRead(indexed.text(), () -> count(indexed.text().listGraphNodes()));
            KnowledgeGraph.Report r = new KnowledgeGraph.Report(indexed.quads(), graphs, inferred, parseMs, validateMs, inferMs,
                    ms(t0), false, src.describe(), target.location(), indexed.loaderQuadsPerSecond(), skipped);
            LOG.info(r.summary());
            return new KnowledgeGraph(indexed.text(), target.store(), r);
        } catch (RuntimeException e) {
            indexing.abandon();
            throw e;
        }
    }

    /**
     * sources → parse (streamed into TDB2) → infer (over the store) → index (from the store) →
     * serve; not validated, because the checks need the data in memory.
     */
    private static KnowledgeGraph streamed(Plan plan, Target target) {
        SourceTree src = plan.source();
        DatasetGraph store = target.store();
        long t0 = System.nanoTime();
        PARSES.incrementAndGet();
        long loaded = BulkLoad.parseInto(src, store);
        long parseMs = Math.max(1, ms(t0));

        t0 = System.nanoTime();
        long inferred = Txn.calculateWrite(store, () -> Inference.materialise(store));
        long inferMs = ms(t0);

        t0 = System.nanoTime();
        DatasetGraph text = BulkLoad.indexStored(target);
        long graphs = Txn.calculateRead(text, () -> count(text.listGraphNodes()));
        KnowledgeGraph.Report r = new KnowledgeGraph.Report(loaded + inferred, graphs, inferred, parseMs, 0, inferMs, ms(t0),
                false, src.describe(), target.location(), loaded * 1000 / parseMs, List.of("every check (--skip-validation)"));
        LOG.info(r.summary() + " (bulk: load includes parsing; not validated)");
        return new KnowledgeGraph(text, store, r);
    }

    /** Number of parse stages run in this JVM. */
    public static int parseCount() {
        return PARSES.get();
    }

    private static long count(Iterator<Node> it) {
        long n = 0;
        for (; it.hasNext(); it.next())
            n++;
        return n;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
