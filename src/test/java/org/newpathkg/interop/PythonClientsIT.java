package org.newpathkg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.newpathkg.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python notebooks' clients against the endpoint: Debian's rdflib ({@code SPARQLStore}, SELECT and
 * CONSTRUCT) and SPARQLWrapper, run by {@code src/test/python/rdflib_client.py}.
 */
class PythonClientsIT {
    static JsonObject got;

    @BeforeAll
    static void run() {
        Interop.ensureClients();
        String out = Interop.runOk(List.of(Interop.PYTHON,
                Fixtures.projectRoot().resolve("src/test/python/rdflib_client.py").toString(), InteropEndpoint.sparql()),
                null, Duration.ofMinutes(2));
        got = JSON.parse(out);
    }

    static List<String> strings(JsonValue v) {
        List<String> out = new ArrayList<>();
        for (JsonValue row : v.getAsArray()) {
            if (row.isArray()) {
                List<String> cells = new ArrayList<>();
                for (JsonValue c : (JsonArray) row)
                    cells.add(c.getAsString().value());
                out.add(String.join("\t", cells));
            } else {
                out.add(row.getAsString().value());
            }
        }
        return out;
    }

    @Test
    void rdflibSparqlStoreSelectGetsTheDprksWikidataIdWithBothLabels() {
        assertEquals(List.of("\"North Korea\"@en\t<http://www.wikidata.org/entity/Q423>",
                "\"北朝鮮\"@ja\t<http://www.wikidata.org/entity/Q423>"), strings(got.get("rdflib_select")));
    }

    @Test
    void rdflibSparqlStoreConstructGetsTheTreatyWithItsSigningMonth() {
        String t = "<https://w3id.org/newpath-kg/id/russia-dprk-treaty-2024> <https://w3id.org/newpath-kg/ontology#";
        assertEquals(List.of(t + "party> <https://w3id.org/newpath-kg/id/dprk>",
                t + "party> <https://w3id.org/newpath-kg/id/russia>",
                t + "signingDate> \"2024-06-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
                t + "signingDatePrecision> <http://www.w3.org/2006/time#unitMonth>"), strings(got.get("rdflib_construct")));
        assertEquals("2024-06-01", got.get("rdflib_construct_signing_date").getAsString().value());
    }

    @Test
    void sparqlWrapperSelectGetsTheDprksTreatiesInDateOrder() {
        List<String> rows = strings(got.get("sparqlwrapper_select"));
        assertEquals(3, rows.size(), rows.toString());
        // 1961 (China, USSR: same date, ordered by IRI) then 2024 (Russia).
        assertEquals(List.of("https://w3id.org/newpath-kg/id/china-dprk-treaty-1961\t1961-01-01",
                "https://w3id.org/newpath-kg/id/ussr-dprk-treaty-1961\t1961-01-01",
                "https://w3id.org/newpath-kg/id/russia-dprk-treaty-2024\t2024-06-01"), rows);
    }
}
