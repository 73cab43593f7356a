package org.newpathkg.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphReadOnly;

/**
 * The parsed data in memory (a store, not a view): named graphs in the wrapped dataset, and their
 * union kept as one indexed in-memory graph, updated on every add, which is also the default
 * graph. Validation and inference read the union of all claim graphs; a plain in-memory dataset
 * answers each union pattern by asking every named graph in turn (hundreds of claim graphs, more
 * in a corpus), which made the validate phase the slowest part of start-up.
 * <p>
 * The default graph is the union because {@link org.newpathkg.rdf.UnionView} is not a
 * {@code DatasetGraphWrapperView}: ARQ unwraps it and runs its general engine over this store,
 * which must then give the union itself. This class is a {@code DatasetGraphWrapperView} so that
 * ARQ stops here instead of unwrapping to the plain dataset underneath. The data has no default
 * graph of its own (a triple outside a GRAPH block is an error), so a write to it is refused.
 * <p>
 * Changes through any path (the dataset, or a named graph it hands out) keep the union right;
 * deletions are slow, which does not matter: only tests delete.
 */
final class IndexedUnion extends DatasetGraphWrapper implements DatasetGraphWrapperView {
    private final Graph union = GraphFactory.createDefaultGraph();
    /** The union as it is handed out, both as the union graph and as the default graph. */
    private final Graph read = new GraphReadOnly(union);

    IndexedUnion(DatasetGraph base) {
        super(base);
        base.find().forEachRemaining(q -> {
            if (!q.isDefaultGraph())
                union.add(q.asTriple());
        });
    }

    @Override
    public Graph getUnionGraph() {
        return read;
    }

    @Override
    public Graph getDefaultGraph() {
        return read;
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        return find(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public boolean contains(Quad quad) {
        return contains(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    // The Quad forms of add, delete, find and contains are alike: each unpacks the quad into the
    // node form, which is where the union is kept right.

    @Override
    public void add(Quad quad) {
        add(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        named(g);
        super.add(g, s, p, o);
        union.add(Triple.create(s, p, o));
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        if (unionOrDefault(g))
            return union.find(s, p, o).mapWith(t -> Quad.create(g, t));
        return super.find(g, s, p, o);
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        if (unionOrDefault(g))
            return union.contains(s, p, o);
        return super.contains(g, s, p, o);
    }

    @Override
    public Graph getGraph(Node graphNode) {
        if (unionOrDefault(graphNode))
            return read;
        // Changes made through the graph come back through this dataset, so the union stays right.
        return GraphView.createNamedGraph(this, graphNode);
    }

    private static boolean unionOrDefault(Node g) {
        return g != null && (Quad.isUnionGraph(g) || Quad.isDefaultGraph(g));
    }

    /** Refuses {@code g} unless it names a graph: the default graph is the union, not written to. */
    private static void named(Node g) {
        if (g == null || g == Node.ANY || unionOrDefault(g))
            throw new UnsupportedOperationException("the default graph is the union of the named graphs: write to a named graph");
    }

    @Override
    public void delete(Quad quad) {
        delete(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        named(g);
        super.delete(g, s, p, o);
        forgetIfGone(Triple.create(s, p, o));
    }

    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        List<Quad> doomed = new ArrayList<>();
        find(g, s, p, o).forEachRemaining(doomed::add);
        doomed.forEach(this::delete);
    }

    @Override
    public void removeGraph(Node graphName) {
        List<Triple> doomed = new ArrayList<>();
        super.find(graphName, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> doomed.add(q.asTriple()));
        super.removeGraph(graphName);
        doomed.forEach(this::forgetIfGone);
    }

    @Override
    public void addGraph(Node graphName, Graph graph) {
        named(graphName);
        super.addGraph(graphName, GraphFactory.createDefaultGraph());
        graph.find().forEachRemaining(t -> add(graphName, t.getSubject(), t.getPredicate(), t.getObject()));
    }

    @Override
    public void clear() {
        super.clear();
        union.clear();
    }

    /** Drops {@code t} from the union unless another named graph still holds it. */
    private void forgetIfGone(Triple t) {
        Iterator<Node> graphs = super.listGraphNodes();
        while (graphs.hasNext()) {
            if (super.contains(graphs.next(), t.getSubject(), t.getPredicate(), t.getObject()))
                return;
        }
        union.delete(t);
    }
}
