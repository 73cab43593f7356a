package org.newpathkg.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.apache.jena.atlas.io.IO;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.SourceTree;
import org.newpathkg.vocab.NPO;
import org.newpathkg.vocab.OA;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a corpus of N essays of the real essay's shape as a project the service loads and
 * validates like the real one: the real {@code ontology/} (schema, shapes, checks, the essay
 * itself) and {@code queries/}, plus {@code ontology/essay/gen-NNNN.trig} files of generated essays
 * until the corpus holds the requested number of asserted triples.
 * <p>
 * Deterministic: the same seed, size and source give byte-identical files. Each generated essay
 * has sections, claims (one graph each, with target and quotation), notes citing works, persons,
 * events, an office term and stances; its Japanese and English text is recombined from the real
 * essay's quotations, glosses and labels, so full-text searches find it. Every generated IRI lies
 * in a {@code gen/} namespace of its own ({@code …/claim/gen/e00001/c001}, {@code …/id/gen/e00001/…})
 * and can never collide with the real essay's. Generated notes are numbered 19, 22 and 33, the
 * three note numbers whose markers no real quotation contains, so the note-marker check holds
 * across essays. Quotations are not in the essay's text, so {@code validate --essay} reports them;
 * start-up skips the quotation check for a corpus because no essay lies beside it (it says so in
 * its log and in {@code /$/stats}).
 *
 * <pre>
 * java -cp target/newpath-kg.jar:target/test-classes org.newpathkg.bench.CorpusGenerator --triples 1M --out target/corpus/1M
 * </pre>
 */
public final class CorpusGenerator {
    static final String NPO_NS = NPO.NS;
    static final String ID = "https://w3id.org/newpath-kg/id/";
    static final String CLAIM = "https://w3id.org/newpath-kg/claim/";
    static final String NOTE = "https://w3id.org/newpath-kg/note/";
    static final String WORK = "https://w3id.org/newpath-kg/work/";
    static final String ESSAY = "https://w3id.org/newpath-kg/essay/";
    static final String GRAPH = "https://w3id.org/newpath-kg/graph/";
    static final String TIME = "http://www.w3.org/2006/time#";
    /** Essays per generated file: a few MB each. */
    static final int ESSAYS_PER_FILE = 100;
    static final int SECTIONS = 4, CLAIMS_PER_SECTION = 10, PERSONS = 3, EVENTS = 6, STANCES = 2;
    static final int[] NOTE_NUMBERS = {19, 22, 33};
    static final String[] MODALITIES = {"ReportedFact", "AuthorAssessment", "ReportedFact", "Prediction",
            "QuotedStatement", "Recommendation", "ReportedFact", "AuthorAssessment"};
    static final String[] POSITIONS = {"Supports", "Opposes", "Seeks", "Rejects", "Cautious"};
    static final String[] EVENT_CLASSES = {"Event", "Summit", "Visit", "Speech", "Conference", "Meeting"};
    static final String[] PRECISIONS = {"unitDay", "unitMonth", "unitYear"};

    /** What the generated text and links are drawn from: the real essay, sorted for determinism. */
    record Vocabulary(List<String> exacts, List<String> glosses, List<String[]> eventLabels, List<String[]> personLabels,
                      List<String> states, List<String> offices, List<String> topics, List<String> publications) {}

    private final Vocabulary vocab;
    private final SplittableRandom rnd;

    CorpusGenerator(Vocabulary vocab, long seed) {
        this.vocab = vocab;
        this.rnd = new SplittableRandom(seed);
    }

    /** The command line of the generator alone (the benchmark calls {@link #generate} directly). */
    @Command(name = "corpus-generator", mixinStandardHelpOptions = true,
            description = "Write a generated corpus of the real essay's shape as a project the service loads.")
    static final class Cli implements Callable<Integer> {
        @Option(names = "--triples", paramLabel = "N", converter = Size.class,
                description = "asserted triples, real data included: 10k, 1M, ... (default: ${DEFAULT-VALUE})")
        long triples = 100_000;

        @Option(names = "--seed", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed = 20240618;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the corpus folder, emptied first")
        Path out;

        @Option(names = "--from", paramLabel = "DIR", description = "the real project root (default: ${DEFAULT-VALUE})")
        Path from = Path.of(".");

        @Override
        public Integer call() throws IOException {
            Result r = generate(from, out, triples, seed);
            System.out.println("Wrote " + r.essays() + " generated essays, " + r.asserted() + " asserted triples, to " + out);
            return 0;
        }
    }

    /** Entry point; see the class comment and {@code --help}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    /** What a run wrote: generated essays and the corpus's asserted triples (real data included). */
    public record Result(int essays, long asserted) {}

