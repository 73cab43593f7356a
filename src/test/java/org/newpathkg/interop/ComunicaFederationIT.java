package org.newpathkg.interop;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Comunica ({@code @comunica/query-sparql} 4.5.0 from npm), a federated query engine nobody here
 * wrote, joins the endpoint with a second source, a local Turtle file, in one query.
 */
class ComunicaFederationIT {
    static String endpoint;

    @BeforeAll
    static void start() {
        Interop.ensureClients();
        endpoint = InteropEndpoint.sparql();
    }

    @Test
    void comunicaJoinsTheEndpointWithALocalFileDownToTheClaimGraph() {
        String json = Interop.runOk(List.of("node", "comunica-query.mjs",
                Interop.resource("watchlist-treaties.rq").toString(), endpoint,
                Interop.resource("analyst-watchlist.ttl").toString()), Interop.NODE_DIR, Duration.ofMinutes(3));
        // The essay (section 5): the Russia-DPRK treaty was concluded during Putin's visit of June 2024,
        // a month-precision date, stated in claim s5-32; Q423 and Q159 are the states' Wikidata links.
        String treaty = "<https://w3id.org/newpath-kg/id/russia-dprk-treaty-2024>\t<https://w3id.org/newpath-kg/claim/s5-32>\t"
                + "\"2024-06-01\"^^<http://www.w3.org/2001/XMLSchema#date>\t<http://www.w3.org/2006/time#unitMonth>";
        Interop.assertRows(List.of(
                "<https://w3id.org/newpath-kg/id/dprk>\t\"North Korea\"@en\t<http://www.wikidata.org/entity/Q423>\t" + treaty,
                "<https://w3id.org/newpath-kg/id/russia>\t\"Russia\"@en\t<http://www.wikidata.org/entity/Q159>\t" + treaty),
                Interop.keys(Interop.json(json)), "Comunica over the endpoint and analyst-watchlist.ttl");
    }
}
