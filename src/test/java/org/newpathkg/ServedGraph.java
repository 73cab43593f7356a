package org.newpathkg;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;

/**
 * A graph loaded once for a test class, and the real servers (port 0, loopback) its tests start
 * over it, all stopped after the class, whatever failed: the set-up every HTTP test of the
 * service repeated (load, build, start, remember, stop, close).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServedGraph graph = ServedGraph.project();
 * ...
 * FusekiServer s = graph.start(Limits.builder().maxConcurrent(4).build());
 * String base = ServedGraph.base(s);
 * }</pre>
 */
public final class ServedGraph implements BeforeAllCallback, AfterAllCallback {
    private final Callable<Path> root;
    private final boolean temporary;
    private final List<FusekiServer> servers = new CopyOnWriteArrayList<>();
    private Path dir;
    private KnowledgeGraph kg;

    private ServedGraph(Callable<Path> root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    /** The real project (its data and the essay beside it). */
    public static ServedGraph project() {
        return new ServedGraph(Fixtures::projectRoot, false);
    }

    /** A project that {@code root} writes (a fixture in a temporary folder), deleted after the class. */
    public static ServedGraph temporary(Callable<Path> root) {
        return new ServedGraph(root, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = root.call();
        kg = Pipeline.load(SourceTree.directory(dir), null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            servers.forEach(FusekiServer::stop);
            servers.clear();
            if (kg != null)
                kg.close();
        } finally {
            if (temporary && dir != null)
                Fixtures.deleteTree(dir);
        }
    }

    /** The loaded graph. */
    public KnowledgeGraph kg() {
        return kg;
    }

    /** A started server over the graph with {@code config} and {@code modules} (the pages, for example). */
    public FusekiServer start(ServerConfig config, FusekiModule... modules) {
        FusekiServer s = NewpathServer.build(kg.dataset(), config, modules).start();
        servers.add(s);
        return s;
    }

    /** A started server over the graph with {@code limits} and otherwise the defaults. */
    public FusekiServer start(Limits limits) {
        return start(ServerConfig.builder().limits(limits).build());
    }

    /** The server's root URL on loopback. */
    public static String base(FusekiServer server) {
        return "http://127.0.0.1:" + server.getHttpPort();
    }
}
