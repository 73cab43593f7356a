package org.newpathkg.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIx;
import org.apache.jena.irix.IRIxResolver;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParserRegistry;
import org.apache.jena.riot.RIOT;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfileStd;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.SyntaxLabels;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.newpathkg.vocab.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parse phase: reads the project's RDF files into an in-memory dataset laid out in named
 * graphs, and the SHACL shapes into a graph of their own (shapes are not served).
 * <ul>
 * <li>{@code ontology/*.ttl} except {@code shapes.ttl} → graph {@link Graphs#ONTOLOGY};</li>
 * <li>{@code ontology/shapes.ttl} → {@link Loaded#shapes()};</li>
 * <li>{@code ontology/essay/*.trig} → the graphs their GRAPH blocks name, which must be
 *     entities, essay, claims or a claim IRI; a triple outside a GRAPH block is an error.</li>
 * </ul>
 * Every error is a {@link DataException} whose message starts {@code file:line:col:}: invalid
 * UTF-8 included ({@link StrictUtf8}). Before any file is parsed, the files {@link Manifest}
 * lists must all be there.
 */
public final class DataLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);

    /** Base for the (discouraged) relative IRIs in data files. */
    static final String BASE = "https://w3id.org/newpath-kg/";
    /** The shapes file; everything else under ontology/ is data. */
    public static final String SHAPES = "ontology/shapes.ttl";

    /** The parsed files. {@code dataset} is a plain in-memory dataset, not yet validated. */
    public record Loaded(DatasetGraph dataset, Graph shapes, int files) {}

    private DataLoader() {}

    /** Parses every data file of {@code src}; throws {@link DataException} on the first syntax error. */
    public static Loaded load(SourceTree src) {
        // Validation and inference read the union of all graphs: keep it indexed as one graph.
        DatasetGraph dsg = new IndexedUnion(DatasetGraphFactory.createGeneral());
        int files = stream(src, StreamRDFLib.dataset(dsg));
        Graph shapes = GraphFactory.createDefaultGraph();
        if (src.list("ontology/", ".ttl").contains(SHAPES)) {
            parse(src, SHAPES, Lang.TURTLE, new IntoStream(StreamRDFLib.graph(shapes), null));
            files++;
        }
        return new Loaded(dsg, shapes, files);
    }

    /**
     * Parses every data file of {@code src} straight into {@code dest} as quads (Turtle files into
     * {@link Graphs#ONTOLOGY}; the shapes are skipped), with the same syntax and layout checks as
     * {@link #load}: for data too large to hold in memory, streamed into the TDB2 bulk loader.
     * Returns the number of files read.
     */
    public static int stream(SourceTree src, StreamRDF dest) {
        int files = 0;
        List<String> ttl = src.list("ontology/", ".ttl");
        if (ttl.isEmpty())
            throw new DataException("No ontology/*.ttl found in " + src.describe()
                    + ": pass --data with the project root (the folder that contains ontology/)");
        List<String> missing = Manifest.read(src).missingFiles(src);
        if (!missing.isEmpty())
            throw new DataException(missing.size() + " file(s) of " + Manifest.FILE + " missing from " + src.describe()
                    + "; the data is not served with part of it gone:", missing);
        for (String f : ttl) {
            if (!f.equals(SHAPES)) {
                parse(src, f, Lang.TURTLE, new IntoStream(dest, Graphs.ONTOLOGY));
                files++;
            }
        }
        for (String f : src.list("ontology/essay/", ".trig")) {
            parse(src, f, Lang.TRIG, new IntoStream(dest, null));
            files++;
        }
        return files;
    }

    /** Parses one Turtle file into a graph (shapes, fixtures, tests). */
    public static Graph parseGraph(SourceTree src, String file) {
        Graph g = GraphFactory.createDefaultGraph();
        parse(src, file, Lang.TURTLE, new IntoStream(StreamRDFLib.graph(g), null));
        return g;
    }

    private static void parse(SourceTree src, String file, Lang lang, StreamRDF into) {
        // An emptied or zero-length file parses cleanly; loading it would serve a graph with a
        // whole file missing, so a data file must state something.
        long[] statements = {0};
        StreamRDF dest = new org.apache.jena.riot.system.StreamRDFWrapper(into) {
            @Override
            public void triple(Triple t) {
                statements[0]++;
                super.triple(t);
            }

            @Override
            public void quad(Quad q) {
                statements[0]++;
                super.quad(q);
            }
        };
        parseInto(src, file, lang, dest);
        if (statements[0] == 0)
            throw new DataException(file + ": no triples; an empty data file is refused (truncated or emptied by mistake?). "
                    + "Delete the file if it is meant to go.");
    }

    private static void parseInto(SourceTree src, String file, Lang lang, StreamRDF dest) {
        ErrorHandler errors = new FileErrorHandler(file);
        IRIxResolver resolver = IRIxResolver.create(IRIx.create(BASE)).resolve(true).allowRelative(false).build();
        LabelToNode labels = SyntaxLabels.createLabelToNode();
        ParserProfileStd profile = new GraphCheckingProfile(file, lang, RiotLib.factoryRDF(labels), errors, resolver);
        try (InputStream in = new StrictUtf8(src.open(file), file)) {
            RDFParserRegistry.getFactory(lang).create(lang, profile)
                             .read(in, BASE, lang.getContentType(), dest, RIOT.getContext().copy());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " from " + src.describe(), e);
        }
    }

    /** Makes every parser message {@code file:line:col: message}; errors stop the load. */
    private static final class FileErrorHandler implements ErrorHandler {
        private final String file;

        FileErrorHandler(String file) {
            this.file = file;
        }

        @Override
        public void warning(String message, long line, long col) {
            LOG.warn(where(file, line, col) + message);
        }

        @Override
        public void error(String message, long line, long col) {
            throw new DataException(where(file, line, col) + message);
        }

        @Override
        public void fatal(String message, long line, long col) {
            throw new DataException(where(file, line, col) + message);
        }
    }

    static String where(String file, long line, long col) {
        if (line < 0)
            return file + ": ";
        return file + ":" + line + (col < 0 ? "" : ":" + col) + ": ";
    }

    /**
     * Sees each quad with its position: in TriG a triple outside a GRAPH block arrives here as
     * a quad in the default graph, which the data layout forbids, and so are graph names
     * outside the layout.
     */
    private static final class GraphCheckingProfile extends ParserProfileStd {
        private final String file;
        private final Lang lang;

        GraphCheckingProfile(String file, Lang lang, org.apache.jena.riot.system.FactoryRDF factory,
                             ErrorHandler errors, IRIxResolver resolver) {
            super(factory, errors, resolver, PrefixMapFactory.create(), RIOT.getContext().copy(), true, false);
            this.file = file;
            this.lang = lang;
        }

        @Override
        public Quad createQuad(Node graph, Node s, Node p, Node o, long line, long col) {
            if (lang == Lang.TRIG) {
                if (graph == null || Quad.isDefaultGraph(graph))
                    throw new DataException(where(file, line, col)
                            + "triple outside a GRAPH block; every triple in ontology/essay/*.trig must be inside "
                            + "GRAPH <https://w3id.org/newpath-kg/graph/...> { } or GRAPH <claim IRI> { }");
                if (!allowedGraph(graph))
                    throw new DataException(where(file, line, col) + "graph " + graph
                            + " is not part of the data layout; use the entities, essay, claims or arguments graph or a claim IRI ("
                            + Graphs.CLAIM_NS + "...)");
            }
            return super.createQuad(graph, s, p, o, line, col);
        }
    }

    static boolean allowedGraph(Node g) {
        if (!g.isURI())
            return false;
        return g.equals(Graphs.ENTITIES) || g.equals(Graphs.ESSAY) || g.equals(Graphs.CLAIMS) || g.equals(Graphs.ARGUMENTS)
                || (g.getURI().startsWith(Graphs.CLAIM_NS) && g.getURI().length() > Graphs.CLAIM_NS.length());
    }

    /**
     * Statements pass on to {@code dest} (a dataset, a graph or the bulk loader); the triples of a
     * Turtle file become quads in {@code graph} when one is given. Prefix and base declarations are
     * dropped, as they always were: the data's prefixes are {@code vocab.Prefixes}, not each file's.
     */
    private static final class IntoStream extends StreamRDFBase {
        private final StreamRDF dest;
        private final Node graph;

        IntoStream(StreamRDF dest, Node graph) {
            this.dest = dest;
            this.graph = graph;
        }

        @Override
        public void triple(Triple t) {
            if (graph == null)
                dest.triple(t);
            else
                dest.quad(Quad.create(graph, t));
        }

        @Override
        public void quad(Quad quad) {
            dest.quad(quad);
        }
    }
}
