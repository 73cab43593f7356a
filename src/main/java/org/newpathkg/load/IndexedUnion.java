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

/**
 * The parsed dataset with its union graph kept as one indexed in-memory graph, updated on every
 * add. Validation and inference read the union of all claim graphs; a plain in-memory dataset
 * answers each union pattern by asking every named graph in turn (hundreds of claim graphs, more
 * in a corpus), which made the validate phase the slowest part of start-up. Named graphs are
 * read from the wrapped dataset as before.
 * <p>
 * Changes through any path (the dataset, or a named graph it hands out) keep the union right;
 * deletions are slow, which does not matter: only tests delete.
 */
final class IndexedUnion extends DatasetGraphWrapper implements DatasetGraphWrapperView {
    private final Graph union = GraphFactory.createDefaultGraph();

    IndexedUnion(DatasetGraph base) {
        super(base);
        base.find().forEachRemaining(q -> {
            if (!q.isDefaultGraph())
                union.add(q.asTriple());
        });
    }

    @Override
    public Graph getUnionGraph() {
        return union;
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
        super.add(g, s, p, o);
        if (g != null && !Quad.isDefaultGraph(g))
            union.add(Triple.create(s, p, o));
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        if (g != null && Quad.isUnionGraph(g))
            return union.find(s, p, o).mapWith(t -> Quad.create(Quad.unionGraph, t));
        return super.find(g, s, p, o);
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        if (g != null && Quad.isUnionGraph(g))
            return union.contains(s, p, o);
        return super.contains(g, s, p, o);
    }

    @Override
    public Graph getGraph(Node graphNode) {
        if (Quad.isUnionGraph(graphNode))
            return union;
        // Changes made through the graph come back through this dataset, so the union stays right.
        return Quad.isDefaultGraph(graphNode) ? super.getGraph(graphNode) : GraphView.createNamedGraph(this, graphNode);
    }

    @Override
    public void delete(Quad quad) {
        delete(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        super.delete(g, s, p, o);
        if (g != null && !Quad.isDefaultGraph(g))
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
