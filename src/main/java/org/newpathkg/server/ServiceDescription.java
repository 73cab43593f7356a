package org.newpathkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;
import org.newpathkg.vocab.Prefixes;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The SPARQL 1.1 Service Description answered on {@code GET /newpath/sparql} without a query:
 * stock Fuseki gives 404 there, and Comunica recognises a SPARQL endpoint by this document.
 * It lists the result formats, the union default graph, the named graphs and the
 * {@code text:query} feature, and the prefixes of the data as SHACL prefix declarations
 * ({@code sh:declare}), which query editors read to offer them. Turtle by default; JSON-LD,
 * RDF/XML or N-Triples by Accept.
 */
public final class ServiceDescription implements Filter {
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    static final String FORMATS = "http://www.w3.org/ns/formats/";
    static final String VOID = "http://rdfs.org/ns/void#";
    /** The jena-text property function, advertised as a feature. */
    static final String TEXT_QUERY = "http://jena.apache.org/text#query";
    /** SHACL, for its prefix declaration vocabulary ({@code sh:declare}, {@code sh:prefix}, {@code sh:namespace}). */
    static final String SH = "http://www.w3.org/ns/shacl#";

    private final DatasetGraph dataset;
    private volatile List<Node> graphNames;

    /** Describes {@code dataset}; its graph names are read once, on first request. */
    public ServiceDescription(DatasetGraph dataset) {
        this.dataset = dataset;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                || (request.getQueryString() != null && !request.getQueryString().isEmpty())) {
            chain.doFilter(req, res);
            return;
        }
        RDFFormat fmt = choose(request.getHeader("Accept"));
        Graph g = describe(request.getRequestURL().toString(), names());
        response.setStatus(200);
        response.setContentType(fmt.getLang().getContentType().getContentTypeStr());
        response.setCharacterEncoding("UTF-8");
        if ("HEAD".equals(request.getMethod()))
            return;
        try (OutputStream out = response.getOutputStream()) {
            RDFWriter.source(g).format(fmt).output(out);
        }
    }

    private List<Node> names() {
        if (graphNames == null) {
            graphNames = Txn.calculateRead(dataset, () -> {
                List<Node> out = new ArrayList<>();
                dataset.listGraphNodes().forEachRemaining(out::add);
                out.sort((a, b) -> a.toString().compareTo(b.toString()));
                return out;
            });
        }
        return graphNames;
    }

    static RDFFormat choose(String accept) {
        String a = accept == null ? "" : accept.toLowerCase();
        if (a.contains("application/ld+json"))
            return RDFFormat.JSONLD;
        if (a.contains("application/rdf+xml"))
            return RDFFormat.RDFXML;
        if (a.contains("application/n-triples"))
            return RDFFormat.NTRIPLES;
        return RDFFormat.TURTLE;
    }

    /** The description of the endpoint at {@code endpointURL} serving the graphs {@code names}. */
    public static Graph describe(String endpointURL, List<Node> names) {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("sd", SD).setNsPrefix("formats", FORMATS)
                .setNsPrefix("rdfs", RDFS.getURI()).setNsPrefix("text", "http://jena.apache.org/text#");
        Node service = NodeFactory.createURI(endpointURL);
        g.add(service, RDF.type.asNode(), sd("Service"));
        g.add(service, sd("endpoint"), service);
        g.add(service, RDFS.label.asNode(), NodeFactory.createLiteralString("newpath-kg read-only SPARQL endpoint"));
        g.add(service, sd("supportedLanguage"), sd("SPARQL11Query"));
        for (String f : List.of("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads"))
            g.add(service, sd("resultFormat"), NodeFactory.createURI(FORMATS + f));
        g.add(service, sd("feature"), sd("UnionDefaultGraph"));
        Node text = NodeFactory.createURI(TEXT_QUERY);
        g.add(service, sd("feature"), text);
        g.add(text, RDFS.comment.asNode(), NodeFactory.createLiteralString(
                "Full-text search (Apache Jena text:query) over labels, alternative labels, quotations (oa:exact), "
                + "glosses and note texts; pass \"lang:ja\" (kuromoji) or \"lang:en\" (stemming)."));
        Node dataset = NodeFactory.createBlankNode();
        Node dflt = NodeFactory.createBlankNode();
        g.add(service, sd("defaultDataset"), dataset);
        g.add(dataset, RDF.type.asNode(), sd("Dataset"));
        g.add(dataset, sd("defaultGraph"), dflt);
        g.add(dflt, RDF.type.asNode(), sd("Graph"));
        g.add(dflt, RDFS.comment.asNode(), NodeFactory.createLiteralString("The union of all named graphs."));
        for (Node name : names) {
            Node ng = NodeFactory.createBlankNode();
            g.add(dataset, sd("namedGraph"), ng);
            g.add(ng, RDF.type.asNode(), sd("NamedGraph"));
            g.add(ng, sd("name"), name);
        }
        declarePrefixes(g, service);
        return g;
    }

    /** Adds {@code subject sh:declare [ sh:prefix "npo" ; sh:namespace "..."^^xsd:anyURI ]} for each of {@link Prefixes#ALL}. */
    public static void declarePrefixes(Graph g, Node subject) {
        g.getPrefixMapping().setNsPrefix("sh", SH).setNsPrefix("xsd", XSD.getURI());
        for (Map.Entry<String, String> e : Prefixes.ALL.entrySet()) {
            Node decl = NodeFactory.createBlankNode();
            g.add(subject, NodeFactory.createURI(SH + "declare"), decl);
            g.add(decl, NodeFactory.createURI(SH + "prefix"), NodeFactory.createLiteralString(e.getKey()));
            g.add(decl, NodeFactory.createURI(SH + "namespace"), NodeFactory.createLiteralDT(e.getValue(), XSDDatatype.XSDanyURI));
        }
    }

    private static Node sd(String local) {
        return NodeFactory.createURI(SD + local);
    }
}
