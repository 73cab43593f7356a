package org.newpathkg.text;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The two English analyzers of the index, composed from Lucene's own filters.
 * <p>
 * {@link #english()} is {@link EnglishAnalyzer}'s chain (standard tokenizer, possessive, lower
 * case, English stop words, Porter stemmer) with British spellings folded to American ones
 * before stemming, so "denuclearisation" and "denuclearization", "defence" and "defense",
 * "analyse" and "analyze" become the same term in the index and in a query. Lucene has no
 * spelling-variant filter; {@link PatternReplaceFilter}s over whole tokens do it, by suffix for
 * the regular families (-ise/-isation, -yse, -our) and by word for the rest (-ence, -re, -ll-,
 * -ogue, -mme). A suffix rule may fold a word that has no variant (otherwise → otherwize); since
 * index and query fold alike, that only matters if two different words fold together, which
 * the rules avoid by requiring stems of three letters or more.
 * <p>
 * {@link #names()} is for names: lower case, accents folded (Pyŏngyang → pyongyang), and every
 * two or three neighbouring words also joined into one term ({@link ShingleFilter} with an empty
 * separator). "Kim Jong Un" is indexed as kim, jong, un, kimjong, jongun, kimjongun, so the
 * romanisations "Kim Jong-un", "Kim Jongun" and "KIM Jong Un" all meet it on the joined terms.
 * It runs on the auxiliary field {@code <field>_}{@value #NAME_TAG} that jena-text adds beside
 * every English literal ({@link TextSearch}).
 */
public final class Analyzers {
    /** The jena-text auxiliary index tag (field suffix) of {@link #names()}. */
    public static final String NAME_TAG = "enname";

    /** British → American, as (whole-token regex, replacement) pairs, applied in order to lower-cased tokens. */
    static final List<String[]> UK_TO_US = List.of(
            // organise, recognised, denuclearisation, normalising (stems of 3+ letters, so rise, wise stay)
            new String[] {"^(\\p{L}{3,})is(e|es|ed|ing|ation|ations|er|ers)$", "$1iz$2"},
            // analyse, paralysed
            new String[] {"^(\\p{L}{2,})ys(e|es|ed|ing)$", "$1yz$2"},
            // honour, behaviour, labour, neighbours, favourable (not four, hour, your, flour: stem under 3 letters)
            new String[] {"^(\\p{L}{3,}[^aeiou])our(s|ed|ing|able|ably|ite|ites|ful)?$", "$1or$2"},
            new String[] {"^(def|off|lic|pret)ence(s)?$", "$1ense$2"},
            new String[] {"^(cent|theat|met|lit|fib|somb|calib|spect|manoeuv)re(s|d)?$", "$1er$2"},
            new String[] {"^(travel|cancel|model|label|signal|channel|counsel|level|fuel|total|dial|equal|rival|marshal|quarrel)l(ed|ing|er|ers)$", "$1$2"},
            new String[] {"^(dialog|catalog|monolog|analog|prolog)ue(s)?$", "$1$2"},
            new String[] {"^programme(s)?$", "program$1"},
            new String[] {"^judgement(s)?$", "judgment$1"},
            new String[] {"^manoeuv", "maneuv"},
            new String[] {"^sceptic", "skeptic"},
            new String[] {"^grey$", "gray"},
            new String[] {"^ageing$", "aging"});

    private Analyzers() {}

    /** English with stemming and British spellings folded to American (see the class comment). */
    public static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream t = new EnglishPossessiveFilter(source);
                t = new LowerCaseFilter(t);
                t = new StopFilter(t, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                t = foldSpelling(t);
                t = new PorterStemFilter(t);
                return new TokenStreamComponents(source, t);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** Names: lower case, accents folded, neighbouring words also joined (see the class comment). */
    public static Analyzer names() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream t = new LowerCaseFilter(source);
                t = new ASCIIFoldingFilter(t);
                ShingleFilter s = new ShingleFilter(t, 2, 3);
                s.setTokenSeparator("");
                s.setOutputUnigrams(true);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** {@code name} reduced to the letters and digits of its words, lower case and unaccented: "Kim Jong-un" → "kimjongun". */
    public static String compact(String name) {
        StringBuilder b = new StringBuilder();
        String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD);
        folded.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static TokenStream foldSpelling(TokenStream t) {
        for (String[] rule : UK_TO_US)
            t = new PatternReplaceFilter(t, Pattern.compile(rule[0]), rule[1], false);
        return t;
    }
}
