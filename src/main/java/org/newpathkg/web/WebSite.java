package org.newpathkg.web;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Mounts the Linked Data pages, the timeline, the query page, static files and VoID on a Fuseki
 * server being built. Only paths that are not Fuseki's are taken: the home page ({@code ""},
 * exactly the root), the data paths of {@link Site#DATA_PATHS}, {@code /timeline}, {@code /ui},
 * {@code /static/*}, {@code /queries/*} and {@code /.well-known/void}; {@code /newpath/*} and
 * {@code /$/*} stay Fuseki's.
 *
 * <pre>{@code
 * FusekiServer.Builder b = FusekiServer.create()...;
 * WebSite.mount(b, kg.dataset(), null);   // null: absolute URLs from each request's Host
 * }</pre>
 */
public final class WebSite {
    private WebSite() {}

    /** Registers the pages over {@code dataset}; {@code baseUrl} is the public base or null. */
    public static FusekiServer.Builder mount(FusekiServer.Builder builder, DatasetGraph dataset, String baseUrl) {
        WebServlet servlet = new WebServlet(new WebHandler(dataset, new Site(baseUrl)));
        builder.addServlet("", servlet);
        for (String p : Site.DATA_PATHS)
            builder.addServlet(p.equals("ontology") ? "/ontology" : "/" + p + "/*", servlet);
        for (String p : new String[] {"/timeline", "/ui", "/static/*", "/queries/*", "/.well-known/void"})
            builder.addServlet(p, servlet);
        return builder;
    }
}
