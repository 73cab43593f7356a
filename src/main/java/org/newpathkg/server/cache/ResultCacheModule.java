package org.newpathkg.server.cache;

import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.eclipse.jetty.server.Handler;

/**
 * Fuseki module putting a {@link ResultCache} of {@code cacheBytes} on a dataset's query
 * endpoints ({@code sparql}, {@code query}); a size of 0 adds nothing. Two parts: the servlet
 * filter ({@link ResultCacheFilter}, listed after the guard module, so it runs behind every limit
 * and protocol check) keys answers by their normalised query, and {@link #front()}, a Jetty
 * handler the server places before admission ({@link CacheFront}), answers a request seen
 * before from its raw form, without a query slot.
 */
public final class ResultCacheModule implements FusekiModule {
    private final String dataset;
    private final ResultCache cache;
    private final String dataVersion;
    private final CacheFront front;

    /**
     * A cache of {@code cacheBytes} (0: none) for {@code dataset} whose content hash is
     * {@code dataVersion}; hits before admission are written through {@code hitWrapper} (the
     * server's compression).
     */
    public ResultCacheModule(String dataset, long cacheBytes, String dataVersion, UnaryOperator<Handler> hitWrapper) {
        this.dataset = dataset;
        this.cache = cacheBytes > 0 ? new ResultCache(cacheBytes) : null;
        this.dataVersion = dataVersion;
        this.front = cache == null ? null
                : new CacheFront(cache, dataVersion, Set.of(dataset + "/sparql", dataset + "/query"), hitWrapper);
    }

    @Override
    public String name() {
        return "newpath-result-cache";
    }

    /** The cache, or null when off. */
    public ResultCache cache() {
        return cache;
    }

    /** The handler to place before admission, or null when the cache is off. */
    public Handler.Singleton front() {
        return front;
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        if (cache == null)
            return;
        ResultCacheFilter f = new ResultCacheFilter(cache, dataVersion);
        builder.addFilter(dataset + "/sparql", f).addFilter(dataset + "/query", f);
    }
}
