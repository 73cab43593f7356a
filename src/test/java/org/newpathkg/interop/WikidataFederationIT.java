package org.newpathkg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Federation out of the endpoint: started with {@code --allow-service URL}, it joins its own graph
 * with that endpoint through the Wikidata links ({@code owl:sameAs wd:Q…}). The allow-listed URL is
 * a local stand-in serving fixture triples ({@code wikidata-standin.ttl}); CI never calls Wikidata.
 * The query is the README's example, with the real Wikidata URL replaced by the stand-in's.
 */
class WikidataFederationIT {
    static String endpoint, query;

    @BeforeAll
    static void start() {
        endpoint = InteropEndpoint.sparql();
        query = Interop.read(Interop.resource("wikidata-labels-capitals.rq"));
    }

    @Test
    void allowListedServiceJoinsTheGraphWithWikidataThroughSameAsLinks() {
        String q = query.replace("<" + InteropEndpoint.WIKIDATA + ">", "<" + InteropEndpoint.standin() + ">");
        HttpResponse<String> r = Interop.post(endpoint, q, "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        String wd = "http://www.wikidata.org/entity/";
        // Only the entities the stand-in knows join; Kim Jong Un is a person, so no capital.
        assertEquals(List.of(
                "<https://w3id.org/newpath-kg/id/russia>\t<" + wd + "Q159>\t\"Russia\"@en\t\t",
                "<https://w3id.org/newpath-kg/id/dprk>\t<" + wd + "Q423>\t\"North Korea\"@en\t<" + wd + "Q18808>\t\"Pyongyang\"@en",
                "<https://w3id.org/newpath-kg/id/kim-jong-un>\t<" + wd + "Q56226>\t\"Kim Jong Un\"@en\t\t"),
                Interop.keys(Interop.json(r.body())));
    }

    @Test
    void serviceDescriptionAdvertisesFederationWhenAnEndpointIsAllowListed() {
        HttpResponse<String> r = Interop.get(endpoint, "text/turtle");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("sd:BasicFederatedQuery"), r.body());
    }

    @Test
    void realWikidataIsRefusedWithTheFlagToAddWhenNotAllowListed() {
        HttpResponse<String> r = Interop.post(endpoint, query, "application/sparql-results+json");
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        assertTrue(r.body().contains("--allow-service " + InteropEndpoint.WIKIDATA), r.body());
    }
}
