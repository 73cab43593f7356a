package org.newpathkg.guard.functions;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Multiply;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrEncodeForURI;
import org.apache.jena.sparql.expr.E_StrLowerCase;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.E_StrUpperCase;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction1;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.newpathkg.guard.query.QueryRefused;

/**
 * The expression rewrite every served query goes through, installed as the optimizer of the
 * dataset's context ({@code ARQConstants.sysOptimizerFactory}, ARQ's per-context hook) in front
 * of the standard optimizer:
 * <ul>
 * <li>{@code REGEX} and {@code REPLACE} become calls of {@code fn:matches} and {@code fn:replace},
 * which the endpoint's function registry binds to {@link SafeRegex} (RE2/J). ARQ evaluates the
 * two keywords with {@code java.util.regex} whatever the registry says.</li>
 * <li>The built-ins that can make a value longer than their arguments ({@code CONCAT},
 * {@code ENCODE_FOR_URI}, {@code UCASE}, {@code LCASE}, multiplication) have their result
 * checked against the value limit. Doubling a string ({@code BIND(CONCAT(?a, ?a) AS ?b)} and so
 * on) or an integer then stops at the limit with a 400 instead of exhausting the heap; functions
 * named by IRI are checked the same way by {@link ExtensionPolicy}.</li>
 * </ul>
 * A query running with ARQ's optimizer switched off ({@code ARQ.optimization=false}) would skip
 * this; nothing a client sends can switch it off.
 */
public final class SafeEvaluation {
    private SafeEvaluation() {}

    /** {@code base} (the optimizer that would otherwise run) preceded by the rewrite. */
    static RewriteFactory factory(RewriteFactory base, ValueLimit limit) {
        Rewriter rewriter = new Rewriter(limit);
        return context -> {
            var std = base.create(context);
            return op -> std.rewrite(rewrite(op, rewriter));
        };
    }

    static Op rewrite(Op op, ExprTransformCopy rewriter) {
        return Walker.transform(op, new TransformCopy(), rewriter);
    }

    /** The answer to a value past the limit. */
    static QueryRefused tooLong(long length, long max) {
        return QueryRefused.badRequest("Query too large: it builds a string of " + length
                + " characters; the limit for one value is " + max);
    }

    /** The largest value one expression may produce: characters of a string, bits of an integer. */
    record ValueLimit(int maxChars, int maxIntegerBits) {
        ValueLimit {
            if (maxChars < 1024 || maxIntegerBits < 64)
                throw new IllegalArgumentException("value limits too small: " + maxChars + " chars, " + maxIntegerBits + " bits");
        }

        /** {@code v}, if it is within the limit. */
        NodeValue check(NodeValue v) {
            if (v == null)
                return null;
            if (v.isInteger()) {
                BigInteger i = v.getInteger();
                if (i.bitLength() > maxIntegerBits)
                    throw QueryRefused.badRequest("Query too large: it builds an integer of " + i.bitLength()
                            + " bits; the limit for one value is " + maxIntegerBits);
                return v;
            }
            if (v.isDecimal()) {
                BigDecimal d = v.getDecimal();
                if (d.unscaledValue().bitLength() > maxIntegerBits || Math.abs((long) d.scale()) > maxChars)
                    throw QueryRefused.badRequest("Query too large: it builds a decimal of " + d.precision()
                            + " digits; the limit for one value is " + maxIntegerBits + " bits");
                return v;
            }
            if (v.isString() || v.isLangString()) {
                int n = v.getString().length();
                if (n > maxChars)
                    throw tooLong(n, maxChars);
                return v;
            }
            Node n = v.asNode();
            if (n != null && n.isLiteral() && n.getLiteralLexicalForm().length() > maxChars)
                throw tooLong(n.getLiteralLexicalForm().length(), maxChars);
            if (n != null && n.isURI() && n.getURI().length() > maxChars)
                throw tooLong(n.getURI().length(), maxChars);
            return v;
        }
    }

    /** Rewrites the two regex keywords and bounds the built-ins that grow values. */
    static final class Rewriter extends ExprTransformCopy {
        private final ValueLimit limit;

        Rewriter(ValueLimit limit) {
            this.limit = limit;
        }

        @Override
        public Expr transform(ExprFunctionN func, ExprList args) {
            if (func instanceof E_Regex)
                return new E_Function(SafeRegex.FN + "matches", args);
            if (func instanceof E_StrReplace)
                return new E_Function(SafeRegex.FN + "replace", args);
            Expr e = super.transform(func, args);
            return func instanceof E_StrConcat ? new Bounded(e, limit) : e;
        }

        @Override
        public Expr transform(ExprFunction1 func, Expr arg) {
            Expr e = super.transform(func, arg);
            if (func instanceof E_StrEncodeForURI || func instanceof E_StrUpperCase || func instanceof E_StrLowerCase)
                return new Bounded(e, limit);
            return e;
        }

        @Override
        public Expr transform(ExprFunction2 func, Expr a, Expr b) {
            Expr e = super.transform(func, a, b);
            return func instanceof E_Multiply ? new Bounded(e, limit) : e;
        }
    }

    /** Its argument's value, refused if past the limit. Printed as {@code bounded(...)} in plans. */
    static final class Bounded extends ExprFunction1 {
        private final ValueLimit limit;

        Bounded(Expr expr, ValueLimit limit) {
            super(expr, "bounded");
            this.limit = limit;
        }

        @Override
        public NodeValue eval(NodeValue v) {
            return limit.check(v);
        }

        @Override
        public Expr copy(Expr expr) {
            return new Bounded(expr, limit);
        }
    }
}
