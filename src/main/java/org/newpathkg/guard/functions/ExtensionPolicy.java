package org.newpathkg.guard.functions;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.jena.query.ARQ;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIter1;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.Function;
import org.apache.jena.sparql.function.FunctionBase;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionFactory;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunction;
import org.apache.jena.sparql.pfunction.PropertyFunctionFactory;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;
import org.newpathkg.guard.Limits;
import org.newpathkg.guard.query.QueryRefused;
import org.newpathkg.log.LogText;

/**
 * What a query may call, set in the served dataset's context:
 * <ul>
 * <li>Every standard XPath/XSD function and cast and ARQ's function library ({@code fn:},
 * {@code xsd:}, {@code math:}, {@code afn:}, {@code ofn:}...) answer as on a stock Fuseki, except
 * that pattern matching runs on RE2/J ({@link SafeRegex}), results are bounded by the value limit
 * ({@link SafeEvaluation.ValueLimit}), and a function used with the wrong arguments is a 400
 * instead of an error logged for every row.</li>
 * <li>Switched off: script functions ({@code js:}); functions and property functions named by a
 * Java class ({@code <java:...>}, which would load and initialise any class on the classpath);
 * {@code afn:wait} (holds a query slot asleep), {@code afn:print} (writes to the server's
 * output) and {@code afn:context} (shows the server's settings).</li>
 * <li>The expression rewrite of {@link SafeEvaluation} runs before ARQ's optimizer.</li>
 * </ul>
 * ARQ's registries are JVM-wide; the ones set here wrap them for this context only.
 *
 * <pre>{@code
 * ExtensionPolicy.apply(dataset.getContext(), limits);
 * }</pre>
 */
public final class ExtensionPolicy {
    private ExtensionPolicy() {}

    static final String AFN = ARQConstants.ARQFunctionLibraryURI;
    static final String AFN2 = ARQConstants.ARQFunctionLibraryURI_Jena2;
    static final String LEVIATHAN = "http://www.dotnetrdf.org/leviathan#";
    /** Functions of ARQ's library a public endpoint does not offer; see the class comment. */
    static final Set<String> SWITCHED_OFF = Set.of("wait", "print", "context");

    /** Bits of one integer a query may build (about 30,000 decimal digits): far past any use, and quick to multiply. */
    static final int MAX_INTEGER_BITS = 100_000;

    /**
     * Applies the policy to {@code cxt} with {@code limits.maxValueChars()} as the value limit;
     * refuses to go on if scripting was switched on for this JVM.
     */
    public static void apply(Context cxt, Limits limits) {
        SafeEvaluation.ValueLimit limit = new SafeEvaluation.ValueLimit(limits.maxValueChars(), MAX_INTEGER_BITS);
        if ("true".equals(System.getProperty(ARQ.systemPropertyScripting)))
            throw new IllegalStateException("-D" + ARQ.systemPropertyScripting + "=true enables JavaScript functions in "
                    + "queries; the public endpoint does not start with it. Remove the property.");
        cxt.remove(ARQ.symJavaScriptFunctions);
        cxt.remove(ARQ.symJavaScriptLibFile);
        // The dataset's own context usually has no registry: the JVM-wide one is what ARQ would use.
        FunctionRegistry functions = FunctionRegistry.get(cxt);
        if (functions instanceof Functions f)
            functions = f.base;
        if (functions == null)
            functions = FunctionRegistry.get();
        FunctionRegistry.set(cxt, new Functions(functions, limit));
        PropertyFunctionRegistry pfs = PropertyFunctionRegistry.chooseRegistry(cxt);
        if (pfs instanceof PropertyFunctions p)
            pfs = p.base;
        PropertyFunctionRegistry.set(cxt, new PropertyFunctions(pfs));
        Object optimizer = cxt.get(ARQConstants.sysOptimizerFactory);
        RewriteFactory base = optimizer instanceof Rewriting r ? r.base
                : optimizer instanceof RewriteFactory f ? f : Optimize.getFactory();
        cxt.set(ARQConstants.sysOptimizerFactory, new Rewriting(base, SafeEvaluation.factory(base, limit)));
    }

    static boolean isJavaURI(String uri) {
        return uri != null && uri.regionMatches(true, 0, "java:", 0, 5);
    }

    /** The local name of {@code uri} in ARQ's function library, or null. */
    static String afn(String uri) {
        if (uri.startsWith(AFN))
            return uri.substring(AFN.length());
        if (uri.startsWith(AFN2))
            return uri.substring(AFN2.length());
        return null;
    }

    /** The rewrite and the optimizer it runs in front of (kept so that applying twice does not stack). */
    private record Rewriting(RewriteFactory base, RewriteFactory withRewrite) implements RewriteFactory {
        @Override
        public org.apache.jena.sparql.algebra.optimize.Rewrite create(Context context) {
            return withRewrite.create(context);
        }
    }

