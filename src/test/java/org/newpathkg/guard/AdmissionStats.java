package org.newpathkg.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;

/** The {@code "admission"} member of {@code /$/stats}: what requests hold now (slots, queue places, per-client shares). */
final class AdmissionStats {
    private AdmissionStats() {}

    /** The admission figures now, read over HTTP from a loopback address of its own. */
    static JsonObject read(int port) {
        String raw = Client.raw(port, "127.0.0.1", "GET /$/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, Client.status(raw), raw);
        JsonObject stats = JSON.parse(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        JsonObject admission = stats.get("admission") == null ? null : stats.get("admission").getAsObject();
        assertNotNull(admission, "no admission figures in /$/stats");
        return admission;
    }

    static long held(JsonObject admission) {
        return admission.get("slotsInUse").getAsNumber().value().longValue()
                + admission.get("queued").getAsNumber().value().longValue()
                + admission.get("clientHoldings").getAsNumber().value().longValue();
    }

    /**
     * Polls until nothing is held (every slot, queue place and per-client share given back), at
     * most {@code 60 s}: requests still finishing may hold for a moment, a leak holds for ever.
     */
    static JsonObject awaitIdle(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject a = read(port);
        while (held(a) > 0 && System.nanoTime() < end) {
            Thread.sleep(100);
            a = read(port);
        }
        assertEquals(0, held(a), "holdings not given back: " + a);
        return a;
    }
}
