package org.newpathkg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.apache.jena.fuseki.main.FusekiServer;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.guard.Limits;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

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
public final class BenchServer {
    private BenchServer() {}

    /** {@code --data DIR [--tdb2 DIR] [--skip-validation] [--cache-mb N]} */
    public static void main(String[] args) throws IOException {
        Path data = null, tdb2 = null;
        boolean validate = true;
        long cacheMb = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--tdb2" -> tdb2 = Path.of(args[++i]);
                case "--skip-validation" -> validate = false;
                case "--cache-mb" -> cacheMb = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SourceTree src = SourceTree.directory(data);
        KnowledgeGraph kg = Pipeline.load(src, tdb2, validate);
        String version = src.contentHash();
        // The benchmark drives the server harder than one client would: no per-client rate limit.
        ServerConfig config = ServerConfig.builder().limits(Limits.builder().overallMs(60_000).ratePerSecond(0).build()).build();
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
    }
}