    /**
     * Writes a corpus of about {@code triples} asserted triples (the real project's included) to
     * {@code out}, which is emptied first.
     */
    public static Result generate(Path projectRoot, Path out, long triples, long seed) throws IOException {
        SourceTree src = SourceTree.directory(projectRoot);
        DataLoader.Loaded real = DataLoader.load(src);
        long realQuads = count(real.dataset());
        deleteTree(out);
        for (String f : src.all()) {
            Path dest = out.resolve(f);
            Files.createDirectories(dest.getParent());
            try (InputStream in = src.open(f)) {
                Files.copy(in, dest);
            }
        }
        CorpusGenerator g = new CorpusGenerator(vocabulary(real.dataset()), seed);
        long asserted = realQuads;
        int essay = 0;
        for (int file = 1; asserted < triples; file++) {
            Path p = out.resolve(String.format("ontology/essay/gen-%04d.trig", file));
            try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                w.write(PREFIXES);
                for (int k = 0; k < ESSAYS_PER_FILE && asserted < triples; k++)
                    asserted += g.essay(++essay, w);
            }
        }
        return new Result(essay, asserted);
    }

    static final String PREFIXES = """
            @prefix npo:  <https://w3id.org/newpath-kg/ontology#> .
            @prefix npg:  <https://w3id.org/newpath-kg/graph/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
            @prefix prov: <http://www.w3.org/ns/prov#> .
            @prefix oa:   <http://www.w3.org/ns/oa#> .
            @prefix org:  <http://www.w3.org/ns/org#> .
            @prefix dcterms: <http://purl.org/dc/terms/> .
            @prefix time: <http://www.w3.org/2006/time#> .

            """;

