package org.newpathkg.text;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDatasetFactory;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.query.text.analyzer.Util;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.store.Directory;
import org.newpathkg.vocab.NPO;
import org.newpathkg.vocab.OA;

/**
 * The jena-text Lucene index: which predicates are searchable, under which field, with which
 * analyzer.
 * <p>
 * Each indexed predicate has its own field, so {@code text:query (rdfs:label "...")} searches
 * labels only. The index is multilingual: a literal tagged {@code @ja} is also indexed in
 * {@code field_ja} with kuromoji ({@link JapaneseAnalyzer}, which splits 国防力強化 into words
 * instead of single characters), {@code @en} in {@code field_en} with {@link EnglishAnalyzer}
 * (stemming: sanction finds sanctions); passing {@code "lang:ja"} or {@code "lang:en"} in a
 * query selects that field. Without a language the field is analysed with kuromoji too,
 * since most text is Japanese; English then matches whole words without stemming. The graph
 * (for {@code GRAPH <g> { ... text:query ... }}) and the literal (for
 * {@code (?s ?score ?literal) text:query ...}) are stored.
 *
 * <pre>{@code
 * PREFIX text: <http://jena.apache.org/text#>
 * SELECT ?s ?score ?lit { (?s ?score ?lit) text:query (rdfs:label "国防" "lang:ja") }
 * }</pre>
 */
public final class TextSearch {
    /**
     * The version of the analysis ({@link Analyzers}, the fields): part of the sources' hash, so a
     * stored database indexed with an older analysis is rebuilt rather than reused.
     */
    public static final String ANALYSIS_VERSION = "2";

    /** Field name → the predicate whose values it holds. */
    public static final Map<String, Node> FIELDS = fields();

    private TextSearch() {}

    private static Map<String, Node> fields() {
        Map<String, Node> m = new LinkedHashMap<>();
        m.put("label", RDFS.label.asNode());
        m.put("prefLabel", SKOS.prefLabel.asNode());
        m.put("altLabel", SKOS.altLabel.asNode());
        m.put("definition", SKOS.definition.asNode());
        m.put("comment", RDFS.comment.asNode());
        m.put("exact", OA.exact);
        m.put("gloss", NPO.gloss);
        m.put("inWords", NPO.inWords);
        m.put("noteText", NPO.noteText);
        return Map.copyOf(m);
    }

    static {
        TextQuery.init();
        // jena-text maps "ja" to the CJK bigram analyzer by default; kuromoji finds words.
        Util.addAnalyzer("ja", new JapaneseAnalyzer());
        // English: EnglishAnalyzer's chain with British spellings folded to American (Analyzers.english).
        Util.addAnalyzer("en", Analyzers.english());
        // Beside every English literal, a field of its words and joined neighbouring words for name lookup.
        Util.addAnalyzer(Analyzers.NAME_TAG, Analyzers.names());
        Util.addAuxIndexes("en", java.util.List.of(Analyzers.NAME_TAG));
        SafeTextQuery.register();
    }

    /** The index definition shared by the in-memory and the on-disk index. */
    public static TextIndexConfig config() {
        EntityDefinition def = new EntityDefinition("uri", "label", "graph", RDFS.label.asNode());
        FIELDS.forEach((field, predicate) -> {
            if (!field.equals("label"))
                def.set(field, predicate);
        });
        def.setLangField("lang");
        TextIndexConfig config = new TextIndexConfig(def);
        config.setMultilingualSupport(true);
        config.setValueStored(true);
        config.setAnalyzer(new JapaneseAnalyzer());
        return config;
    }

    /** A Lucene index in {@code dir} with {@link #config()}. */
    public static TextIndex index(Directory dir) {
        return TextDatasetFactory.createLuceneIndex(dir, config());
    }

    /**
     * {@code base} wrapped so that every change made through the result is indexed in
     * {@code index}; closing the dataset closes the index.
     */
    public static DatasetGraph textDataset(DatasetGraph base, TextIndex index) {
        return TextDatasetFactory.create(base, index, true);
    }

    /** True when {@code p} is indexed. */
    public static boolean isIndexed(Node p) {
        return FIELDS.containsValue(p);
    }

    /** Forces the static set-up (analyzers, property function) to run. */
    public static void init() {}

    /**
     * Loads kuromoji's dictionaries in a background thread, so that the first Japanese text to be
     * indexed or searched does not wait for them (a few hundred milliseconds of a cold start).
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try (JapaneseAnalyzer a = new JapaneseAnalyzer();
                 org.apache.lucene.analysis.TokenStream ts = a.tokenStream("warm-up", "国防力強化の路線")) {
                ts.reset();
                while (ts.incrementToken()) {
                    // consume: the dictionaries load on the first token
                }
                ts.end();
            } catch (java.io.IOException e) {
                // only a warm-up: the real indexing reports any problem
            }
        }, "kuromoji-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