    /** The registry in force, with the changes of the class comment. */
    private static final class Functions extends FunctionRegistry {
        private final FunctionRegistry base;
        private final SafeEvaluation.ValueLimit limit;

        Functions(FunctionRegistry base, SafeEvaluation.ValueLimit limit) {
            this.base = base;
            this.limit = limit;
        }

        @Override
        public FunctionFactory get(String uri) {
            if (uri == null)
                return null;
            if (isJavaURI(uri))
                // Never loaded: an evaluation error, as for any unknown function.
                return u -> new Unknown(u);
            String local = afn(uri);
            if (local != null && SWITCHED_OFF.contains(local))
                return u -> new Refused(u);
            if (uri.equals(SafeRegex.FN + "matches"))
                return u -> new Guarded(new SafeRegex.Matches(), u, limit);
            if (uri.equals(SafeRegex.FN + "replace"))
                return u -> new Guarded(new SafeRegex.Replace(limit.maxChars()), u, limit);
            FunctionFactory f = base.get(uri);
            if (f == null)
                // Unknown: an evaluation error, as in ARQ, without its warning line per query.
                return u -> new Unknown(u);
            return u -> new Guarded(f.create(u), u, limit);
        }

        @Override public boolean isRegistered(String uri) { return !isJavaURI(uri) && base.isRegistered(uri); }
        @Override public void put(String uri, FunctionFactory f) { base.put(uri, f); }
        @Override public FunctionFactory remove(String uri) { return base.remove(uri); }
        @Override public Iterator<String> keys() { return base.keys(); }
    }

    /**
     * A function of the registry with its misuse made a 400, its unexpected failures made
     * evaluation errors (ARQ logs a stack trace per row for those inside a FILTER), its arguments
     * checked where a small one asks for a huge result, and its result bounded.
     */
    private static final class Guarded implements Function {
        private final Function f;
        private final String uri;
        private final SafeEvaluation.ValueLimit limit;

        Guarded(Function f, String uri, SafeEvaluation.ValueLimit limit) {
            this.f = f;
            this.uri = uri;
            this.limit = limit;
        }

        @Override
        public void build(String u, ExprList args, Context context) {
            try {
                f.build(u, args, context);
            } catch (QueryBuildException | ExprException e) {
                throw QueryRefused.badRequest("Function " + LogText.quote("<" + u + ">", 200) + " used wrongly: "
                        + LogText.quote(e.getMessage(), 300));
            }
        }

        @Override
        public NodeValue exec(Binding binding, ExprList args, String u, FunctionEnv env) {
            try {
                if (f instanceof FunctionBase fb && needsArgumentCheck(uri)) {
                    List<NodeValue> values = new java.util.ArrayList<>(args.size());
                    for (int i = 0; i < args.size(); i++)
                        values.add(args.get(i).eval(binding, env));
                    checkArguments(uri, values, limit);
                    return limit.check(fb.exec(values));
                }
                return limit.check(f.exec(binding, args, u, env));
            } catch (ExprEvalException | QueryCancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExprEvalException(LogText.quote(uri, 200) + ": " + LogText.quote(String.valueOf(e.getMessage()), 200));
            }
        }
    }

    static boolean needsArgumentCheck(String uri) {
        return uri.equals(ARQConstants.mathPrefix + "pow") || uri.equals(LEVIATHAN + "pow")
                || uri.equals(LEVIATHAN + "factorial") || "sprintf".equals(afn(uri));
    }

    /** Refuses, before computing it, a result the value limit would refuse after hours of work. */
    static void checkArguments(String uri, List<NodeValue> args, SafeEvaluation.ValueLimit limit) {
        if (uri.endsWith("pow") && args.size() == 2 && args.get(0).isInteger() && args.get(1).isInteger()) {
            BigInteger base = args.get(0).getInteger().abs(), exp = args.get(1).getInteger();
            if (base.compareTo(BigInteger.ONE) > 0 && exp.signum() > 0
                    && exp.multiply(BigInteger.valueOf(base.bitLength() - 1L)).compareTo(BigInteger.valueOf(limit.maxIntegerBits())) > 0)
                throw QueryRefused.badRequest("Query too large: pow(" + LogText.quote(base.toString(), 20) + ", "
                        + LogText.quote(exp.toString(), 20) + ") is past the limit of " + limit.maxIntegerBits() + " bits for one value");
        } else if (uri.endsWith("factorial") && args.size() == 1 && args.get(0).isInteger()) {
            BigInteger n = args.get(0).getInteger();
            // log2(n!) < n log2(n)
            if (n.bitLength() > 31 || (long) n.intValue() * Math.max(1, 32 - Integer.numberOfLeadingZeros(n.intValue())) > limit.maxIntegerBits())
                throw QueryRefused.badRequest("Query too large: factorial(" + LogText.quote(n.toString(), 20)
                        + ") is past the limit of " + limit.maxIntegerBits() + " bits for one value");
        } else if (uri.endsWith("sprintf") && !args.isEmpty() && args.get(0).isString()) {
            // A width or precision in the format asks for that many characters before any check can see them.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{1,18}").matcher(args.get(0).getString());
            while (m.find())
                if (Long.parseLong(m.group()) > limit.maxChars())
                    throw SafeEvaluation.tooLong(Long.parseLong(m.group()), limit.maxChars());
        }
    }

