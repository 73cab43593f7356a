package org.newpathkg.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

/** The first level's key: what makes two raw requests the same, through the cache's front lookup. */
class RawKeyTest {
    static final String JSON = "application/sparql-results+json";
    static final String Q = "query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201";

    static String get(String rawQuery, String accept) {
        return RawKey.of("v1", "GET", "/newpath/sparql", rawQuery, null, accept, null, null, "");
    }

    /** A cache holding one answer, linked from {@code raw}. */
    static ResultCache cacheWith(String raw) {
        ResultCache c = new ResultCache(1 << 20);
        c.put("normalised", new ResultCache.Entry(JSON, new byte[] {'{', '}'}, "\"e\""));
        c.link(raw, "normalised");
        return c;
    }

    @Test
    void theSameRawRequestHits() {
        ResultCache c = cacheWith(get(Q, JSON));
        assertNotNull(c.front(get(Q, JSON)));
        assertEquals(1, c.frontStats().hits());
    }

    @Test
    void aDifferentAcceptOrParameterOrMethodOrPathMisses() {
        ResultCache c = cacheWith(get(Q, JSON));
        List<String> others = List.of(
                get(Q, "text/csv"),
                get(Q, JSON + ", text/csv"),
                get(Q, null),
                get(Q + "&default-graph-uri=urn%3Ax", JSON),
                get(Q + "&named-graph-uri=urn%3Ax", JSON),
                get(Q + "&output=xml", JSON),
                get(Q + "&timeout=1", JSON),
                get(Q.replace("LIMIT%201", "LIMIT%202"), JSON),
                RawKey.of("v1", "GET", "/newpath/query", Q, null, JSON, null, null, ""),
                RawKey.of("v1", "POST", "/newpath/sparql", Q, null, JSON, null, null, ""),
                RawKey.of("v2", "GET", "/newpath/sparql", Q, null, JSON, null, null, ""),
                RawKey.of("v1", "GET", "/newpath/sparql", Q, "text/plain;charset=UTF-16", JSON, null, null, ""),
                RawKey.of("v1", "GET", "/newpath/sparql", Q, null, JSON, "iso-8859-1", null, ""),
                RawKey.of("v1", "GET", "/newpath/sparql", Q, null, JSON, null, "1", ""));
        for (String k : others) {
            assertNotEquals(get(Q, JSON), k);
            assertNull(c.front(k), k);
        }
        assertEquals(others.size(), c.frontStats().misses());
    }

    @Test
    void bodiesAndFormsAreKeyedByWhatWasSent() {
        String a = RawKey.of("v1", "POST", "/newpath/sparql", null, "application/sparql-query", JSON, null, null, "ASK {}");
        assertEquals(a, RawKey.of("v1", "POST", "/newpath/sparql", null, "application/sparql-query", JSON, null, null, "ASK {}"));
        assertNotEquals(a, RawKey.of("v1", "POST", "/newpath/sparql", null, "application/sparql-query", JSON, null, null, "ASK {} "));
        assertNotEquals(a, RawKey.of("v1", "POST", "/newpath/sparql", null, "application/sparql-query;charset=UTF-16", JSON, null, null, "ASK {}"));
        Fields f = new Fields();
        f.add("query", "ASK {}");
        Fields g = new Fields();
        g.add("query", "ASK {}");
        g.add("default-graph-uri", "urn:x");
        Fields twice = new Fields();
        twice.add("query", "ASK {}");
        twice.add("query", "ASK {}");
        assertEquals(RawKey.form(f), RawKey.form(f));
        assertNotEquals(RawKey.form(f), RawKey.form(g));
        assertNotEquals(RawKey.form(f), RawKey.form(twice), "two query= values are another request (refused by the guard)");
    }

    @Test
    void partsCannotRunIntoEachOther() {
        // Without length prefixes these two would be the same text.
        assertNotEquals(RawKey.of("v1", "GET", "/p", "a\n", null, "b", null, null, ""),
                RawKey.of("v1", "GET", "/p", "a", null, "\nb", null, null, ""));
        assertNotEquals(get(Q, null), get(Q, ""), "no Accept is not an empty Accept");
    }

    @Test
    void anOversizeRequestIsNotKeyedAndNotLinked() {
        String longQuery = "query=" + "x".repeat(RawKey.MAX_CHARS);
        assertNull(get(longQuery, JSON));
        Fields f = new Fields();
        f.add("query", "x".repeat(RawKey.MAX_CHARS + 1));
        assertNull(RawKey.form(f));
        ResultCache c = new ResultCache(1 << 20);
        c.put("k", new ResultCache.Entry(JSON, new byte[1], "\"e\""));
        c.link("y".repeat(RawKey.MAX_CHARS + 1), "k");
        assertEquals(0, c.frontStats().links());
    }

    @Test
    void theLinksAreBoundedByEntriesAndBytes() {
        ResultCache c = new ResultCache(1 << 20);
        c.put("k", new ResultCache.Entry(JSON, new byte[1], "\"e\""));
        for (int i = 0; i < 3 * ResultCache.MAX_LINKS; i++) {
            c.link(get("query=" + i, JSON), "k");
        }
        ResultCache.FrontStats s = c.frontStats();
        assertTrue(s.links() <= ResultCache.MAX_LINKS, s.toString());
        assertTrue(s.usedBytes() <= s.capacityBytes(), s.toString());
        // Long raw keys: the byte bound holds first.
        for (int i = 0; i < 2_000; i++)
            c.link(get("query=" + i + "x".repeat(4_000), JSON), "k");
        s = c.frontStats();
        assertTrue(s.usedBytes() <= s.capacityBytes(), s.toString());
    }

    @Test
    void aLinkWhoseAnswerIsGoneMisses() {
        // As after the answer's eviction: the link alone answers nothing.
        ResultCache c = new ResultCache(10_000);
        c.link(get(Q, JSON), "evicted");
        assertEquals(1, c.frontStats().links());
        assertNull(c.front(get(Q, JSON)));
    }
}
