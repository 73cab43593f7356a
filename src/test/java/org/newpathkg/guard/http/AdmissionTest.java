package org.newpathkg.guard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A client's account in {@link Admission}: its time budget and its share of the slots, without a server. */
class AdmissionTest {

    @Test
    void aClientsTimeBudgetIsChargedAndRefilledAndSaysHowLongToWait() {
        long budget = 2_000_000_000L;        // 2 s of query time
        double refill = 0.5;                 // 0.5 s back per second
        Admission.Account a = new Admission.Account(budget, 0);
        assertNull(a.refusal(0, 2, 1, budget, refill));
        a.charge(0, 3_000_000_000L, budget, refill);   // one 3 s query: 1 s in debt
        assertNotNull(a.refusal(0, 2, 1, budget, refill), "past its budget");
        assertEquals(3, a.retryAfterSeconds(refill), "1 s of debt at 0.5 s/s: 2 s, rounded up with a margin");
        assertNull(a.refusal(3_000_000_000L, 2, 1, budget, refill), "refilled after 3 s");
    }

    @Test
    void aClientOverItsShareWaitsUntilItsWaitingPlacesAreTaken() {
        Admission.Account a = new Admission.Account(0, 0);
        a.running = 2;
        assertNull(a.refusal(0, 2, 1, 0, 0), "over its share of 2, it may wait");
        a.waiting = 1;
        String why = a.refusal(0, 2, 1, 0, 0);
        assertNotNull(why, "one waiting place: the next is refused");
        assertTrue(why.contains("2 requests running and 1 waiting"), why);
        a.running = 1;
        assertNull(a.refusal(0, 2, 1, 0, 0), "a place given back");
    }
}
