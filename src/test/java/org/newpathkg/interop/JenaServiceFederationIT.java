package org.newpathkg.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A separate Jena process (its own JVM, plain ARQ) joins its own data with the endpoint through
 * SPARQL 1.1 {@code SERVICE}; see {@link SeparateJenaClient}.
 */
class JenaServiceFederationIT {
    static String endpoint;

    @BeforeAll
    static void start() {
        endpoint = InteropEndpoint.sparql();
    }

    @Test
    void anotherJenaProcessJoinsItsDataWithTheEndpointThroughService() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String tsv = Interop.runOk(List.of(java, "-cp", System.getProperty("java.class.path"),
                SeparateJenaClient.class.getName(), Interop.resource("analyst-watchlist.ttl").toString(),
                Interop.resource("jena-service-watchlist.rq").toString(), endpoint), null, Duration.ofMinutes(2));
        String dprk = "<https://w3id.org/newpath-kg/id/dprk>\t\"North Korea\"@en\t<http://www.wikidata.org/entity/Q423>\t";
        String russia = "<https://w3id.org/newpath-kg/id/russia>\t\"Russia\"@en\t<http://www.wikidata.org/entity/Q159>\t";
        String y1961 = "\t\"1961-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>";
        String y2024 = "\t\"2024-06-01\"^^<http://www.w3.org/2001/XMLSchema#date>";
        // The DPRK's three treaties (China and USSR 1961, Russia June 2024) and Russia's one.
        List<String> expected = List.of(
                dprk + "<https://w3id.org/newpath-kg/id/china-dprk-treaty-1961>" + y1961,
                dprk + "<https://w3id.org/newpath-kg/id/ussr-dprk-treaty-1961>" + y1961,
                dprk + "<https://w3id.org/newpath-kg/id/russia-dprk-treaty-2024>" + y2024,
                russia + "<https://w3id.org/newpath-kg/id/russia-dprk-treaty-2024>" + y2024);
        List<String> actual = Interop.keys(Interop.rows(tsv, ResultSetLang.RS_TSV));
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, "ordered by ?signed ?treaty ?state");
    }
}