    /** Writes essay {@code n}; returns the number of triples written. */
    long essay(int n, BufferedWriter w) throws IOException {
        String e = String.format("e%05d", n);
        String essayIri = ESSAY + "gen/" + e;
        Quads q = new Quads();

        q.graph(GRAPH + "essay");
        q.iri(essayIri, RDF.type.getURI(), NPO_NS + "Essay");
        labels(q, essayIri, "Generated essay " + n, "生成論考" + n);
        for (int s = 1; s <= SECTIONS; s++) {
            String sec = essayIri + "/section-" + s;
            q.iri(sec, RDF.type.getURI(), NPO_NS + "Section");
            labels(q, sec, "Section " + s + " of generated essay " + n, "生成論考" + n + "の第" + s + "節");
            q.typed(sec, NPO_NS + "ordinal", Integer.toString(s), "integer");
            q.iri(sec, "http://purl.org/dc/terms/isPartOf", essayIri);
        }
        for (int k : NOTE_NUMBERS) {
            String note = NOTE + "gen/" + e + "/" + k;
            q.iri(note, RDF.type.getURI(), NPO_NS + "Note");
            q.typed(note, NPO_NS + "noteNumber", Integer.toString(k), "integer");
            q.lang(note, NPO_NS + "noteText", "『" + fragment(12) + "』" + date(), "ja");
            q.iri(note, NPO_NS + "noteKind", NPO_NS + "CitationNote");
            q.iri(note, NPO_NS + "cites", WORK + "gen/" + e + "/work-" + k);
            q.iri(note, "http://purl.org/dc/terms/isPartOf", essayIri);
            labels(q, note, "Note " + k, "注" + k);
        }

        q.graph(GRAPH + "entities");
        String base = ID + "gen/" + e + "/";
        for (int k : NOTE_NUMBERS) {
            String work = WORK + "gen/" + e + "/work-" + k;
            String pub = pick(vocab.publications());
            q.iri(work, RDF.type.getURI(), NPO_NS + "NewspaperArticle");
            q.iri(work, NPO_NS + "publishedIn", pub);
            labels(q, work, "Article cited in note " + k + " of generated essay " + n, "生成論考" + n + "の注" + k + "の記事");
        }
        List<String> persons = new ArrayList<>(), events = new ArrayList<>(), stances = new ArrayList<>();
        for (int k = 1; k <= PERSONS; k++) {
            String p = base + "person-" + k;
            String[] l = vocab.personLabels().get(rnd.nextInt(vocab.personLabels().size()));
            q.iri(p, RDF.type.getURI(), NPO_NS + "Person");
            labels(q, p, l[0] + " (figure " + k + " of essay " + n + ")", l[1] + "（論考" + n + "の人物" + k + "）");
            persons.add(p);
        }
        for (int k = 1; k <= EVENTS; k++) {
            String ev = base + "event-" + k;
            String[] l = vocab.eventLabels().get(rnd.nextInt(vocab.eventLabels().size()));
            q.iri(ev, RDF.type.getURI(), NPO_NS + EVENT_CLASSES[k % EVENT_CLASSES.length]);
            labels(q, ev, l[0] + " (event " + k + " of essay " + n + ")", l[1] + "（論考" + n + "の出来事" + k + "）");
            events.add(ev);
        }
        for (int k = 1; k <= STANCES; k++) {
            String st = base + "stance-" + k;
            q.iri(st, RDF.type.getURI(), NPO_NS + "Stance");
            labels(q, st, "Stance " + k + " in generated essay " + n, "生成論考" + n + "の立場" + k);
            stances.add(st);
        }
        String term = base + "term-1";
        q.iri(term, RDF.type.getURI(), NPO_NS + "OfficeTerm");
        labels(q, term, "Office term in generated essay " + n, "生成論考" + n + "の在任");

        Facts facts = facts();
        List<String> claims = new ArrayList<>();
        int noteIndex = 0;
        Quads cg = new Quads();
        q.graph(GRAPH + "claims");
        for (int s = 1; s <= SECTIONS; s++) {
            for (int o = 1; o <= CLAIMS_PER_SECTION; o++) {
                int idx = claims.size();
                String c = CLAIM + "gen/" + e + "/c" + String.format("%03d", idx + 1);
                claims.add(c);
                String modality = MODALITIES[idx % MODALITIES.length];
                q.iri(c, RDF.type.getURI(), NPO_NS + "Claim");
                q.iri(c, NPO_NS + "modality", NPO_NS + modality);
                q.iri(c, NPO_NS + "section", essayIri + "/section-" + s);
                q.typed(c, NPO_NS + "ordinal", Integer.toString(o), "integer");
                q.lang(c, NPO_NS + "gloss", gloss(), "en");
                if (modality.equals("QuotedStatement"))
                    q.iri(c, NPO_NS + "speaker", persons.get(idx % persons.size()));
                String suffix = fragment(8);
                if (noteIndex < NOTE_NUMBERS.length) {
                    int k = NOTE_NUMBERS[noteIndex++];
                    q.iri(c, NPO_NS + "sourcing", NPO_NS + "NoteCited");
                    q.iri(c, NPO_NS + "citesNote", NOTE + "gen/" + e + "/" + k);
                    // the qualified citation every cited note needs (checks/note-citation-violation.rq)
                    q.iri(c, NPO_NS + "noteCitation", c + "#cite-" + k);
                    q.iri(c + "#cite-" + k, RDF.type.getURI(), NPO_NS + "NoteCitation");
                    q.iri(c + "#cite-" + k, NPO_NS + "citedNote", NOTE + "gen/" + e + "/" + k);
                    q.iri(c + "#cite-" + k, NPO_NS + "markerScope", NPO_NS + "MarkerAtPassage");
                    suffix = "（" + k + "）" + suffix;   // the marker right after the passage, as the essay prints it
                } else {
                    q.iri(c, NPO_NS + "sourcing", NPO_NS + "EssayOnly");
                }
                q.iri(c, "http://www.w3.org/ns/prov#wasAttributedTo", ESSAY + "author");
                q.iri(c, OA.NS + "hasTarget", c + "#target");
                q.iri(c + "#target", RDF.type.getURI(), OA.NS + "SpecificResource");
                q.iri(c + "#target", OA.NS + "hasSource", essayIri + "/section-" + s);
                q.iri(c + "#target", OA.NS + "hasSelector", c + "#quote");
                q.iri(c + "#quote", RDF.type.getURI(), OA.NS + "TextQuoteSelector");
                q.lang(c + "#quote", OA.NS + "exact", exact(), "ja");
                q.lang(c + "#quote", OA.NS + "prefix", fragment(10), "ja");
                q.lang(c + "#quote", OA.NS + "suffix", suffix, "ja");

                cg.graph(c);
                claimGraph(cg, idx, facts, persons, events, stances, term);
            }
        }
        w.write(q.text());
        w.write(cg.text());
        w.write('\n');
        return q.count + cg.count;
    }

    /**
     * The essay's facts about its entities, drawn once: claims restate them, so an event keeps one
     * date and a stance one position however many claims mention it (as the shapes require).
     */
    private record Facts(String[] eventPlace, String[] eventDate, String[] eventPrecision, String[] stanceHolder,
                         String[] stanceTopic, String[] stancePosition, String[] stanceWords, String termOrg,
                         String termRole, String termDate, String termPrecision) {}

