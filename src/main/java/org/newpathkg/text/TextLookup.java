package org.newpathkg.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.query.text.analyzer.Util;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;

/**
 * One lookup over the jena-text index for people and tools: names of things (labels and
 * alternative names, Japanese and English, romanisations written apart or together) and passages
 * of claims (the quoted Japanese with kuromoji, the English gloss stemmed and spelling-folded),
 * with the matched words marked. The search page, the editor's completion and the reconciliation
 * service all ask this class, so they find the same things.
 * <p>
 * Why not {@code text:query}: its query string is Lucene's query syntax, in which a visitor's
 * words would be operators (wildcards, fuzzy terms, ranges) whose cost grows with what is typed.
 * Here queries are built from the analyzed words only: term and phrase queries, at most
 * {@value #MAX_TERMS} words, text of at most {@value #MAX_QUERY_CHARS} characters, at most
 * {@value #MAX_HITS} hits; so a lookup's cost does not grow with what a client sends. The index
 * and its analyzers are the ones {@code text:query} uses ({@link TextSearch}).
 *
 * <pre>{@code
 * TextLookup lookup = TextLookup.of(kg.dataset());
 * lookup.names("Kim Jong-un", 10);        // np:kim-jong-un (labelled "Kim Jong Un")
 * lookup.passages("非核化", 20);            // claims whose passage says 非核化, the words marked
 * }</pre>
 */
public final class TextLookup {
    /** Longest query text accepted, in characters. */
    public static final int MAX_QUERY_CHARS = 200;
    /** Most words of a query that are searched for. */
    public static final int MAX_TERMS = 16;
    /** Most hits one lookup returns. */
    public static final int MAX_HITS = 100;

    /** The name fields (predicate field names of {@link TextSearch#FIELDS}). */
    static final List<String> NAME_FIELDS = List.of("label", "prefLabel", "altLabel");
    /** The passage fields: the quoted Japanese and the English gloss. */
    static final List<String> PASSAGE_FIELDS = List.of("exact", "gloss");

    private static final char MARK_START = '\uE000';
    private static final char MARK_END = '\uE001';

    private final TextIndexLucene index;
    private volatile IndexSearcher searcher;

    private TextLookup(TextIndexLucene index) {
        this.index = index;
    }

    /** The lookup over the text index of {@code ds}, or null when it has none. */
    public static TextLookup of(DatasetGraph ds) {
        TextSearch.init();
        Object idx = ds.getContext().get(TextQuery.textIndex);
        if (idx instanceof TextIndexLucene lucene)
            return new TextLookup(lucene);
        return null;
    }

    /** A run of a hit's text, {@code match} when the query's words matched it. */
    public record Span(String text, boolean match) {}

    /**
     * One indexed literal that matched.
     *
     * @param subject the IRI the literal belongs to
     * @param field   its field ({@code label}, {@code exact}, {@code gloss} ...)
     * @param text    the literal
     * @param lang    its language tag, or "" when it has none
     * @param score   Lucene's score (higher is better)
     * @param spans   the literal in runs, the matched words marked (one unmarked run when not highlighted)
     */
    public record Hit(String subject, String field, String text, String lang, float score, List<Span> spans) {}

    /** Thrown for a query the lookup refuses (too long); the message says why, for a 400. */
    public static final class TooLong extends IllegalArgumentException {
        TooLong(int length) {
            super("The search text is " + length + " characters long; at most " + MAX_QUERY_CHARS + " are searched.");
        }
    }

    /** Checks the length of {@code q}; throws {@link TooLong} past {@value #MAX_QUERY_CHARS} characters. */
    public static String checked(String q) {
        if (q.length() > MAX_QUERY_CHARS)
            throw new TooLong(q.length());
        return q.strip();
    }

