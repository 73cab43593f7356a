package org.newpathkg.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.newpathkg.rdf.SparqlResource;
import org.newpathkg.rdf.UnionView;

/**
 * Checks that every quotation is verbatim from the essay: each {@code oa:exact} (and each
 * {@code npo:inWords}, {@code npo:noteText} and the cue words of arguments, commitment and
 * predictions such as {@code npo:connective}, which quote the essay too), and
 * prefix+exact and exact+suffix where given, must be a substring of the essay once all
 * whitespace is removed from both (the essay is a PDF extraction with broken lines); and a
 * claim that cites note N must show the marker {@code （N）} inside its exact text or at the start
 * of its suffix. A claim drawn from the note's own text (its target's {@code oa:hasSource} is the
 * note) cannot show the marker, which heads the note in the notes list; its quotation must
 * instead lie inside that note's text (between {@code （N）} and {@code （N+1）} of the list).
 * <p>
 * A marker that ends a sentence supports the whole sentence: a claim of the body whose sentence
 * (the text from its passage up to the next 。 or ？) ends with {@code （N）} must cite note N, and a
 * citation recorded as {@code npo:MarkerAtSentenceEnd} must have its marker there and not inside
 * the claim's own passage.
 *
 * <pre>{@code
 * QuotationCheck.Result r = QuotationCheck.check(dataset, Path.of("../shared/essay/000_3bd430a6fc254608.txt"));
 * if (r.skipped()) log(r.skipReason()); else r.failures().forEach(System.out::println);
 * }</pre>
 */
public final class QuotationCheck {
    /** Where the essay lies relative to the project root. */
    public static final String DEFAULT_ESSAY = "../shared/essay/000_3bd430a6fc254608.txt";
    /** The file of the sources that names the essay they quote ({@link #declaredEssay}). */
    public static final String SOURCE = "ontology/essay/SOURCE";
    /** Where a named essay is looked for, relative to the project root. */
    static final String ESSAY_FOLDER = "../shared/essay/";

    /** The outcome; {@code skipped} when the essay file is absent. */
    public record Result(boolean skipped, String skipReason, List<String> failures) {
        /** True when the check ran and found nothing wrong. */
        public boolean ok() {
            return !skipped && failures.isEmpty();
        }
    }

    private QuotationCheck() {}

    /** The essay path for a project rooted at {@code root} (the current directory when unknown). */
    public static Path defaultEssay(Optional<Path> root) {
        return root.orElse(Path.of("").toAbsolutePath()).resolve(DEFAULT_ESSAY).normalize();
    }

