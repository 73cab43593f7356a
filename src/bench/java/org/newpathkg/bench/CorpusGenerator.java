package org.newpathkg.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.jena.atlas.io.IO;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.SourceTree;
import org.newpathkg.vocab.Graphs;
import org.newpathkg.vocab.NPO;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a corpus of at least N asserted triples as a project the service loads and validates
 * like the real one: every file of the real project unchanged ({@code ontology/}, {@code queries/},
 * whatever else is there), plus whole copies of the real data set, each under fresh IRIs, in
 * {@code ontology/essay/copy-NNNN.trig}.
 * <p>
 * A copy is every quad of the real {@code ontology/essay/*.trig} with each of the project's own
 * IRIs renamed: {@code …/claim/s5-19} becomes {@code …/claim/copy-0001/s5-19}, and likewise every
 * IRI under {@code https://w3id.org/newpath-kg/} except the ontology's terms, the layout's graph
 * names and the IRIs the schema files state something about, which all copies share. Literals,
 * outside IRIs (Wikidata, W3C vocabularies) and the structure between nodes stay as they are; blank
 * nodes are fresh in each copy (one file each). So a copy is the real data set again, isolated
 * from the others: any shape or check the real data passes, whatever it looks at, the corpus
 * passes too, with no knowledge of today's structure here. The quotations are the essay's own, so
 * even the quotation check holds against the real essay. {@code CorpusGeneratorTest} validates a
 * small corpus with the real {@code load.Validation} in {@code mvn verify}.
 * <p>
 * Deterministic: the same source and size give byte-identical files. A size below the real data's
 * gives the real project alone.
 *
 * <pre>
 * java -cp target/newpath-kg.jar:target/test-classes org.newpathkg.bench.CorpusGenerator --triples 1M --out target/corpus/1M
 * </pre>
 */
public final class CorpusGenerator {
    /** The project's IRIs; under it, a copy's IRIs get a segment of their own. */
    static final String BASE = "https://w3id.org/newpath-kg/";
    /** The name of copy {@code k}'s file and of the path segment its IRIs carry. */
    static final String COPY = "copy-%04d";

    /** The command line of the generator alone (the benchmark calls {@link #generate} directly). */
    @Command(name = "corpus-generator", mixinStandardHelpOptions = true,
            description = "Write a corpus of copies of the real data set under fresh IRIs, as a project the service loads.")
    static final class Cli implements Callable<Integer> {
        @Option(names = "--triples", paramLabel = "N", converter = Size.class,
                description = "at least this many asserted triples, real data included: 10k, 1M, ... (default: ${DEFAULT-VALUE})")
        long triples = 100_000;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the corpus folder, emptied first")
        Path out;

        @Option(names = "--from", paramLabel = "DIR", description = "the real project root (default: ${DEFAULT-VALUE})")
        Path from = Path.of(".");

        @Override
        public Integer call() throws IOException {
            Result r = generate(from, out, triples);
            System.out.println("Wrote " + r.copies() + " copies of the real data, " + r.asserted() + " asserted triples, to " + out);
            return 0;
        }
    }

    /** Entry point; see the class comment and {@code --help}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    /**
     * What a run wrote.
     *
     * @param copies     copies of the real data set besides the real one
     * @param perCopy    asserted quads each copy adds
     * @param asserted   asserted quads of the corpus, the ontology's included
     */
    public record Result(int copies, long perCopy, long asserted) {}

    private final List<Quad> data;
    private final Set<String> shared;

    private CorpusGenerator(List<Quad> data, Set<String> shared) {
        this.data = data;
        this.shared = shared;
    }

    /**
     * Writes a corpus of at least {@code triples} asserted triples (the real project's included) to
     * {@code out}, which is emptied first: the real project, then as many copies as it takes.
     */
    public static Result generate(Path projectRoot, Path out, long triples) throws IOException {
        SourceTree src = SourceTree.directory(projectRoot);
        DataLoader.Loaded real = DataLoader.load(src);   // the real data must load, or nothing is written
        long realQuads = count(real.dataset().find());

        CorpusGenerator g = new CorpusGenerator(dataQuads(src), sharedIris(real));
        deleteTree(out);
        for (String f : src.all()) {
            Path dest = out.resolve(f);
            Files.createDirectories(dest.getParent());
            try (InputStream in = src.open(f)) {
                Files.copy(in, dest);
            }
        }
        long perCopy = g.renamedQuads();
        int copies = perCopy <= 0 ? 0 : (int) Math.max(0, (triples - realQuads + perCopy - 1) / perCopy);
        for (int k = 1; k <= copies; k++)
            g.write(k, out.resolve("ontology/essay/" + String.format(COPY, k) + ".trig"));
        return new Result(copies, perCopy, realQuads + (long) copies * perCopy);
    }

    /**
     * Every distinct quad of the real {@code ontology/essay/*.trig}, file by file in the order the
     * loader reads them (so the output is deterministic), blank nodes as the parser made them.
     */
    private static List<Quad> dataQuads(SourceTree src) throws IOException {
        LinkedHashSet<Quad> quads = new LinkedHashSet<>();
        for (String f : src.list("ontology/essay/", ".trig")) {
            try (InputStream in = src.open(f)) {
                RDFParser.source(in).lang(Lang.TRIG).base(BASE).parse(new StreamRDFBase() {
                    @Override
                    public void quad(Quad q) {
                        quads.add(q);
                    }
                });
            }
        }
        return new ArrayList<>(quads);
    }

    /**
     * The project IRIs every copy shares: the ontology graph's (its terms, schemes and anything
     * else the schema files state or mention), the layout's graph names.
     */
    private static Set<String> sharedIris(DataLoader.Loaded real) {
        Set<String> shared = new HashSet<>();
        real.dataset().find(Graphs.ONTOLOGY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            for (Node n : new Node[] {q.getSubject(), q.getPredicate(), q.getObject()})
                if (n.isURI())
                    shared.add(n.getURI());
        });
        return shared;
    }

    /**
     * The quads each copy adds: those with a renamed node (a quad of outside IRIs and literals only
     * would be the same in every copy, and a dataset holds it once).
     */
    long renamedQuads() {
        String tag = String.format(COPY, 1);
        return data.stream().filter(q -> !rename(q.getGraph(), tag).equals(q.getGraph()) || !rename(q.getSubject(), tag).equals(q.getSubject())
                || !rename(q.getObject(), tag).equals(q.getObject()) || q.getSubject().isBlank() || q.getObject().isBlank()).count();
    }

    /** The name of {@code n} in copy {@code tag}: a project IRI gets the copy's segment, anything else is itself. */
    Node rename(Node n, String tag) {
        if (!n.isURI())
            return n;
        String u = n.getURI();
        if (!u.startsWith(BASE) || u.startsWith(NPO.NS) || u.startsWith(Graphs.NS) || shared.contains(u))
            return n;
        int slash = u.indexOf('/', BASE.length());
        int at = slash < 0 ? BASE.length() : slash + 1;   // after the first segment (claim/, id/, note/ ...)
        return NodeFactory.createURI(u.substring(0, at) + tag + "/" + u.substring(at));
    }

    /** Writes copy {@code k} as TriG, one GRAPH block per run of quads in one graph. */
    private void write(int k, Path file) throws IOException {
        String tag = String.format(COPY, k);
        Map<Node, String> blanks = new HashMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Copy " + k + " of the real data set under fresh IRIs (src/bench/java/.../CorpusGenerator); generated, not edited.\n");
            Node open = null;
            for (Quad q : data) {
                Node g = rename(q.getGraph(), tag);
                if (!g.equals(open)) {
                    if (open != null)
                        w.write("}\n");
                    w.write("GRAPH " + NodeFmtLib.strNT(g) + " {\n");
                    open = g;
                }
                w.write(term(rename(q.getSubject(), tag), blanks));
                w.write(' ');
                w.write(term(q.getPredicate(), blanks));
                w.write(' ');
                w.write(term(rename(q.getObject(), tag), blanks));
                w.write(" .\n");
            }
            if (open != null)
                w.write("}\n");
        }
    }

    /** N-Triples form of a term; a blank node is labelled by first appearance in this copy (deterministic). */
    private static String term(Node n, Map<Node, String> blanks) {
        if (n.isBlank())
            return blanks.computeIfAbsent(n, b -> "_:b" + blanks.size());
        return NodeFmtLib.strNT(n);
    }

    private static long count(java.util.Iterator<?> it) {
        long n = 0;
        for (; it.hasNext(); it.next())
            n++;
        return n;
    }

    /** Removes {@code p} and everything under it, if it exists (Jena's recursive delete). */
    static void deleteTree(Path p) {
        if (Files.exists(p))
            IO.deleteAll(p);
    }
}
