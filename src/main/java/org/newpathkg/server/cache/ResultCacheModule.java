package org.newpathkg.server.cache;

import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;

/**
 * Fuseki module putting a {@link ResultCache} of {@code cacheBytes} in front of a dataset's query
 * endpoints ({@code sparql}, {@code query}); a size of 0 adds nothing. Listed after the guard
 * module, so its filter runs behind every limit and every protocol check.
 */
public final class ResultCacheModule implements FusekiModule {
    private final String dataset;
    private final ResultCache cache;
    private final String dataVersion;

    /** A cache of {@code cacheBytes} (0: none) for {@code dataset} whose content hash is {@code dataVersion}. */
    public ResultCacheModule(String dataset, long cacheBytes, String dataVersion) {
        this.dataset = dataset;
        this.cache = cacheBytes > 0 ? new ResultCache(cacheBytes) : null;
        this.dataVersion = dataVersion;
    }

    @Override
    public String name() {
        return "newpath-result-cache";
    }

    /** The cache, or null when off. */
    public ResultCache cache() {
        return cache;
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        if (cache == null)
            return;
        ResultCacheFilter f = new ResultCacheFilter(cache, dataVersion);
        builder.addFilter(dataset + "/sparql", f).addFilter(dataset + "/query", f);
    }
}
