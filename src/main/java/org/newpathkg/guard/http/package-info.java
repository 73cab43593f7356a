/**
 * HTTP admission: what a request may hold (query slot, client share, time budget, queue place),
 * how long its bytes may take to arrive and to leave, and which bodies reach Fuseki.
 */
package org.newpathkg.guard.http;
