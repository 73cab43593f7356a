package org.newpathkg.load;

import java.util.Iterator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.Quad;

/**
 * A read-only view of a dataset whose default graph is the union of its named graphs.
 * Clients such as Comunica ask triple patterns without GRAPH and expect every claim to answer;
 * analysts expect the same. The same view serves the in-memory and the TDB2 store, and is what
 * validation and inference query, so every query sees one data model.
 * <p>
 * It is a {@link DatasetGraphWrapperView}, so ARQ evaluates queries against this view instead of
 * unwrapping it to the store underneath. Named graphs are passed through unchanged, which keeps
 * {@code GRAPH <g> { ?s text:query ... }} restricted to {@code g}: jena-text reads the graph
 * name from the active graph.
 */
public class UnionDefaultGraph extends DatasetGraphWrapper implements DatasetGraphWrapperView {

    /** Wraps {@code dsg}; its context (text index, timeouts, SERVICE policy) is shared. */
    public UnionDefaultGraph(DatasetGraph dsg) {
        super(dsg);
    }

    @Override
    public Graph getDefaultGraph() {
        return getR().getUnionGraph();
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

    @Override
    public void add(Quad quad) { readOnly(); }
    @Override
    public void delete(Quad quad) { readOnly(); }
    @Override
    public void add(Node g, Node s, Node p, Node o) { readOnly(); }
    @Override
    public void delete(Node g, Node s, Node p, Node o) { readOnly(); }
    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) { readOnly(); }
    @Override
    public void addGraph(Node graphName, Graph graph) { readOnly(); }
    @Override
    public void removeGraph(Node graphName) { readOnly(); }
    @Override
    public void clear() { readOnly(); }

    private static void readOnly() {
        throw new UnsupportedOperationException("The newpath-kg dataset is read-only; edit the files under ontology/ instead");
    }
}
