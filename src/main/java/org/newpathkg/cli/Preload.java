package org.newpathkg.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.irix.IRIProviderJenaIRI;
import org.apache.jena.irix.SetupJenaIRI;
import org.newpathkg.load.Pipeline;
import org.newpathkg.server.NewpathServer;
import org.slf4j.LoggerFactory;

/**
 * Start-up work of {@code serve} that does not depend on the command line, run in one background
 * thread while the main thread parses the command line, hashes the sources and copies the database:
 * logging's set-up (SLF4J finding its provider, and the simple logger's date format, which loads the
 * JDK's calendar and locale data: 60-100 ms of the main thread's CPU, measured), the libraries' static
 * set-up ({@link Pipeline#initLibraries}: Jena's subsystems and the text index's analyzers, about a
 * fifth of the main thread's start-up CPU), then the server's ({@link NewpathServer#initLibraries}:
 * Jetty's MIME table, which lists every locale of the JVM, another sixth). Measured with JFR in
 * {@code docs/performance.md}.
 * <p>
 * The two threads share the work so that neither waits long for the other: the main thread first
 * sets jena-iri up ({@link #initIri}) while the preload thread sets logging up, and Jetty's step goes
 * to whichever thread is free first ({@link #awaitLibraries}).
 * <p>
 * Why the main thread waits at fixed points ({@link #awaitLogging} before anything that may ask for
 * a logger, {@link #awaitLibraries} before the first use of Jena, {@link #awaitServer} before the first
 * use of Jetty) rather than racing: a logger asked for while another thread sets SLF4J up is a
 * substitute that replays its lines later, with a warning on stderr (the command line's classes and
 * picocli, which the main thread runs meanwhile, ask for none); and two threads that
 * initialise classes of one library at once can deadlock on each other's class-initialisation
 * locks (Jena's classes call {@code JenaSystem.init()} from their static initialisers). Waiting
 * keeps each library's set-up in one thread; the work and its order are what they were, only done
 * earlier and beside the main thread. A failure in the background is rethrown by the wait, so
 * start-up fails as it would have. Without {@link #start} (tests that call {@link Main#run}) the
 * waits return at once and the main thread does the work itself.
 */
final class Preload {
    private static final CompletableFuture<Void> NONE = CompletableFuture.completedFuture(null);
    private static volatile CompletableFuture<Void> logging = NONE;
    private static volatile CompletableFuture<Void> libraries = NONE;
    private static volatile CompletableFuture<Void> server = NONE;
    /** Set by the one thread that runs the server's set-up: the preload thread, or the main thread if it gets there first. */
    private static final AtomicBoolean SERVER_CLAIMED = new AtomicBoolean();

    private Preload() {}

    /** Starts the background set-up (once per JVM). */
    static synchronized void start() {
        if (logging != NONE)
            return;
        CompletableFuture<Void> log = new CompletableFuture<>();
        CompletableFuture<Void> libs = new CompletableFuture<>();
        CompletableFuture<Void> srv = new CompletableFuture<>();
        logging = log;
        libraries = libs;
        server = srv;
        CompletableFuture<Void> iri = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            // Logging first: every later step may log. Jena's set-up starts once the main thread has set jena-iri up.
            if (run(log, LoggerFactory::getILoggerFactory) && run(libs, () -> {
                await(iri);
                Pipeline.initLibraries();
            })) {
                if (SERVER_CLAIMED.compareAndSet(false, true))
                    run(srv, NewpathServer::initLibraries);
            } else {   // the main thread meets the failure at its next wait
                libs.complete(null);
                if (SERVER_CLAIMED.compareAndSet(false, true))
                    srv.complete(null);
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
        run(iri, Preload::initIri);   // on the calling (main) thread, while the preload thread sets logging up
    }

    /**
     * jena-iri's IRI checker as Jena configures it (its scheme rules, violation tables and lexers),
     * which Jena's core set-up builds first: a quarter of the preload thread's Jena set-up (60-85 ms on
     * a cold JVM, measured alone), run by the main thread before it parses the command line. Since
     * the database's copy and Jetty's set-up moved beside Jena's, the preload thread's work was the
     * longer of the two and the main thread waited for it (80-200 ms, {@code -Xlog:class+load}). These
     * classes (jena-iri, and jena-core's {@code IRIProviderJenaIRI} and {@code SetupJenaIRI}, whose
     * static set-up uses only jena-iri and the JDK) are initialised here before the preload thread's
     * Jena set-up begins, which waits for this step: one thread at a time, as for every library here.
     */
    private static void initIri() {
        try {
            Class.forName(IRIProviderJenaIRI.class.getName(), true, IRIProviderJenaIRI.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);   // cannot happen: the class literal loaded it
        }
        // The lexers (host, port, path, query, fragment) set their tables up on their first IRI.
        SetupJenaIRI.iriFactory().create("http://example.org:8080/a/b?c=d#e");
    }

    private static boolean run(CompletableFuture<Void> done, Runnable step) {
        try {
            step.run();
            done.complete(null);
            return true;
        } catch (Throwable e) {
            done.completeExceptionally(e);
            return false;
        }
    }

    /** Returns once logging is set up; call before anything that may ask for a logger. */
    static void awaitLogging() {
        await(logging);
    }

    /**
     * Returns once Jena and the text index are set up; call before the first use of either. A main
     * thread that gets here while the preload thread is still setting Jena up sets Jetty up itself
     * (the server's step, otherwise the preload thread's next) instead of waiting idle: the two
     * threads' work before this point is about even, and which one finishes first varies from one
     * start-up to the next. Jetty's set-up touches no Jena class, and whichever thread claims it
     * runs it alone.
     */
    static void awaitLibraries() {
        CompletableFuture<Void> srv = server;
        if (srv != NONE && !libraries.isDone() && SERVER_CLAIMED.compareAndSet(false, true))
            run(srv, NewpathServer::initLibraries);
        await(libraries);
    }

    /** Returns once Jetty is set up; call before the server is built. */
    static void awaitServer() {
        await(server);
    }

    private static void await(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r)
                throw r;
            if (e.getCause() instanceof Error err)
                throw err;
            throw e;
        }
    }
}
