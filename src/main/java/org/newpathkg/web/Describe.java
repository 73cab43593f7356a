package org.newpathkg.web;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.newpathkg.rdf.SparqlResource;
import org.newpathkg.vocab.Graphs;
import org.newpathkg.vocab.Prefixes;

/**
 * The RDF answer for a resource, a bounded DESCRIBE written as CONSTRUCT queries
 * ({@code Describe.*.rq}): the triples about it in every graph, the triples of its hash IRIs
 * ({@code #target}, {@code #quote}, the ontology's terms), for a claim the triples of its own
 * graph, and a page of the links to it. TriG and N-Quads keep each triple in its graph; the
 * triple formats merge them. A named graph of the fixed layout ({@code …/graph/…}) is described
 * by its size and where to download it, not copied.
 */
final class Describe {
    /** Triples per part and page; a resource with more gets {@code ?page=} links. */
    static final int LIMIT = 2000;
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";

    private Describe() {}

    /** True when {@code iri} is a subject, object or graph name of {@code ds}. */
    static boolean exists(DatasetGraph ds, Node iri) {
        try (QueryExec qe = QueryExec.dataset(ds).query(SparqlResource.query(Describe.class, "exists"))
                .substitution("this", iri).build()) {
            return qe.ask();
        }
    }

    /** The description; {@code hasMore[0]} is set when a later page exists. */
    static DatasetGraph describe(DatasetGraph ds, Node iri, int page, String base, boolean[] hasMore) {
        DatasetGraph out = DatasetGraphFactory.createGeneral();
        out.prefixes().putAll(Prefixes.mapping());
        boolean more = add(ds, out, "outbound", iri, page);
        more |= add(ds, out, "hash", iri, page);
        if (iri.getURI().startsWith(Graphs.CLAIM_NS))
            more |= add(ds, out, "graph", iri, page);
        more |= add(ds, out, "inbound", iri, page);
        if (iri.getURI().startsWith(Graphs.NS))
            graphSize(ds, out, iri, base);
        hasMore[0] = more;
        return out;
    }

    /** Adds one part, one page of it; true when the part has more. */
    private static boolean add(DatasetGraph ds, DatasetGraph out, String part, Node iri, int page) {
        Query q = SparqlResource.query(Describe.class, part);
        q.setLimit(LIMIT + 1);
        q.setOffset((long) page * LIMIT);
        try (QueryExec qe = QueryExec.dataset(ds).query(q).substitution("this", iri).build()) {
            Iterator<Quad> it = qe.constructQuads();
            int n = 0;
            while (it.hasNext()) {
                Quad quad = it.next();
                if (++n > LIMIT)
                    return true;
                out.add(quad);
            }
        }
        return false;
    }

    private static void graphSize(DatasetGraph ds, DatasetGraph out, Node g, String base) {
        List<Sparql.Row> rows = Sparql.select(ds, Describe.class, "size", Map.of("this", g), -1, 0);
        Node meta = Quad.defaultGraphIRI;
        out.add(meta, g, RDF.type.asNode(), NodeFactory.createURI(SD + "NamedGraph"));
        out.add(meta, g, NodeFactory.createURI(SD + "name"), g);
        if (!rows.isEmpty() && rows.get(0).get("triples") != null) {
            out.add(meta, g, NodeFactory.createURI(VOID + "triples"), rows.get(0).get("triples"));
            out.add(meta, g, NodeFactory.createURI(VOID + "distinctSubjects"), rows.get(0).get("subjects"));
        }
        out.add(meta, g, NodeFactory.createURI(VOID + "dataDump"), NodeFactory.createURI(
                base + "newpath/get?graph=" + java.net.URLEncoder.encode(g.getURI(), java.nio.charset.StandardCharsets.UTF_8)));
        out.prefixes().add("void", VOID);
        out.prefixes().add("sd", SD);
    }

    /** {@code d} written in {@code fmt}; triple formats get the union of its graphs. */
    static byte[] write(DatasetGraph d, Conneg.Format fmt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (fmt.quads()) {
            RDFWriter.source(d).format(fmt.rdf).output(bytes);
        } else {
            Graph g = GraphFactory.createDefaultGraph();
            g.getPrefixMapping().setNsPrefixes(Prefixes.ALL);
            d.prefixes().forEach((p, ns) -> g.getPrefixMapping().setNsPrefix(p, ns));
            d.find().forEachRemaining(q -> g.add(q.asTriple()));
            RDFWriter.source(g).format(fmt.rdf).output(bytes);
        }
        return bytes.toByteArray();
    }

    /** A typed integer, for counts written into descriptions. */
    static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