    /**
     * The essay {@code src} names in {@link #SOURCE} (a file name in {@code ../shared/essay/} beside
     * the project root, or beside the working directory for the packaged data), or empty if it
     * names none. Only data that names its essay is checked against one found by default, so a
     * copy of test data that happens to lie beside a {@code shared/} folder is not checked against
     * an essay it does not quote.
     */
    public static Optional<Path> declaredEssay(SourceTree src) {
        if (!src.all().contains(SOURCE))
            return Optional.empty();
        try (InputStream in = src.open(SOURCE)) {
            String name = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new DataException(SOURCE + ": names no essay file"));
            return Optional.of(src.root().orElse(Path.of("").toAbsolutePath()).resolve(ESSAY_FOLDER).resolve(name).normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SOURCE + " from " + src.describe(), e);
        }
    }

    /** Runs the check over {@code dsg} (the asserted data) against the essay at {@code essay}. */
    public static Result check(DatasetGraph dsg, Path essay) {
        if (essay == null)
            return new Result(true, "skipped: the data names no essay (" + SOURCE + ") and none was given (--essay FILE)", List.of());
        if (!Files.isRegularFile(essay))
            return new Result(true, "skipped: essay not found at " + essay, List.of());
        String text;
        try {
            text = stripWhitespace(Files.readString(essay, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the essay " + essay, e);
        }
        return new Result(false, null, failures(dsg, text));
    }

    /** The failures against an essay text given directly (whitespace is removed here). */
    public static List<String> failures(DatasetGraph dsg, String essayText) {
        String essay = stripWhitespace(essayText);
        DatasetGraph view = new UnionView(dsg);
        List<String> failures = new ArrayList<>();
        // claim (or the holder of an orphan quotation) -> [exact, suffix] pairs, whitespace removed
        Map<Node, List<String[]>> quotes = new LinkedHashMap<>();
        // claim of the body -> the note numbers whose markers end the sentence of its passage
        Map<Node, java.util.Set<String>> sentenceMarkers = new LinkedHashMap<>();
        for (Binding b : rows(view, "quotations")) {
            Node holder = b.get(Var.alloc("holder"));
            Node claim = b.get(Var.alloc("claim"));
            String who = claim != null ? "Claim " + Validator.fmt(claim) : "The quotation on " + Validator.fmt(holder);
            String exact = stripWhitespace(lex(b.get(Var.alloc("exact"))));
            String prefix = lexOrNull(b.get(Var.alloc("prefix")));
            String suffix = lexOrNull(b.get(Var.alloc("suffix")));
            if (exact.isEmpty())
                failures.add(who + " has an empty oa:exact.");
            else if (!essay.contains(exact))
                failures.add(who + ": oa:exact \"" + shorten(exact) + "\" does not occur in the essay.");
            else {
                if (prefix != null && !essay.contains(stripWhitespace(prefix) + exact))
                    failures.add(who + ": oa:prefix \"" + shorten(stripWhitespace(prefix)) + "\" does not come right before \"" + shorten(exact) + "\" in the essay.");
                if (suffix != null && !essay.contains(exact + stripWhitespace(suffix)))
                    failures.add(who + ": oa:suffix \"" + shorten(stripWhitespace(suffix)) + "\" does not come right after \"" + shorten(exact) + "\" in the essay.");
            }
            if (claim != null)
                quotes.computeIfAbsent(claim, k -> new ArrayList<>())
                      .add(new String[] {exact, suffix == null ? "" : stripWhitespace(suffix)});
            Node inBody = b.get(Var.alloc("inBody"));
            if (claim != null && inBody != null && "true".equals(inBody.getLiteralLexicalForm()) && !exact.isEmpty()) {
                int at = locate(essay, exact, prefix == null ? "" : stripWhitespace(prefix), suffix == null ? "" : stripWhitespace(suffix));
                if (at >= 0)
                    sentenceMarkers.computeIfAbsent(claim, k -> new java.util.TreeSet<>())
                                   .addAll(sentenceEndMarkers(essay, at + exact.length()));
            }
        }
        for (Binding b : rows(view, "words")) {
            String text = stripWhitespace(lex(b.get(Var.alloc("text"))));
            if (!text.isEmpty() && !essay.contains(text))
                failures.add(Validator.fmt(b.get(Var.alloc("holder"))) + ": " + Validator.fmt(b.get(Var.alloc("property")))
                        + " \"" + shorten(text) + "\" does not occur in the essay.");
        }
        for (Binding b : rows(view, "notes")) {
            Node claim = b.get(Var.alloc("claim"));
            Node note = b.get(Var.alloc("note"));
            Node number = b.get(Var.alloc("number"));
            Node fromNote = b.get(Var.alloc("fromNote"));
            if (number == null || !number.isLiteral()) {
                failures.add("Claim " + Validator.fmt(claim) + " cites note " + Validator.fmt(note) + ", which has no npo:noteNumber.");
                continue;
            }
            String n = number.getLiteralLexicalForm().strip();
            if (!n.matches("[0-9]+")) {
                failures.add("Claim " + Validator.fmt(claim) + " cites note " + Validator.fmt(note) + ", whose npo:noteNumber \"" + n + "\" is not a number.");
                continue;
            }
            String marker = "（" + n + "）";
            List<String[]> qs = quotes.getOrDefault(claim, List.of());
            if (fromNote != null && "true".equals(fromNote.getLiteralLexicalForm())) {
                // A claim drawn from the note's own text: the marker heads the note in the notes list,
                // so the quotation must lie inside that note instead.
                int start = essay.lastIndexOf(marker);
                int next = essay.indexOf("（" + (Integer.parseInt(n) + 1) + "）", Math.max(start, 0));
                int end = next < 0 ? essay.length() : next;
                boolean inside = start >= 0 && qs.stream().anyMatch(q -> {
                    int at = essay.indexOf(q[0], start);
                    return !q[0].isEmpty() && at >= 0 && at + q[0].length() <= end;
                });
                if (!inside)
                    failures.add("Claim " + Validator.fmt(claim) + " quotes note " + n
                            + " but its oa:exact does not occur in the text of note " + n + " in the essay's notes list.");
                continue;
            }
            boolean atPassage = qs.stream().anyMatch(q -> q[0].contains(marker) || q[1].startsWith(marker));
            Node sentenceEnd = b.get(Var.alloc("sentenceEnd"));
            if (sentenceEnd != null && "true".equals(sentenceEnd.getLiteralLexicalForm())) {
                if (qs.stream().anyMatch(q -> q[0].contains(marker)))
                    failures.add("Claim " + Validator.fmt(claim) + " records marker " + marker
                            + " as ending its sentence, but the marker stands in its own passage: its scope is npo:MarkerAtPassage.");
                else if (!sentenceMarkers.getOrDefault(claim, java.util.Set.of()).contains(n))
                    failures.add("Claim " + Validator.fmt(claim) + " records marker " + marker
                            + " as ending its sentence, but in the essay the sentence of its passage does not end with " + marker + ".");
                continue;
            }
            if (!atPassage)
                failures.add("Claim " + Validator.fmt(claim) + " cites note " + n
                        + " but its quotation shows no marker " + marker + " inside oa:exact or at the start of oa:suffix.");
        }
        // The converse: every claim of a sentence that ends with a marker cites that note.
        java.util.Set<String> cited = new java.util.HashSet<>();
        for (Binding b : rows(view, "notes")) {
            Node number = b.get(Var.alloc("number"));
            if (number != null && number.isLiteral())
                cited.add(Validator.fmt(b.get(Var.alloc("claim"))) + " " + number.getLiteralLexicalForm().strip());
        }
        sentenceMarkers.forEach((claim, numbers) -> numbers.forEach(n -> {
            if (!cited.contains(Validator.fmt(claim) + " " + n))
                failures.add("Claim " + Validator.fmt(claim) + " belongs to a sentence that the marker （" + n
                        + "） ends, but does not cite note " + n + ".");
        }));
        failures.sort(null);
        return failures;
    }

    /** Where the passage stands in the essay, told apart by its prefix and suffix; -1 if absent. */
    static int locate(String essay, String exact, String prefix, String suffix) {
        int at = essay.indexOf(prefix + exact + suffix);
        if (at >= 0)
            return at + prefix.length();
        at = essay.indexOf(prefix + exact);
        if (at >= 0)
            return at + prefix.length();
        at = essay.indexOf(exact + suffix);
        return at >= 0 ? at : essay.indexOf(exact);
    }

    /**
     * The note numbers of the markers that end the sentence in which the text before {@code end}
     * stands: the run of markers {@code （N）} right before the first 。 or ？ at or after it (a
     * passage that itself ends with 。 belongs to the sentence that 。 closes).
     */
    static List<String> sentenceEndMarkers(String essay, int end) {
        int from = Math.max(0, end - 1);
        int stop = -1;
        for (int i = from; i < essay.length(); i++) {
            char c = essay.charAt(i);
            if (c == '。' || c == '？') {
                stop = i;
                break;
            }
        }
        List<String> out = new ArrayList<>();
        if (stop < 0)
            return out;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("（([0-9]+)）$").matcher("");
        String before = essay.substring(0, stop);
        while (m.reset(before).find()) {
            out.add(m.group(1));
            before = before.substring(0, m.start());
        }
        return out;
    }

    private static List<Binding> rows(DatasetGraph view, String query) {
        try (QueryExec qe = QueryExec.dataset(view).query(SparqlResource.query(QuotationCheck.class, query)).build()) {
            List<Binding> out = new ArrayList<>();
            qe.select().forEachRemaining(out::add);
            return out;
        }
    }

    /** Removes every whitespace character, Unicode ones (U+3000, U+00A0...) included. */
    public static String stripWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !(Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0xFEFF))
         .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static String lex(Node n) {
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    private static String lexOrNull(Node n) {
        return n == null ? null : lex(n);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