    private Facts facts() {
        String[] place = new String[EVENTS], date = new String[EVENTS], prec = new String[EVENTS];
        for (int k = 0; k < EVENTS; k++) {
            place[k] = pick(vocab.states());
            prec[k] = PRECISIONS[rnd.nextInt(PRECISIONS.length)];
            date[k] = date(prec[k]);
        }
        String[] holder = new String[STANCES], topic = new String[STANCES], position = new String[STANCES], words = new String[STANCES];
        for (int k = 0; k < STANCES; k++) {
            holder[k] = pick(vocab.states());
            topic[k] = pick(vocab.topics());
            position[k] = NPO_NS + POSITIONS[rnd.nextInt(POSITIONS.length)];
            words[k] = fragment(14);
        }
        String tp = PRECISIONS[rnd.nextInt(PRECISIONS.length)];
        return new Facts(place, date, prec, holder, topic, position, words, pick(vocab.states()), pick(vocab.offices()),
                date(tp), tp);
    }

    /** What one claim asserts: an event with its date, a stance, or an office term, in turn. */
    private void claimGraph(Quads cg, int idx, Facts f, List<String> persons, List<String> events, List<String> stances, String term) {
        int e = idx % events.size();
        String ev = events.get(e);
        switch (idx % 4) {
            case 0, 1 -> {
                cg.iri(ev, NPO_NS + "agent", persons.get(e % persons.size()));
                cg.iri(ev, NPO_NS + "place", f.eventPlace()[e]);
                cg.typed(ev, NPO_NS + "date", f.eventDate()[e], "date");
                cg.iri(ev, NPO_NS + "datePrecision", TIME + f.eventPrecision()[e]);
            }
            case 2 -> {
                int k = (idx / 4) % stances.size();
                String st = stances.get(k);
                cg.iri(st, NPO_NS + "holder", f.stanceHolder()[k]);
                cg.iri(st, NPO_NS + "topic", f.stanceTopic()[k]);
                cg.iri(st, NPO_NS + "position", f.stancePosition()[k]);
                cg.iri(st, NPO_NS + "expressedAt", events.get(k));
                cg.lang(st, NPO_NS + "inWords", f.stanceWords()[k], "ja");
            }
            default -> {
                cg.iri(term, "http://www.w3.org/ns/org#member", persons.get(0));
                cg.iri(term, "http://www.w3.org/ns/org#organization", f.termOrg());
                cg.iri(term, "http://www.w3.org/ns/org#role", f.termRole());
                cg.typed(term, NPO_NS + "attestedDate", f.termDate(), "date");
                cg.iri(term, NPO_NS + "attestedDatePrecision", TIME + f.termPrecision());
            }
        }
    }

    /** A date of the given precision: a month-only date is the month's first day, a year-only one 1 January. */
    private String date(String precision) {
        int y = 1990 + rnd.nextInt(35), m = 1 + rnd.nextInt(12), d = 1 + rnd.nextInt(28);
        if (!precision.equals("unitDay"))
            d = 1;
        if (precision.equals("unitYear"))
            m = 1;
        return String.format("%04d-%02d-%02d", y, m, d);
    }

    private static void labels(Quads q, String s, String en, String ja) {
        q.lang(s, RDFS.label.getURI(), en, "en");
        q.lang(s, RDFS.label.getURI(), ja, "ja");
    }

    private String date() {
        return (1990 + rnd.nextInt(35)) + "年" + (1 + rnd.nextInt(12)) + "月" + (1 + rnd.nextInt(28)) + "日。";
    }

    /** A Japanese passage: two clauses of real quotations joined, always longer than four characters. */
    private String exact() {
        String a = clause(), b = clause();
        return a + "、" + b + "。";
    }

    private String clause() {
        String x = pick(vocab.exacts());
        String[] parts = x.split("[、。]");
        String p = parts[rnd.nextInt(parts.length)].strip();
        return p.length() < 4 ? x.replaceAll("[、。]", "") : p;
    }

    private String fragment(int max) {
        String c = clause();
        int start = c.length() <= max ? 0 : rnd.nextInt(c.length() - max);
        return c.substring(start, Math.min(c.length(), start + max));
    }

