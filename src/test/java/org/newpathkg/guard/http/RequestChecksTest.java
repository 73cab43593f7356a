package org.newpathkg.guard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@link RequestChecks}'s reading of a Content-Type's charset, without a server. */
class RequestChecksTest {

    @Test
    void unknownCharsetsAreRecognised() {
        assertEquals("bogus", RequestChecks.unknownCharset("application/sparql-query;charset=bogus"));
        assertNull(RequestChecks.unknownCharset("application/sparql-query; charset=UTF-8"));
        assertNull(RequestChecks.unknownCharset("text/plain"));
        assertEquals("\u00ff", RequestChecks.unknownCharset("text/plain;charset=\u00ff"));
    }
}