    /**
     * Things whose label or alternative name has every word of {@code q} (Japanese words by
     * kuromoji; English words as written apart or joined), best first, one hit per subject.
     */
    public List<Hit> names(String q, int limit) {
        q = checked(q);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        List<String> words = words(q);
        String compact = Analyzers.compact(q);
        int clauses = 0;
        for (String f : NAME_FIELDS) {
            Query en = allTerms(f + "_" + Analyzers.NAME_TAG, words);
            if (en != null) {
                // The whole name, joined, scores above names that only contain its words.
                BooleanQuery.Builder b = new BooleanQuery.Builder().add(en, Occur.MUST);
                if (!compact.isEmpty())
                    b.add(new BoostQuery(new TermQuery(new Term(f + "_" + Analyzers.NAME_TAG, compact)), 4f), Occur.SHOULD);
                any.add(b.build(), Occur.SHOULD);
                clauses++;
            }
            Query ja = phrases(f + "_ja", q, Util.getLocalizedAnalyzer("ja"));
            if (ja != null) {
                any.add(ja, Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? List.of() : bySubject(search(any.build(), limit * 4, null), limit);
    }

    /**
     * Things whose label or alternative name has a word starting with {@code prefix} (the last word
     * typed), or all of the earlier words and then that prefix; for completion as one types.
     */
    public List<Hit> namePrefix(String prefix, int limit) {
        prefix = checked(prefix);
        List<String> words = words(prefix);
        if (words.isEmpty() && prefix.isEmpty())
            return List.of();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String f : NAME_FIELDS) {
            if (!words.isEmpty()) {
                String field = f + "_" + Analyzers.NAME_TAG;
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                for (String w : words.subList(0, words.size() - 1))
                    b.add(new TermQuery(new Term(field, w)), Occur.MUST);
                b.add(new PrefixQuery(new Term(field, words.get(words.size() - 1))), Occur.MUST);
                any.add(b.build(), Occur.SHOULD);
            }
            // Japanese has no spaces: the typed characters are a prefix of one of kuromoji's words.
            if (prefix.codePoints().anyMatch(TextLookup::isCjk) && prefix.length() <= 20)
                any.add(new PrefixQuery(new Term(f + "_ja", prefix)), Occur.SHOULD);
            Query ja = phrases(f + "_ja", prefix, Util.getLocalizedAnalyzer("ja"));
            if (ja != null)
                any.add(ja, Occur.SHOULD);
        }
        return bySubject(search(any.build(), limit * 4, null), limit);
    }

    /**
     * Claim passages (the quoted Japanese, {@code oa:exact}) and English glosses ({@code npo:gloss})
     * with every word of {@code q} (Japanese words as a phrase per space-separated part), best
     * first, the matched words marked. A passage's subject is its selector, a gloss's the claim.
     */
    public List<Hit> passages(String q, int limit) {
        q = checked(q);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        Map<String, Query> perField = new LinkedHashMap<>();
        Query ja = phrases("exact_ja", q, Util.getLocalizedAnalyzer("ja"));
        if (ja != null)
            perField.put("exact_ja", ja);
        Query en = allTerms("gloss_en", analyzed(Util.getLocalizedAnalyzer("en"), "gloss_en", q));
        if (en != null)
            perField.put("gloss_en", en);
        if (perField.isEmpty())
            return List.of();
        perField.values().forEach(x -> any.add(x, Occur.SHOULD));
        return search(any.build(), limit, perField);
    }

    private List<Hit> search(Query query, int limit, Map<String, Query> highlight) {
        int n = Math.max(1, Math.min(limit, MAX_HITS));
        try {
            IndexSearcher s = searcher();
            List<Hit> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(query, n).scoreDocs) {
                Document d = s.storedFields().document(sd.doc);
                String field = null, text = null;
                for (String f : TextSearch.FIELDS.keySet())
                    if (d.get(f) != null) {
                        field = f;
                        text = d.get(f);
                        break;
                    }
                if (field == null)
                    continue;
                String lang = d.get(index.getDocDef().getLangField());
                lang = lang == null || lang.startsWith("^^") ? "" : lang;
                List<Span> spans = List.of(new Span(text, false));
                if (highlight != null) {
                    String hf = field + "_" + lang;
                    Query hq = highlight.get(hf);
                    if (hq != null)
                        spans = marked(hq, hf, text, Util.getLocalizedAnalyzer(lang));
                }
                out.add(new Hit(d.get(index.getDocDef().getEntityField()), field, text, lang, sd.score, spans));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best hit of each subject, in order of first appearance (best score first), at most {@code limit}. */
    private static List<Hit> bySubject(List<Hit> hits, int limit) {
        Map<String, Hit> best = new LinkedHashMap<>();
        for (Hit h : hits)
            best.putIfAbsent(h.subject(), h);
        return best.values().stream().limit(Math.max(0, limit)).toList();
    }

    private IndexSearcher searcher() throws IOException {
        IndexSearcher s = searcher;
        if (s == null) {
            // The served data is read only: one reader of the committed index serves every lookup.
            synchronized (this) {
                if (searcher == null)
                    searcher = new IndexSearcher(DirectoryReader.open(index.getDirectory()));
                s = searcher;
            }
        }
        return s;
    }

    /** {@code text} in runs, the words {@code query} matches in {@code field} marked. */
    private static List<Span> marked(Query query, String field, String text, Analyzer analyzer) {
        Highlighter h = new Highlighter((original, group) -> group.getTotalScore() > 0 ? MARK_START + original + MARK_END : original,
                new QueryScorer(query, field));
        h.setTextFragmenter(new NullFragmenter());
        String out;
        try {
            out = h.getBestFragment(analyzer, field, text);
        } catch (IOException | InvalidTokenOffsetsException e) {
            out = null;
        }
        if (out == null)
            return List.of(new Span(text, false));
        List<Span> spans = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == MARK_START || c == MARK_END) {
                if (run.length() > 0)
                    spans.add(new Span(run.toString(), in));
                run.setLength(0);
                in = c == MARK_START;
            } else
                run.append(c);
        }
        if (run.length() > 0)
            spans.add(new Span(run.toString(), in));
        // Neighbouring marked words read as one mark.
        List<Span> merged = new ArrayList<>();
        for (Span sp : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.match() == sp.match())
                merged.set(merged.size() - 1, new Span(last.text() + sp.text(), sp.match()));
            else
                merged.add(sp);
        }
        return merged;
    }

    /** Every one of {@code terms} in {@code field}, or null when there are none. */
    private static Query allTerms(String field, List<String> terms) {
        if (terms.isEmpty())
            return null;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms)
            b.add(new TermQuery(new Term(field, t)), Occur.MUST);
        return b.build();
    }

    /** Each space-separated part of {@code q} as a phrase of its words in {@code field}, all parts required; null when none. */
    private static Query phrases(String field, String q, Analyzer analyzer) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int parts = 0, terms = 0;
        for (String part : q.split("\\s+")) {
            if (part.isEmpty())
                continue;
            PhraseQuery.Builder p = new PhraseQuery.Builder();
            int pos = -1, n = 0;
            try (TokenStream ts = analyzer.tokenStream(field, part)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                while (ts.incrementToken() && terms < MAX_TERMS) {
                    pos += inc.getPositionIncrement();
                    p.add(new Term(field, term.toString()), pos);
                    n++;
                    terms++;
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (n > 0) {
                b.add(p.build(), Occur.MUST);
                parts++;
            }
        }
        return parts == 0 ? null : b.build();
    }

    /** The terms {@code analyzer} makes of {@code text} in {@code field}, at most {@value #MAX_TERMS}. */
    static List<String> analyzed(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < MAX_TERMS)
                out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The words of a name as {@link Analyzers#names()} writes them, without the joined ones. */
    static List<String> words(String text) {
        return analyzed(WORDS, "name", text);
    }

    private static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
        }
    };

    private static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
    }
}
