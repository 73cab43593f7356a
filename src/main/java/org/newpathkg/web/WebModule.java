package org.newpathkg.web;

import java.util.List;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The Linked Data pages as a Fuseki module: {@link #prepare} mounts the home page ({@code ""},
 * exactly the root), the data paths of {@link Site#DATA_PATHS}, {@code /timeline}, {@code /ui},
 * {@code /static/*}, {@code /queries/*}, {@code /.well-known/void}, {@code /robots.txt} and {@code /sitemap.xml}, each behind
 * {@link PageHeaders} (Content-Security-Policy, nosniff, no framing, referrer policy); also
 * {@code /search} ({@link SearchPage}), {@code /complete} ({@link Completion}) and {@code /reconcile/*} ({@link ReconcileServlet}, with its
 * own headers).
 * {@code /newpath/*} and {@code /$/*} stay Fuseki's, with the endpoint's own headers. The server
 * package knows nothing of the pages; the command line composes them:
 *
 * <pre>{@code
 * FusekiServer server = NewpathServer.build(kg.dataset(), config, new WebModule(kg.dataset(), config.baseUrl())).start();
 * }</pre>
 */
public final class WebModule implements FusekiModule {
    /** Paths besides the data paths that the pages' servlet answers. */
    static final List<String> PAGE_PATHS = List.of("/timeline", "/search", "/complete", "/static/*", "/queries/*", "/.well-known/void", "/robots.txt", "/sitemap.xml");
    /** The query editor's paths ({@link EditorServlet}); {@code /static/ui/*} wins over {@code /static/*}. */
    static final List<String> EDITOR_PATHS = List.of("/ui", "/ui/*", "/static/ui/*");

    /** Pages rendered once, in both languages, by {@link #warm}: the home page, an entity, a claim, the timeline. */
    static final List<String> WARM_PAGES = List.of("/", "/id/dprk", "/claim/s5-32", "/timeline");

    private final DatasetGraph dataset;
    private final Site site;
    private volatile WebHandler handler;
    private volatile WebServlet servlet;
    private volatile EditorServlet editor;
    private final Warming warming = new Warming();

    /**
     * Pages over {@code dataset} (the read-only union view the endpoint serves); {@code baseUrl} is
     * the public base ({@code --base-url}) or null, in which case absolute URLs (VoID) use the
     * request's own host once it has been checked to be a host name ({@link Site#root}).
     */
    public WebModule(DatasetGraph dataset, String baseUrl) {
        this.dataset = dataset;
        this.site = new Site(baseUrl);
    }

    @Override
    public String name() {
        return "newpath-web";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        handler = new WebHandler(dataset, site);
        servlet = new WebServlet(handler);
        PageHeaders pages = new PageHeaders(PageHeaders.PAGES);
        builder.addServlet("", servlet);
        builder.addFilter("", pages);
        for (String p : Site.DATA_PATHS) {
            String spec = p.equals("ontology") ? "/ontology" : "/" + p + "/*";
            builder.addServlet(spec, servlet);
            builder.addFilter(spec, pages);
        }
        for (String p : PAGE_PATHS) {
            builder.addServlet(p, servlet);
            builder.addFilter(p, pages);
        }
        // The reconciliation service sets its own headers: its preview is framed by OpenRefine.
        ReconcileServlet reconcile = new ReconcileServlet(dataset, new Finder(dataset), site);
        for (String p : ReconcileServlet.PATHS)
            builder.addServlet(p, reconcile);
        editor = new EditorServlet(dataset, site);
        PageHeaders ui = new PageHeaders(PageHeaders.UI);
        for (String p : EDITOR_PATHS) {
            builder.addServlet(p, editor);
            builder.addFilter(p, ui);
        }
    }

    /**
     * Starts {@link #warm} in a daemon thread of low priority, once; call when the server listens.
     * {@link #stopWarming} stops it before the dataset closes.
     */
    public void startWarming() {
        synchronized (warming) {
            if (warming.thread != null || warming.stopped)
                return;
            warming.thread = new Thread(this::warm, "warm-pages");
            warming.thread.setDaemon(true);
            warming.thread.setPriority(Thread.MIN_PRIORITY);
            warming.thread.start();
        }
    }

    /**
     * Stops the warm-up before the dataset it reads is closed: no page is begun after this call, and
     * it returns once the page being rendered is done (its queries run under the server's time limit)
     * or after {@code limit}. A warm-up still waiting for the first page is interrupted; one that is
     * rendering is not, since an interrupt closes the file channel that TDB2 is reading, under every
     * other reader. Without this, a server stopped while warming closed the dataset under the page's
     * read transaction: TDB2 warned of an active transaction, every later page failed with "dataset
     * closed" and the editor's step ended the thread with an uncaught exception.
     *
     * @return false if the warm-up was still rendering when {@code limit} ran out
     */
    public boolean stopWarming(java.time.Duration limit) throws InterruptedException {
        Thread t;
        synchronized (warming) {
            warming.stopped = true;
            t = warming.thread;
            if (t != null && !warming.rendering)
                t.interrupt();
        }
        if (t == null)
            return true;
        t.join(Math.max(1, limit.toMillis()));
        return !t.isAlive();
    }

    /**
     * Renders the pages a first visitor opens ({@link #WARM_PAGES} and the editor's page and
     * configuration), in both languages, without a socket, so their templates, queries and label
     * lookups are loaded and compiled before later visitors ask. Run by {@link #startWarming} once
     * the server listens; it starts only once the first page has been answered, because on two cores
     * start-up is bound by the CPU of all threads: rendering the home page ahead of the first request
     * took 22-24% of the CPU to the first page and, switched off, the first query and the first page
     * came sooner in every one of four paired start-ups (docs/performance.md, start-up). Without a
     * page request it waits for as long as the server runs, or until {@link #stopWarming}. A page
     * that fails here is only logged, as its visitor would see the error.
     */
    private void warm() {
        WebHandler h = handler;
        WebServlet s = servlet;
        EditorServlet e = editor;
        if (h == null || s == null || e == null)
            return;
        try {
            s.awaitFirstAnswer();
        } catch (InterruptedException ex) {
            return;   // stopped before the first page
        }
        synchronized (warming) {
            if (warming.stopped)
                return;
            warming.rendering = true;   // from here on stopWarming waits rather than interrupts
        }
        for (String lang : Messages.LANGUAGES) {
            for (String path : WARM_PAGES)
                step(path, lang, () -> h.handle(request(path, lang)));
            step("/ui", lang, () -> {
                e.page(request("/ui", lang));
                e.warm(lang);
            });
        }
    }

    /** A visitor's request for the page at {@code path} in {@code lang}, made without a socket. */
    private static Request request(String path, String lang) {
        return new Request(path, java.util.Map.of("lang", lang), "text/html", null, "http://localhost/");
    }

    /** One page of the warm-up, unless the warm-up is stopped; a failure is logged, not thrown. */
    private void step(String path, String lang, Runnable render) {
        synchronized (warming) {
            if (warming.stopped)
                return;
        }
        try {
            render.run();
        } catch (RuntimeException ex) {
            org.slf4j.LoggerFactory.getLogger(WebModule.class).warn("Warming {} ({}) failed: {}", path, lang, ex.toString());
        }
    }

    /** The warm-up's thread and state, and the lock of {@link #startWarming}, {@link #stopWarming} and {@link #warm}. */
    private static final class Warming {
        Thread thread;
        boolean stopped;
        boolean rendering;
    }
}
