package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SiteTest {
    final Site site = new Site(null);

    @Test
    void dataNamespaceMapsToServerRootPaths() {
        assertEquals("https://w3id.org/newpath-kg/id/dprk", site.iriForPath("/id/dprk").getURI());
        assertEquals("https://w3id.org/newpath-kg/claim/s5-32", site.iriForPath("/claim/s5-32").getURI());
        assertEquals("https://w3id.org/newpath-kg/ontology", site.iriForPath("/ontology").getURI());
        assertEquals("/claim/s5-32#quote", site.pathFor("https://w3id.org/newpath-kg/claim/s5-32#quote"));
        assertEquals("/ontology#State", site.pathFor("https://w3id.org/newpath-kg/ontology#State"));
        assertEquals("/note/12", site.pathFor("https://w3id.org/newpath-kg/note/12"));
    }

    @Test
    void otherPathsAndIrisAreNotOurs() {
        assertNull(site.iriForPath("/id/"));
        assertNull(site.iriForPath("/id"));
        assertNull(site.iriForPath("/newpath/sparql"));
        assertNull(site.iriForPath("/ontology/x"));
        assertNull(site.pathFor("http://www.w3.org/ns/oa#exact"));
        assertNull(site.pathFor("https://w3id.org/newpath-kg/other/x"));
    }

    @Test
    void publicBaseIsUsedWhenGivenElseTheRequestsOwn() {
        assertEquals("https://example.org/kg/", new Site("https://example.org/kg").base("http://localhost:3030/"));
        assertEquals("http://localhost:3030/", site.base("http://localhost:3030/"));
        assertThrows(IllegalArgumentException.class, () -> new Site("ftp://x"));
    }

    @Test
    void theRequestsRootTakesAHostHeaderOnlyWhenItIsAHostName() {
        assertEquals("http://kg.example.org:8443/", Site.root("http", "kg.example.org:8443", "127.0.0.1:1"));
        assertEquals("https://[::1]:3030/", Site.root("https", "[::1]:3030", "127.0.0.1:1"));
        for (String bad : new String[] {"evil.example/\"><script>", "a b", "x\"y", "example.org/path", "host:port", "", null, "a".repeat(300)})
            assertEquals("http://127.0.0.1:1/", Site.root("http", bad, "127.0.0.1:1"), String.valueOf(bad));
        assertEquals("http://x/", Site.root("javascript", "x", "127.0.0.1:1"), "any scheme but https is http");
    }
}
