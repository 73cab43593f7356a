/**
 * One query's budgets: ARQ's own timeout (with property paths made to listen to it), the memory
 * it may allocate, the rows and bytes of its answer, and the refusal it gets past them.
 */
package org.newpathkg.guard.query;
