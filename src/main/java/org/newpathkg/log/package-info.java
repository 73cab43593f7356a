/**
 * Logging that client text cannot forge: every line escaped and cut, whichever library logs it.
 */
package org.newpathkg.log;
