package org.newpathkg.rdf;

import java.util.Iterator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphReadOnly;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphReadOnly;

/**
 * A read-only view of a dataset whose default graph is the union of its named graphs: what the
 * integrity checks, the quotation check and the inference rules query, so they see the data as a
 * client of the endpoint does (triple patterns without GRAPH match every claim).
 * <p>
 * Read-only through Jena's {@link DatasetGraphReadOnly}, like {@code load.ServedDataset}, which
 * looks the same but must not be a view (so that queries run on TDB2's own engine); this one must
 * be. It is a {@link DatasetGraphWrapperView},
 * so ARQ evaluates queries against this view instead of unwrapping it to the dataset underneath.
 * Named graphs pass through unchanged, which keeps {@code GRAPH <g> { ?s text:query ... }}
 * restricted to {@code g}.
 */
public final class UnionView extends DatasetGraphReadOnly implements DatasetGraphWrapperView {
    private final Graph union;

    /** A view of {@code dsg}; its context is shared. */
    public UnionView(DatasetGraph dsg) {
        super(dsg);
        this.union = new GraphReadOnly(dsg.getUnionGraph());
    }

    @Override
    public Graph getDefaultGraph() {
        return union;
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        return getR().find(mapDefault(g), s, p, o);
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        return find(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        return getR().contains(mapDefault(g), s, p, o);
    }

    @Override
    public boolean contains(Quad quad) {
        return contains(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    private static Node mapDefault(Node g) {
        return (g != null && Quad.isDefaultGraph(g)) ? Quad.unionGraph : g;
    }
}