    /** A function of ARQ's library switched off here: a 400 that names it. */
    private record Refused(String uri) implements Function {
        @Override
        public void build(String u, ExprList args, Context context) {
            throw refusal(u);
        }

        @Override
        public NodeValue exec(Binding binding, ExprList args, String u, FunctionEnv env) {
            throw refusal(u);
        }

        private static QueryRefused refusal(String u) {
            return QueryRefused.badRequest("Function " + LogText.quote("<" + u + ">", 200) + " is switched off on this endpoint");
        }
    }

    /** A function IRI nothing implements. */
    private record Unknown(String uri) implements Function {
        @Override
        public void build(String u, ExprList args, Context context) {}

        @Override
        public NodeValue exec(Binding binding, ExprList args, String u, FunctionEnv env) {
            throw new ExprEvalException("Unknown function");
        }
    }

    /**
     * A property function whose misuse (wrong arguments, an unbound subject, a bad text query) is
     * a 400 for the whole query. ARQ raises those as query or expression exceptions when the plan
     * is built or a row is evaluated: a 500 at the top level, and inside {@code FILTER EXISTS} a
     * silent "false" with a stack trace logged for every row.
     */
    private record GuardedPropertyFunction(PropertyFunction f, String uri) implements PropertyFunction {
        @Override
        public void build(PropFuncArg argSubject, Node predicate, PropFuncArg argObject, ExecutionContext execCxt) {
            guarded(() -> {
                f.build(argSubject, predicate, argObject, execCxt);
                return null;
            });
        }

        @Override
        public QueryIterator exec(QueryIterator input, PropFuncArg argSubject, Node predicate, PropFuncArg argObject,
                                  ExecutionContext execCxt) {
            QueryIterator it = guarded(() -> f.exec(input, argSubject, predicate, argObject, execCxt));
            return new QueryIter1(it, execCxt) {
                @Override
                protected boolean hasNextBinding() {
                    return guarded(() -> getInput().hasNext());
                }

                @Override
                protected Binding moveToNextBinding() {
                    return getInput().next();
                }

                @Override
                protected void requestSubCancel() {}

                @Override
                protected void closeSubIterator() {}
            };
        }

        /** What {@code step} returns; a query error it raises (a cancellation passes) is this function's misuse. */
        private <T> T guarded(java.util.function.Supplier<T> step) {
            try {
                return step.get();
            } catch (QueryCancelledException e) {
                throw e;
            } catch (QueryException e) {
                throw misused(uri, e);
            }
        }

        static QueryRefused misused(String uri, RuntimeException e) {
            return QueryRefused.badRequest("Property function " + LogText.quote("<" + uri + ">", 200) + " cannot run here: "
                    + LogText.quote(String.valueOf(e.getMessage()), 300));
        }
    }

    private static final class PropertyFunctions extends PropertyFunctionRegistry {
        private static final Set<String> STR_SPLIT = Set.of(ARQConstants.ARQPropertyFunctionLibraryURI + "strSplit",
                ARQConstants.ARQPropertyFunctionLibraryURI_Jena2 + "strSplit");
        private final PropertyFunctionRegistry base;

        PropertyFunctions(PropertyFunctionRegistry base) {
            this.base = base;
        }

        @Override
        public PropertyFunctionFactory get(String uri) {
            if (isJavaURI(uri))
                return null;
            PropertyFunctionFactory f = STR_SPLIT.contains(uri) ? u -> new SafeRegex.StrSplit() : base.get(uri);
            return f == null ? null : u -> new GuardedPropertyFunction(f.create(u), u);
        }

        @Override public boolean manages(String uri) { return !isJavaURI(uri) && (STR_SPLIT.contains(uri) || base.manages(uri)); }
        @Override public boolean isRegistered(String uri) { return !isJavaURI(uri) && (STR_SPLIT.contains(uri) || base.isRegistered(uri)); }
        @Override public void put(String uri, PropertyFunctionFactory f) { base.put(uri, f); }
        @Override public PropertyFunctionFactory remove(String uri) { return base.remove(uri); }
        @Override public Iterator<String> keys() { return base.keys(); }
    }
}
