package org.newpathkg.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.newpathkg.Fixtures;

/**
 * The endpoint as a user runs it, shared by the interoperability ITs (one per test JVM): the
 * packaged jar over the real essay data, {@code serve --port 0 --allow-service URL}, where URL is
 * a second local endpoint standing in for Wikidata (fixture triples, {@code wikidata-standin.ttl}).
 * Everything listens on loopback only; both are stopped when the JVM exits.
 */
final class InteropEndpoint {
    /** The real Wikidata query service, as the README's federation example names it. */
    static final String WIKIDATA = "https://query.wikidata.org/sparql";

    private static String sparql, standin;
    private static Process jar;
    private static FusekiServer standinServer;

    private InteropEndpoint() {}

    /** The SPARQL endpoint URL of the running jar, started on first use. */
    static synchronized String sparql() {
        if (sparql == null)
            start();
        return sparql;
    }

    /** The URL of the Wikidata stand-in, allow-listed on {@link #sparql()}. */
    static synchronized String standin() {
        sparql();
        return standin;
    }

    private static void start() {
        DatasetGraph fixture = RDFDataMgr.loadDatasetGraph(Interop.resource("wikidata-standin.ttl").toString());
        standinServer = FusekiServer.create().fusekiModules(FusekiModules.empty()).port(0).loopback(true)
                .add("/wikidata", DataService.newBuilder(fixture).addEndpoint(Operation.Query, "sparql").build())
                .build().start();
        standin = "http://127.0.0.1:" + standinServer.getHttpPort() + "/wikidata/sparql";

        Path jarFile = Fixtures.projectRoot().resolve("target/newpath-kg.jar");
        assertTrue(Files.isRegularFile(jarFile), jarFile + " is missing: the ITs run after `mvn package`");
        try {
            Files.createDirectories(Interop.WORK);
            Path log = Interop.WORK.resolve("endpoint.log");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jarFile.toString(), "serve", "--port", "0", "--allow-service", standin);
            jar = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(InteropEndpoint::stop));
            BufferedReader out = new BufferedReader(new InputStreamReader(jar.getInputStream(), StandardCharsets.UTF_8));
            String port = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; )
                        if (line.startsWith("port "))
                            return line.substring(5).strip();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(240, TimeUnit.SECONDS);
            assertTrue(port != null, "the endpoint exited before listening; see " + log + ":\n" + Files.readString(log));
            sparql = "http://127.0.0.1:" + port + "/newpath/sparql";
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) { /* keep the pipe from filling */ }
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the endpoint: " + e, e);
        }
    }

    private static synchronized void stop() {
        if (jar != null)
            jar.destroy();
        if (standinServer != null)
            standinServer.stop();
    }
}
