package org.newpathkg.guard;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;

import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.exec.http.Service;
import org.apache.jena.sparql.function.FunctionFactory;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.pfunction.PropertyFunctionFactory;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * Switches off the ways a query could reach beyond the data: script functions ({@code js:}),
 * functions and property functions named by a Java class ({@code <java:...>}, which would load
 * and initialise any class on the classpath), and HTTP redirects from an allow-listed SERVICE
 * endpoint (which could point anywhere, a loopback or cloud-metadata address included).
 * Which SERVICE endpoints may be called at all is {@code server.QueryPolicy}'s job.
 *
 * <pre>{@code
 * ExtensionPolicy.apply(dataset.getContext());
 * }</pre>
 */
public final class ExtensionPolicy {
    private ExtensionPolicy() {}

    /** Applies the policy to {@code cxt}; refuses to go on if scripting was switched on for this JVM. */
    public static void apply(Context cxt) {
        if ("true".equals(System.getProperty(ARQ.systemPropertyScripting)))
            throw new IllegalStateException("-D" + ARQ.systemPropertyScripting + "=true enables JavaScript functions in "
                    + "queries; the public endpoint does not start with it. Remove the property.");
        cxt.remove(ARQ.symJavaScriptFunctions);
        cxt.remove(ARQ.symJavaScriptLibFile);
        FunctionRegistry functions = FunctionRegistry.get(cxt);
        if (!(functions instanceof NoJavaFunctions))
            FunctionRegistry.set(cxt, new NoJavaFunctions(functions));
        PropertyFunctionRegistry pfs = PropertyFunctionRegistry.chooseRegistry(cxt);
        if (!(pfs instanceof NoJavaPropertyFunctions))
            PropertyFunctionRegistry.set(cxt, new NoJavaPropertyFunctions(pfs));
        cxt.set(Service.httpQueryClient, HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    static boolean isJavaURI(String uri) {
        return uri != null && uri.regionMatches(true, 0, "java:", 0, 5);
    }

    /** The registry in force, minus {@code java:} class loading. */
    private static final class NoJavaFunctions extends FunctionRegistry {
        private final FunctionRegistry base;

        NoJavaFunctions(FunctionRegistry base) {
            this.base = base;
        }

        @Override public FunctionFactory get(String uri) { return isJavaURI(uri) ? null : base.get(uri); }
        @Override public boolean isRegistered(String uri) { return !isJavaURI(uri) && base.isRegistered(uri); }
        @Override public void put(String uri, FunctionFactory f) { base.put(uri, f); }
        @Override public FunctionFactory remove(String uri) { return base.remove(uri); }
        @Override public Iterator<String> keys() { return base.keys(); }
    }

    private static final class NoJavaPropertyFunctions extends PropertyFunctionRegistry {
        private final PropertyFunctionRegistry base;

        NoJavaPropertyFunctions(PropertyFunctionRegistry base) {
            this.base = base;
        }

        @Override public PropertyFunctionFactory get(String uri) { return isJavaURI(uri) ? null : base.get(uri); }
        @Override public boolean manages(String uri) { return !isJavaURI(uri) && base.manages(uri); }
        @Override public boolean isRegistered(String uri) { return !isJavaURI(uri) && base.isRegistered(uri); }
        @Override public void put(String uri, PropertyFunctionFactory f) { base.put(uri, f); }
        @Override public PropertyFunctionFactory remove(String uri) { return base.remove(uri); }
        @Override public Iterator<String> keys() { return base.keys(); }
    }
}
