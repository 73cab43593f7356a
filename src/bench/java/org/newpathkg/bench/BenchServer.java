package org.newpathkg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.fuseki.main.FusekiServer;
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
 * <li>{@code plain}: a plain {@code FusekiServer} with the dataset added and nothing else.</li>
 * </ul>
 * Prints {@code ports service=N cache=N plain=N} and the heap in use, then serves until its
 * standard input closes.
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

    /** Entry point; {@code --help} lists the options. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchServer()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        boolean validate = !skipValidation;
        SourceTree src = SourceTree.directory(data);
        KnowledgeGraph kg = Pipeline.load(src, tdb2, validate);
        String version = src.contentHash();
        // The benchmark drives the server harder than one client would: no per-client rate limit.
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().overallMs(60_000).oneTrustedClient().build()).build();
        FusekiServer service = NewpathServer.build(kg.dataset(), config).start();
        FusekiServer cache = NewpathServer.build(kg.dataset(),
                config.toBuilder().cacheBytes(cacheMb << 20).dataVersion(version).build()).start();
        FusekiServer plain = FusekiServer.create().port(0).loopback(true).add("/ds", kg.dataset()).build().start();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("heap-mb " + heap / (1 << 20));
        System.out.println("ports service=" + service.getHttpPort() + " cache=" + cache.getHttpPort() + " plain=" + plain.getHttpPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our input
        }
        service.stop();
        cache.stop();
        plain.stop();
        kg.close();
        return 0;
    }
}