    /** An English gloss: words of two real glosses, the first half of one and the second of the other. */
    private String gloss() {
        String[] a = pick(vocab.glosses()).split(" "), b = pick(vocab.glosses()).split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < (a.length + 1) / 2; i++)
            sb.append(a[i]).append(' ');
        for (int i = b.length / 2; i < b.length; i++)
            sb.append(b[i]).append(i + 1 < b.length ? " " : "");
        return sb.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** The real essay's words and links, each list sorted so the draw is deterministic. */
    static Vocabulary vocabulary(DatasetGraph dsg) {
        Node type = RDF.type.asNode();
        TreeSet<String> exacts = new TreeSet<>(), glosses = new TreeSet<>(), states = new TreeSet<>(), offices = new TreeSet<>(),
                topics = new TreeSet<>(), pubs = new TreeSet<>();
        List<String[]> eventLabels = new ArrayList<>(), personLabels = new ArrayList<>();
        TreeSet<String> eventIris = new TreeSet<>(), personIris = new TreeSet<>();
        // Note markers are dropped: a generated passage quoting （N） would have to cite note N.
        dsg.find(Node.ANY, Node.ANY, OA.exact, Node.ANY).forEachRemaining(
                q -> exacts.add(q.getObject().getLiteralLexicalForm().replaceAll("（\\s*[0-9]+\\s*）", "")));
        dsg.find(Node.ANY, Node.ANY, NPO.gloss, Node.ANY).forEachRemaining(q -> glosses.add(q.getObject().getLiteralLexicalForm()));
        dsg.find(Node.ANY, Node.ANY, type, Node.ANY).forEachRemaining(q -> {
            String c = q.getObject().isURI() ? q.getObject().getURI() : "";
            String s = q.getSubject().isURI() ? q.getSubject().getURI() : "";
            if (!s.startsWith(ID))
                return;
            switch (c.substring(c.indexOf('#') + 1)) {
                case "State" -> states.add(s);
                case "Office" -> offices.add(s);
                case "Publication" -> pubs.add(s);
                case "Person" -> personIris.add(s);
                case "Event", "Summit", "Visit", "Speech", "Conference", "Meeting" -> eventIris.add(s);
                default -> { }
            }
        });
        dsg.find(Node.ANY, Node.ANY, org.apache.jena.graph.NodeFactory.createURI(NPO_NS + "topic"), Node.ANY).forEachRemaining(q -> {
            if (q.getObject().isURI())
                topics.add(q.getObject().getURI());
        });
        for (String iri : eventIris)
            eventLabels.add(enJa(dsg, iri));
        for (String iri : personIris)
            personLabels.add(enJa(dsg, iri));
        return new Vocabulary(List.copyOf(exacts), List.copyOf(glosses), eventLabels, personLabels, List.copyOf(states),
                List.copyOf(offices), List.copyOf(topics), List.copyOf(pubs));
    }

    private static String[] enJa(DatasetGraph dsg, String iri) {
        String[] l = {iri, iri};
        dsg.find(Node.ANY, org.apache.jena.graph.NodeFactory.createURI(iri), RDFS.label.asNode(), Node.ANY).forEachRemaining(q -> {
            Node o = q.getObject();
            if (o.isLiteral() && o.getLiteralLanguage().equals("en"))
                l[0] = o.getLiteralLexicalForm();
            else if (o.isLiteral() && o.getLiteralLanguage().equals("ja"))
                l[1] = o.getLiteralLexicalForm();
        });
        return l;
    }

    private static long count(DatasetGraph dsg) {
        long n = 0;
        for (var it = dsg.find(); it.hasNext(); it.next())
            n++;
        return n;
    }

    /** Removes {@code p} and everything under it, if it exists (Jena's recursive delete). */
    static void deleteTree(Path p) {
        if (Files.exists(p))
            IO.deleteAll(p);
    }

    /** TriG text of one graph block after another, with the number of triples written. */
    private static final class Quads {
        private final StringBuilder sb = new StringBuilder(1 << 16);
        private boolean open;
        long count;

        void graph(String g) {
            if (open)
                sb.append("}\n");
            sb.append("GRAPH <").append(g).append("> {\n");
            open = true;
        }

        void iri(String s, String p, String o) {
            sb.append('<').append(s).append("> <").append(p).append("> <").append(o).append("> .\n");
            count++;
        }

        void lang(String s, String p, String lex, String lang) {
            sb.append('<').append(s).append("> <").append(p).append("> ");
            literal(lex);
            sb.append('@').append(lang).append(" .\n");
            count++;
        }

        void typed(String s, String p, String lex, String xsd) {
            sb.append('<').append(s).append("> <").append(p).append("> ");
            literal(lex);
            sb.append("^^xsd:").append(xsd).append(" .\n");
            count++;
        }

        private void literal(String lex) {
            sb.append('"');
            for (int i = 0; i < lex.length(); i++) {
                char ch = lex.charAt(i);
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
            sb.append('"');
        }

        String text() {
            if (open) {
                sb.append("}\n");
                open = false;
            }
            return sb.toString();
        }
    }
}
