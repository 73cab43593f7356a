package org.newpathkg.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.system.Txn;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.newpathkg.load.Plan;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server side of the benchmark, run in its own JVM: loads one corpus once and serves the
 * same dataset three ways, so they are compared on identical data in one process:
 * <ul>
 * <li>{@code service}: this service as {@code serve} builds it, result cache off;</li>
 * <li>{@code cache}: the same with the result cache on;</li>
 * <li>{@code plain}: a plain {@code FusekiServer} with the dataset added and nothing else;</li>
 * <li>{@code static} (with {@code --static DIR}): Jetty's {@code ResourceHandler} serving files,
 *     the limit a cached answer is compared with.</li>
 * </ul>
 * With {@code --export FILE} it first writes the dataset as N-Quads for the peers in other
 * processes (Virtuoso). Prints {@code ports service=N cache=N plain=N static=N} and the heap in
 * use, then serves until its standard input closes.
 */
@Command(name = "bench-server", mixinStandardHelpOptions = true,
        description = "Serve one corpus three ways for the benchmark: this service, with its cache, and plain Fuseki.")
public final class BenchServer implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "the corpus (a project root)")
    Path data;

    @Option(names = "--tdb2", paramLabel = "DIR", description = "keep the database in DIR, as serve --tdb2 does")
    Path tdb2;

    @Option(names = "--skip-validation", description = "serve without the checks, as serve --skip-validation does")
    boolean skipValidation;

    @Option(names = "--cache-mb", paramLabel = "N", description = "result cache of the cached server (default: ${DEFAULT-VALUE})")
    long cacheMb = 256;

    @Option(names = "--essay", paramLabel = "FILE", description = "the essay for the quotation check, as serve --essay")
    Path essay;

    @Option(names = "--export", paramLabel = "FILE", description = "write every named graph, inferred included, as N-Quads (what export --format nquads writes, unsorted) for the peers")
    Path export;

    @Option(names = "--static", paramLabel = "DIR", description = "also serve the files of DIR with Jetty's ResourceHandler (the static-file baseline)")
    Path staticDir;

    /** Entry point; {@code --help} lists the options. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchServer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean validate = !skipValidation;
        SourceTree src = SourceTree.directory(data);
        long t0 = System.nanoTime();
        KnowledgeGraph kg = Pipeline.load(Plan.of(src).withTdb2(tdb2).withValidation(validate).withEssay(essay));
        System.out.println("loaded-s " + (System.nanoTime() - t0) / 1e9);
        // The stages' times, as serve reports them in /$/stats, for the benchmark's start-up table.
        StringBuilder figures = new StringBuilder("startup");
        kg.report().figures().forEach((k, v) -> {
            if (v instanceof Number || v instanceof Boolean)
                figures.append(' ').append(k).append('=').append(v);
        });
        System.out.println(figures);
        long te = System.nanoTime();
        if (export != null) {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(export), 1 << 16)) {
                StreamRDF w = StreamRDFWriter.getWriterStream(os, RDFFormat.NQUADS);
                w.start();
                Txn.executeRead(kg.dataset(), () -> kg.dataset().find().forEachRemaining(q -> {
                    if (!q.isDefaultGraph())
                        w.quad(q);
                }));
                w.finish();
            }
            System.out.println("export-s " + (System.nanoTime() - te) / 1e9);
        }
        String version = src.contentHash();
        // The benchmark drives the server harder than one client would: no per-client rate limit.
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().overallMs(60_000).oneTrustedClient().build()).build();
        FusekiServer service = NewpathServer.build(kg.dataset(), config).start();
        FusekiServer cache = NewpathServer.build(kg.dataset(),
                config.toBuilder().cacheBytes(cacheMb << 20).dataVersion(version).build()).start();
        FusekiServer plain = FusekiServer.create().port(0).loopback(true).add("/ds", kg.dataset()).build().start();
        Server files = staticDir == null ? null : staticFiles(staticDir);
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("heap-mb " + heap / (1 << 20));
        System.out.println("ports service=" + service.getHttpPort() + " cache=" + cache.getHttpPort() + " plain=" + plain.getHttpPort()
                + (files == null ? "" : " static=" + ((ServerConnector) files.getConnectors()[0]).getLocalPort()));
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our input
        }
        service.stop();
        cache.stop();
        plain.stop();
        if (files != null)
            files.stop();
        kg.close();
        return 0;
    }

    /** Jetty serving the files of {@code dir} on a loopback port: the baseline a cached answer is compared with. */
    static Server staticFiles(Path dir) throws Exception {
        Server server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(dir));
        files.setDirAllowed(false);
        server.setHandler(files);
        server.start();
        return server;
    }
}
