package org.newpathkg.cli;

import java.nio.file.Path;

import org.apache.jena.fuseki.main.FusekiServer;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.Plan;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;
import org.newpathkg.server.StartupStats;
import org.newpathkg.web.WebModule;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code serve}: runs the start-up pipeline, then serves the result until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Serve the read-only SPARQL endpoint and the pages (the default command).",
        footer = {"", "A client may lower the timeouts with timeout=SEC or an X-Timeout: SEC header, never raise them."})
final class ServeCommand extends DataCommand {
    /**
     * How long stopping waits for the page being warmed up to finish: its queries run under the
     * server's time limit, and the launching JVM waits {@link Relaunch#STOP_SECONDS} for the whole stop.
     */
    static final java.time.Duration WARM_STOP = java.time.Duration.ofSeconds(10);

    @Option(names = "--tdb2", paramLabel = "DIR",
            description = "keep a TDB2 database and Lucene index in DIR, reused while the sources are unchanged")
    Path tdb2;

    @Option(names = "--skip-validation", description = "benchmarks only: serve without the shapes, integrity and quotation checks (logs a warning)")
    boolean skipValidation;

    @Mixin
    ServeOptions serve;

    @Override
    public Integer call() {
        Preload.awaitLogging();
        Plan plan = data.plan(spec).withTdb2(tdb2).withValidation(!skipValidation);
        ServerConfig config = config(plan.source());
        // The packaged database's copy needs no library: made here while the preload thread sets Jena up.
        Pipeline.prepare(plan);
        KnowledgeGraph kg;
        try {
            Preload.awaitLibraries();
            kg = Pipeline.load(plan);
        } finally {
            Pipeline.abandon();   // a copy made ahead and not opened (start-up failed first) is deleted
        }
        FusekiServer server;
        WebModule web;
        try {
            Preload.awaitServer();
            // The Linked Data pages, the timeline and the query page: a Fuseki module of package web, over the
            // same dataset the endpoint serves (pages run queries too, under the same context); what start-up did, in /$/stats.
            web = new WebModule(kg.dataset(), config.baseUrl());
            server = NewpathServer.build(kg.dataset(), config, web, new StartupStats(kg.report().figures()));
            server.start();
        } catch (RuntimeException | Error e) {
            kg.close();   // its private store is deleted now, not swept at the next start
            if (!(rootCause(e) instanceof java.net.BindException bind))
                throw e;
            // Not a bug of this program: say which address, not a stack trace.
            main.err.println("newpath-kg: cannot listen on " + config.host() + ":" + config.port() + ": " + bind.getMessage());
            return Main.FAILED;
        }
        int port = server.getHttpPort();
        boolean all = config.host().equals("0.0.0.0");
        main.out.println("newpath-kg listening on http://" + (all ? "0.0.0.0" : "127.0.0.1") + ":" + port + NewpathServer.DATASET + "/sparql");
        main.out.println("pages at http://" + (all ? "127.0.0.1" : config.host()) + ":" + port + "/");
        main.out.println("port " + port);
        main.out.flush();
        // After the port line, so the first query does not wait for it: the first pages a visitor opens, rendered once.
        web.startWarming();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);
            // The warm-up reads the dataset outside any request: stopped first, so that nothing reads it when it closes.
            try {
                if (!web.stopWarming(WARM_STOP))
                    log.warn("The page warm-up did not stop within {} s; closing the database under it", WARM_STOP.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                if (!NewpathServer.stop(server, NewpathServer.STOP_GRACE))
                    log.warn("Requests still running {} s after the stop began were cut off", NewpathServer.STOP_GRACE.toSeconds());
            } finally {
                kg.close();
            }
        }, "stop"));
        server.join();
        return Main.OK;
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e)
            e = e.getCause();
        return e;
    }

    /** The configuration, checked before anything is loaded, so a bad flag fails at once. */
    private ServerConfig config(SourceTree src) {
        try {
            return serve.config(src::contentHash);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "a time or size given is too large to count in milliseconds or bytes");
        }
    }
}
