package org.newpathkg.inference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.SourceTree;
import org.newpathkg.vocab.Graphs;
import org.newpathkg.vocab.NPO;

class InferenceTest {
    static DatasetGraph dsg;

    static Node id(String local) { return NodeFactory.createURI("https://w3id.org/newpath-kg/id/" + local); }
    static Node npo(String local) { return NodeFactory.createURI(NPO.NS + local); }
    static Node claim(String local) { return NodeFactory.createURI(Graphs.CLAIM_NS + local); }

    @BeforeAll
    static void load() {
        dsg = DataLoader.load(SourceTree.directory(Fixtures.good())).dataset();
        Inference.materialise(dsg);
    }

    static boolean inferred(Node s, Node p, Node o) {
        return dsg.contains(Graphs.INFERRED, s, p, o);
    }

    @Test
    void subclassTypesReachExternalSuperclasses() {
        assertTrue(inferred(id("dprk"), RDF.type.asNode(), npo("Actor")));
        assertTrue(inferred(id("dprk"), RDF.type.asNode(), NodeFactory.createURI("http://www.w3.org/ns/prov#Agent")));
    }

    @Test
    void subpropertyValuesAreInferred() {
        assertTrue(inferred(id("china"), npo("party"), id("dprk")));
    }

    @Test
    void inverseSymmetricAndTransitivePropertiesAreInferred() {
        assertTrue(inferred(NodeFactory.createURI("https://w3id.org/newpath-kg/note/1"), npo("citedBy"), claim("c1")));
        assertTrue(inferred(id("russia"), npo("alliedWith"), id("dprk")));
        assertTrue(inferred(id("pyongyang"), npo("locatedIn"), id("dprk")));
    }

    @Test
    void claimsMentionTheTypedEntitiesOfTheirGraph() {
        assertTrue(inferred(claim("c1"), NPO.mentions, id("pyongyang")));
        assertTrue(inferred(claim("c2"), NPO.mentions, id("russia")));
        // time:unitDay is an object in c1's graph but not typed in the entities graph
        assertFalse(inferred(claim("c1"), NPO.mentions, NodeFactory.createURI("http://www.w3.org/2006/time#unitDay")));
    }

    @Test
    void noDomainOrRangeInferenceAndNothingAlreadyAsserted() {
        // np:defence-plan has no type: nothing may type it from how it is used
        assertFalse(dsg.find(Graphs.INFERRED, id("defence-plan"), RDF.type.asNode(), Node.ANY).hasNext());
        // asserted triples are not repeated in the inferred graph
        assertFalse(inferred(id("dprk"), RDF.type.asNode(), npo("State")));
        assertFalse(inferred(id("dprk"), npo("alliedWith"), id("russia")));
    }

    @Test
    void argumentLinksConcernWhatTheirPremisesAndConclusionMentionAndNothingElse() {
        // The fixture plus one argument link (c1 grounds c2) and a topic (a npo:Concept of the
        // entities graph) that only the conclusion's graph names: the link must be reachable from
        // the entities and the topic of both its claims, and not from c3's China, which it does not use.
        DatasetGraph ds = DataLoader.load(SourceTree.directory(Fixtures.good())).dataset();
        Node link = NodeFactory.createURI(Graphs.ARGUMENT_NS + "c2-ground-1");
        ds.add(Graphs.ARGUMENTS, link, RDF.type.asNode(), npo("Inference"));
        ds.add(Graphs.ARGUMENTS, link, npo("premise"), claim("c1"));
        ds.add(Graphs.ARGUMENTS, link, npo("conclusion"), claim("c2"));
        ds.add(Graphs.ENTITIES, id("sanctions"), RDF.type.asNode(), npo("Concept"));
        ds.add(claim("c2"), id("stance-dprk-russia"), npo("topic"), id("sanctions"));
        Inference.materialise(ds);
        Node concerns = npo("concerns");
        assertTrue(ds.contains(Graphs.INFERRED, link, concerns, id("pyongyang")), "an entity only the premise's graph names");
        assertTrue(ds.contains(Graphs.INFERRED, link, concerns, id("russia")), "an entity only the conclusion's graph names");
        assertTrue(ds.contains(Graphs.INFERRED, link, concerns, id("dprk")), "an entity both name");
        assertTrue(ds.contains(Graphs.INFERRED, link, concerns, id("sanctions")), "a topic of the conclusion");
        assertFalse(ds.contains(Graphs.INFERRED, link, concerns, id("china")), "China is named only by c3, which the link does not use");
        assertFalse(ds.contains(Graphs.INFERRED, link, concerns, id("stance-dprk-russia")), "untyped in the entities graph: not an entity");
        assertFalse(ds.find(Graphs.INFERRED, claim("c3"), concerns, Node.ANY).hasNext(), "claims concern nothing; links do");
        // And the fixture without the link: no link concerns anything.
        assertFalse(dsg.find(Graphs.INFERRED, Node.ANY, concerns, Node.ANY).hasNext());
    }
}
