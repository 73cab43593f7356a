package org.newpathkg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * Answers one request for a page, a resource, a static file or the VoID document, without a
 * socket: {@link WebServlet} only copies the {@link Response} out. Read only: every page is
 * computed from the dataset in a read transaction.
 *
 * <pre>{@code
 * WebHandler h = new WebHandler(kg.dataset(), new Site(null));
 * Response r = h.handle(Request.of("/id/dprk", Map.of("format", "ttl")));
 * }</pre>
 */
public final class WebHandler {
    private static final Map<String, String> STATIC = Map.of(
            "site.css", "text/css", "favicon.svg", "image/svg+xml");

    private final DatasetGraph dataset;
    private final Site site;
    private final Finder finder;
    private final Completion completion;
    /** The named graphs and their sizes for VoID: the data is read only, so counted once; the base is added per request. */
    private volatile List<Sparql.Row> voidGraphs;
    private final Crawlers crawlers;

    /** Pages over {@code dataset} (read-only, union default graph), with IRIs mapped by {@code site}. */
    public WebHandler(DatasetGraph dataset, Site site) {
        this.dataset = dataset;
        this.site = site;
        this.crawlers = new Crawlers(dataset, site);
        this.finder = new Finder(dataset);
        this.completion = new Completion(dataset, finder);
    }

    /** The answer to a GET (or HEAD) of {@code req}. */
    public Response handle(Request req) {
        String path = req.path().isEmpty() ? "/" : req.path();
        PageContext ctx = new PageContext(req, site);
        if (path.equals("/"))
            return html(200, Txn.calculateRead(dataset, () -> HomePage.render(dataset, ctx)));
        if (path.equals("/timeline"))
            return html(200, Txn.calculateRead(dataset, () -> TimelinePage.render(dataset, ctx)));
        if (path.equals("/search"))
            return SearchPage.handle(dataset, finder, ctx);
        if (path.equals("/complete"))
            return completion.handle(ctx);
        if (path.startsWith("/static/"))
            return staticFile(path.substring("/static/".length()));
        if (path.startsWith("/queries/") && path.endsWith(".rq"))
            return example(path.substring("/queries/".length(), path.length() - 3));
        if (path.equals("/robots.txt"))
            return Response.text(200, "text/plain", Crawlers.robots(site.base(req.root()))).header("Cache-Control", "max-age=3600");
        if (path.equals("/sitemap.xml"))
            return Response.text(200, "application/xml", crawlers.sitemap(site.base(req.root()))).header("Cache-Control", "max-age=3600");
        if (path.equals("/.well-known/void"))
            return voidDocument(req);
        Node iri = site.iriForPath(path);
        if (iri == null)
            return notFound(ctx);
        return resource(req, ctx, iri);
    }

    private Response resource(Request req, PageContext ctx, Node iri) {
        Conneg.Format fmt;
        try {
            fmt = Conneg.choose(req.param("format", null), req.accept());
        } catch (Conneg.UnknownFormat e) {
            return Response.text(400, "text/plain", e.getMessage() + "\n");
        }
        if (fmt == null)
            return Response.text(406, "text/plain", "None of the formats this resource comes in is acceptable by the Accept header; "
                    + "ask for text/html, text/turtle, application/ld+json, application/n-triples, application/trig or application/n-quads.\n");
        Response r = Txn.calculateRead(dataset, () -> {
            if (!Describe.exists(dataset, iri))
                return null;
            if (fmt == Conneg.Format.HTML)
                return html(200, ResourcePage.render(dataset, iri, ctx));
            boolean[] more = {false};
            byte[] body = Describe.write(Describe.describe(dataset, iri, req.page(), site.base(req.root()), more), fmt);
            Response out = new Response(200, fmt.mediaType + "; charset=utf-8", new LinkedHashMap<>(), body);
            if (more[0])
                out.header("Link", "<" + req.path() + "?format=" + fmt.shortName + "&page=" + (req.page() + 1) + ">; rel=\"next\"");
            return out;
        });
        if (r == null)
            return fmt == Conneg.Format.HTML ? notFound(ctx)
                    : Response.text(404, "text/plain", "No resource <" + iri.getURI() + "> in this graph.\n");
        r.header("Vary", "Accept, Accept-Language");
        StringBuilder links = new StringBuilder();
        for (Conneg.Format f : Conneg.Format.values())
            if (f != fmt)
                links.append(links.length() == 0 ? "" : ", ").append('<').append(req.path()).append("?format=").append(f.shortName)
                     .append(">; rel=\"alternate\"; type=\"").append(f.mediaType).append('"');
        r.headers().merge("Link", links.toString(), (a, b) -> a + ", " + b);
        return r;
    }

    private Response voidDocument(Request req) {
        Conneg.Format fmt;
        try {
            fmt = Conneg.choose(req.param("format", null), req.accept());
        } catch (Conneg.UnknownFormat e) {
            return Response.text(400, "text/plain", e.getMessage() + "\n");
        }
        if (fmt == null || fmt == Conneg.Format.HTML || fmt.quads())
            fmt = Conneg.Format.TURTLE;
        String base = site.base(req.root());
        List<Sparql.Row> graphs = voidGraphs;
        if (graphs == null)
            voidGraphs = graphs = Txn.calculateRead(dataset, () -> VoidDescription.graphs(dataset));
        Graph g = VoidDescription.build(graphs, base);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RDFWriter.source(g).format(fmt.rdf).output(out);
        return new Response(200, fmt.mediaType + "; charset=utf-8", new LinkedHashMap<>(), out.toByteArray()).header("Vary", "Accept");
    }

    private static Response html(int status, String page) {
        return Response.text(status, "text/html", page);
    }

    private static Response notFound(PageContext ctx) {
        String path = ctx.req.path().length() > 300 ? ctx.req.path().substring(0, 300) + "…" : ctx.req.path();
        return html(404, Templates.render("notfound.jte", new View.NotFoundView(ctx.frame(ctx.t("notfound"), null, List.of(), false), path)));
    }

    private static Response staticFile(String name) {
        String type = STATIC.get(name);
        if (type == null)
            return Response.text(404, "text/plain", "No such static file.\n");
        try (InputStream in = WebHandler.class.getResourceAsStream(name)) {
            return new Response(200, type + "; charset=utf-8", new LinkedHashMap<>(), in.readAllBytes())
                    .header("Cache-Control", "max-age=3600");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response example(String name) {
        String text = QueryLibrary.text(name);
        if (text == null)
            return Response.text(404, "text/plain", "No example query of that name in the library; the home page lists them.\n");
        return Response.text(200, "text/plain", text);
    }
}
