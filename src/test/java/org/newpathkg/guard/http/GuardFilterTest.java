package org.newpathkg.guard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@link GuardFilter}'s reading of a Content-Type's charset, without a server. */
class GuardFilterTest {

    @Test
    void unknownCharsetsAreRecognised() {
        assertEquals("bogus", GuardFilter.unknownCharset("application/sparql-query;charset=bogus"));
        assertNull(GuardFilter.unknownCharset("application/sparql-query; charset=UTF-8"));
        assertNull(GuardFilter.unknownCharset("text/plain"));
        assertEquals("\u00ff", GuardFilter.unknownCharset("text/plain;charset=\u00ff"));
    }
}
