/**
 * The functions a query may call, made safe where ARQ's cancellation cannot reach inside one
 * expression: regexes on RE2/J, bounded value sizes, extensions switched off.
 */
package org.newpathkg.guard.functions;
