package org.newpathkg.inference;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.newpathkg.rdf.SparqlResource;
import org.newpathkg.rdf.UnionView;
import org.newpathkg.vocab.Graphs;

/**
 * The infer phase: materialises into {@link Graphs#INFERRED} what the ontology's own axioms
 * entail, so that queries need no reasoner at run time.
 * <p>
 * Rules are SPARQL CONSTRUCT queries beside this class ({@code Inference.*.rq}), applied in
 * rounds until a round adds nothing. SPARQL rather than a Jena rule file because the rules must
 * read axioms from the ontology graph only and one rule ({@code mentions}) is about named
 * graphs, which Jena rules cannot express. Covered: subclass and subproperty closure,
 * {@code owl:inverseOf}, {@code owl:SymmetricProperty}, {@code owl:TransitiveProperty},
 * claim mentions, what argument links concern (npo:concerns) and the claim-to-claim shortcuts of argument links (npo:supports,
 * npo:qualifies, npo:contrastsClaim). Deliberately not covered: {@code rdfs:domain}/{@code rdfs:range}, which would
 * type things by how they are used rather than by what the data says.
 * <p>
 * Only triples not asserted in any graph are added.
 */
public final class Inference {
    private static final List<String> RULES = List.of(
            "subclass-closure", "subproperty-closure", "subclass-types", "subproperty-values",
            "inverse", "symmetric", "transitive", "mentions", "argument-shortcuts", "argument-reach");
    /** A fixpoint this deep means a runaway rule, not a real hierarchy. */
    private static final int MAX_ROUNDS = 50;

    private Inference() {}

    /** Adds the inferred triples to graph {@link Graphs#INFERRED} of {@code dsg}; returns how many. */
    public static long materialise(DatasetGraph dsg) {
        List<Query> rules = new ArrayList<>();
        for (String r : RULES)
            rules.add(SparqlResource.query(Inference.class, r));
        DatasetGraph view = new UnionView(dsg);
        long added = 0;
        for (int round = 1; ; round++) {
            if (round > MAX_ROUNDS)
                throw new IllegalStateException("Inference did not reach a fixpoint in " + MAX_ROUNDS + " rounds");
            List<Triple> fresh = new ArrayList<>();
            for (Query rule : rules) {
                Graph result = QueryExec.dataset(view).query(rule).construct();
                result.find().forEach(t -> {
                    if (!view.contains(Graphs.INFERRED, t.getSubject(), t.getPredicate(), t.getObject())
                            && !view.getDefaultGraph().contains(t))
                        fresh.add(t);
                });
            }
            if (fresh.isEmpty())
                return added;
            for (Triple t : fresh) {
                if (!dsg.contains(Graphs.INFERRED, t.getSubject(), t.getPredicate(), t.getObject())) {
                    dsg.add(Graphs.INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
                    added++;
                }
            }
        }
    }
}
