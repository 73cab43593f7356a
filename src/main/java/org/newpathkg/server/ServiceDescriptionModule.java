package org.newpathkg.server;

import java.util.List;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;

/** Fuseki module answering {@code GET /newpath/sparql} without a query with the {@link ServiceDescription}. */
public final class ServiceDescriptionModule implements FusekiModule {
    private final DatasetGraph dataset;
    private final List<String> allowService;

    /** Describes {@code dataset} served with the SERVICE allow-list {@code allowService}. */
    public ServiceDescriptionModule(DatasetGraph dataset, List<String> allowService) {
        this.dataset = dataset;
        this.allowService = List.copyOf(allowService);
    }

    @Override
    public String name() {
        return "newpath-service-description";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        builder.addFilter(NewpathServer.DATASET + "/sparql", new ServiceDescription(dataset, allowService));
    }
}
