/**
 * The public endpoint's limits: {@link org.newpathkg.guard.Limits} holds every value,
 * {@link org.newpathkg.guard.GuardModule} installs them into Fuseki and Jetty. What Jetty and ARQ
 * do is theirs; the sub-packages hold only what they do not: {@code http} admits requests,
 * {@code query} bounds one query, {@code functions} makes the functions a query calls safe.
 */
package org.newpathkg.guard;
