package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.newpathkg.web.Conneg.Format;

class ConnegTest {
    @Test
    void browsersAndWildcardsGetHtml() {
        assertEquals(Format.HTML, Conneg.choose(null, null));
        assertEquals(Format.HTML, Conneg.choose(null, "*/*"));
        assertEquals(Format.HTML, Conneg.choose(null, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    }

    @Test
    void rdfClientsGetTheirFormatByQValue() {
        assertEquals(Format.TURTLE, Conneg.choose(null, "text/turtle"));
        assertEquals(Format.JSONLD, Conneg.choose(null, "text/turtle;q=0.5, application/ld+json"));
        assertEquals(Format.NTRIPLES, Conneg.choose(null, "application/n-triples, */*;q=0.1"));
        assertEquals(Format.TRIG, Conneg.choose(null, "application/trig"));
    }

    @Test
    void formatParameterWinsAndUnknownOnesAreRefused() {
        assertEquals(Format.TURTLE, Conneg.choose("ttl", "text/html"));
        assertEquals(Format.JSONLD, Conneg.choose("json-ld", null));
        assertThrows(Conneg.UnknownFormat.class, () -> Conneg.choose("docx", null));
        assertNull(Conneg.choose(null, "image/png"));
    }
}
