package org.newpathkg.guard.functions;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionBase;
import org.apache.jena.sparql.pfunction.PFuncSimpleAndList;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.util.IterLib;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.newpathkg.guard.query.QueryRefused;
import org.newpathkg.log.LogText;

/**
 * Regular expressions of queries ({@code REGEX}, {@code REPLACE}, {@code fn:matches},
 * {@code fn:replace}, {@code apf:strSplit}) on RE2/J, which matches in time linear in the text:
 * no pattern can backtrack for minutes inside one expression evaluation, where no deadline check
 * can reach it. ARQ's own choice ({@code ARQ.regexImpl}) is between {@code java.util.regex} and
 * Xerces, both backtracking, and it is JVM-wide; so the endpoint instead binds these functions
 * here (see {@link ExtensionPolicy}) and rewrites the two SPARQL keywords into them
 * ({@link SafeEvaluation}).
 * <p>
 * A pattern RE2/J cannot run (backreferences, lookahead, lookbehind, possessive or atomic
 * groups) is refused with a 400 that says so. Linear is not free: the work of one match is
 * bounded too (compiled program size times text length).
 */
public final class SafeRegex {
    static final String FN = "http://www.w3.org/2005/xpath-functions#";
    /** Compiled program instructions a pattern may have (RE2's own repetition limit is 1,000 per operator). */
    static final int MAX_PROGRAM = 10_000;
    /** Program instructions times characters one match may cost (about a second of RE2/J's NFA). */
    static final long MAX_WORK = 300_000_000L;

    private SafeRegex() {}

    /**
     * {@code pattern} compiled with XPath flags ({@code s m i x q}).
     *
     * @throws ExprEvalException for a flag XPath does not define or a pattern no engine accepts
     *         (an evaluation error, as in ARQ)
     * @throws QueryRefused for a valid pattern RE2/J cannot run, or one too large
     */
    static Pattern compile(String pattern, String flags) {
        int mask = 0;
        String p = pattern;
        if (flags != null) {
            for (int i = 0; i < flags.length(); i++) {
                switch (flags.charAt(i)) {
                    case 'i' -> mask |= Pattern.CASE_INSENSITIVE;
                    case 'm' -> mask |= Pattern.MULTILINE;
                    case 's' -> mask |= Pattern.DOTALL;
                    case 'x', 'q' -> { }
                    default -> throw new ExprEvalException("Unsupported flag in regex modifiers: " + flags.charAt(i));
                }
            }
            if (flags.indexOf('q') >= 0)
                p = Pattern.quote(p);
            else if (flags.indexOf('x') >= 0)
                p = withoutWhitespace(p);
        }
        // RE2 compiles x{n,m} to m copies of x, so nested counts multiply: (.{0,1000}){1000}x
        // is two million instructions and seconds of CPU to compile. Refused before compiling.
        long least = leastProgramSize(p);
        if (least > MAX_PROGRAM)
            throw tooLarge(pattern, least);
        Pattern compiled;
        try {
            compiled = Pattern.compile(p, mask);
        } catch (PatternSyntaxException e) {
            try {
                java.util.regex.Pattern.compile(p);
            } catch (java.util.regex.PatternSyntaxException invalid) {
                throw new ExprEvalException("Regex pattern exception: " + invalid.getDescription());
            }
            throw QueryRefused.badRequest("Regular expression not supported: this endpoint runs patterns on a "
                    + "linear-time engine (RE2), which has no backreferences, lookahead, lookbehind or possessive "
                    + "quantifiers (" + e.getDescription() + " in " + LogText.quote(pattern, 80) + ")");
        }
        if (compiled.programSize() > MAX_PROGRAM)
            throw tooLarge(pattern, compiled.programSize());
        return compiled;
    }

    /**
     * The 400 for a constant pattern ARQ's parser refused: {@code REGEX} and {@code REPLACE}
     * compile a constant pattern with {@code java.util.regex} while the query is parsed (before
     * the rewrite to RE2/J), and the message names the Java exception. Said here in the query's
     * terms: what is wrong, where in which pattern.
     */
    public static QueryRefused invalidAtParse(ExprEvalException e) {
        String m = String.valueOf(e.getMessage());
        // "Regex pattern exception: java.util.regex.PatternSyntaxException: Unclosed group near index 1\n(\n ^"
        String detail = m.replaceFirst("^[^:]*pattern exception: (?:[a-z]+\\.)+[A-Za-z]+Exception: ", "");
        String[] lines = detail.split("\n");
        String what = lines[0].replaceAll("\\b(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error):? ?", "").strip();
        String pattern = lines.length > 1 ? lines[1] : "";
        return QueryRefused.badRequest("Regular expression not valid: " + LogText.quote(what, 120)
                + (pattern.isEmpty() ? "" : " in " + LogText.quote(pattern, 80)));
    }

    /** True if {@code query} may hold a constant pattern ARQ's parser compiles (a cheap test of its text). */
    public static boolean mayCompileAtParse(String query) {
        String q = query.toLowerCase(java.util.Locale.ROOT);
        return q.contains("regex") || q.contains("replace");
    }

    private static QueryRefused tooLarge(String pattern, long steps) {
        return QueryRefused.badRequest("Regular expression too large: " + LogText.quote(pattern, 80) + " stands for at least "
                + steps + " matching steps (a repetition {n,m} repeats what it follows m times, and nested repetitions "
                + "multiply); the limit is " + MAX_PROGRAM + ". Use smaller or fewer repetition counts.");
    }

    /**
     * A lower bound of the instructions RE2 compiles {@code p} to, from the pattern's text alone
     * (linear in its length): one per character, class or escape; the largest branch of an
     * alternation (RE2 factors common prefixes); {@code x{n,m}} counts {@code x} max(n, m) times,
     * as RE2 expands it; two more for a capturing group, one for an empty group or an anchor
     * (all measured on RE2/J 1.8; {@code SafeRegexTest} checks the bound on random patterns). RE2/J has
     * no such check before it compiles (RE2 and Go's parser have one; RE2/J 1.8 does not), and
     * a bound that is never above the real size refuses no pattern the compiled check would let
     * through. An invalid pattern gets some number here and its error from the compiler.
     */
    static long leastProgramSize(String p) {
        return new SizeScanner(p).alternation();
    }

    /** The recursive descent behind {@link #leastProgramSize}; sizes saturate at {@code Long.MAX_VALUE / 2}. */
    private static final class SizeScanner {
        private static final long CAP = Long.MAX_VALUE / 2;
        private final String p;
        private int i;
        /** Size of the part of the last atom a repetition after it does not repeat (all of \\Q...\\E but its last character). */
        private long unrepeated;

        SizeScanner(String p) {
            this.p = p;
        }

        /** Branches up to an unmatched ')' or the end: the largest. */
        long alternation() {
            long max = 0;
            while (true) {
                max = Math.max(max, sequence());
                if (i < p.length() && p.charAt(i) == '|')
                    i++;
                else
                    return max;
            }
        }

        private long sequence() {
            long sum = 0;
            while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
                unrepeated = 0;
                long atom = atom();
                sum = Math.min(CAP, sum + unrepeated + repeated(atom));
            }
            return Math.max(1, sum); // even an empty one compiles to an instruction
        }

        /** One atom's size; {@code i} moves past it. */
        private long atom() {
            char c = p.charAt(i++);
            switch (c) {
                case '(' -> {
                    int capture = 2; // its start and end
                    if (i < p.length() && p.charAt(i) == '?') {
                        capture = 0;
                        // (?flags) is zero-width; (?flags:...), (?P<name>...) and (?<name>...) are groups.
                        int j = i + 1;
                        while (j < p.length() && (Character.isLetter(p.charAt(j)) || p.charAt(j) == '-'))
                            j++;
                        if (j < p.length() && p.charAt(j) == ')') {
                            i = j + 1;
                            return 0;
                        }
                        if (j < p.length() && p.charAt(j) == ':')
                            i = j + 1;
                        else if (j < p.length() && p.charAt(j) == '<' || j + 1 < p.length() && p.charAt(j) == 'P' && p.charAt(j + 1) == '<') {
                            int close = p.indexOf('>', j);
                            i = close < 0 ? p.length() : close + 1;
                            capture = 2;
                        }
                    }
                    long inner = alternation();
                    unrepeated = 0; // the group is repeated whole
                    if (i < p.length())
                        i++; // ')'
                    return Math.min(CAP, inner + capture);
                }
                case '[' -> {
                    if (i < p.length() && p.charAt(i) == '^')
                        i++;
                    if (i < p.length() && p.charAt(i) == ']')
                        i++;
                    while (i < p.length() && p.charAt(i) != ']') {
                        if (p.charAt(i) == '\\')
                            i++;
                        else if (p.startsWith("[:", i)) {
                            int close = p.indexOf(":]", i + 2);
                            if (close > 0)
                                i = close + 1;
                        }
                        i++;
                    }
                    i++;
                    return 1;
                }
                case '^', '$' -> {
                    return 1;
                }
                case '\\' -> {
                    if (i >= p.length())
                        return 0;
                    char e = p.charAt(i++);
                    if (e == 'Q') {
                        int end = p.indexOf("\\E", i);
                        int n = (end < 0 ? p.length() : end) - i;
                        i = end < 0 ? p.length() : end + 2;
                        // A repetition after the quoted text repeats its last character only.
                        unrepeated += Math.max(0, n - 1);
                        return Math.min(n, 1);
                    }
                    if ((e == 'p' || e == 'P' || e == 'x') && i < p.length() && p.charAt(i) == '{') {
                        int close = p.indexOf('}', i);
                        i = close < 0 ? p.length() : close + 1;
                    } else if (e == 'p' || e == 'P') {
                        i = Math.min(p.length(), i + 1);
                    } else if (e == 'x') {
                        i = Math.min(p.length(), i + 2);
                    }
                    return 1;
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i < p.length() && Character.isLowSurrogate(p.charAt(i)))
                        i++;
                    return 1;
                }
            }
        }

        /** {@code atom} with the repetition operators after it (several may follow one another). */
        private long repeated(long atom) {
            long size = atom;
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == '*' || c == '+' || c == '?') {
                    i++;
                } else if (c == '{') {
                    int close = p.indexOf('}', i);
                    String spec = close < 0 ? "" : p.substring(i + 1, close);
                    if (!spec.matches("\\d{1,9}(,\\d{0,9})?"))
                        return size; // a literal '{', counted as the next atom
                    int comma = spec.indexOf(',');
                    long n = Long.parseLong(comma < 0 ? spec : spec.substring(0, comma));
                    long m = comma < 0 || comma == spec.length() - 1 ? n : Long.parseLong(spec.substring(comma + 1));
                    size = Math.min(CAP, size * Math.max(n, m));
                    i = close + 1;
                } else {
                    return size;
                }
                if (i < p.length() && p.charAt(i) == '?')
                    i++; // lazy
            }
            return size;
        }
    }

    /** XPath's {@code x} flag: whitespace is removed except inside a character class. */
    static String withoutWhitespace(String p) {
        StringBuilder b = new StringBuilder(p.length());
        int depth = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                b.append(c).append(p.charAt(++i));
                continue;
            }
            if (c == '[')
                depth++;
            else if (c == ']' && depth > 0)
                depth--;
            if (depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))
                continue;
            b.append(c);
        }
        return b.toString();
    }

    /** Refuses a match whose worst-case cost is past {@link #MAX_WORK}. */
    static Matcher matcher(Pattern p, String text) {
        if ((long) p.programSize() * text.length() > MAX_WORK)
            throw QueryRefused.badRequest("Regular expression too costly: a pattern of " + p.programSize()
                    + " instructions on a string of " + text.length() + " characters is past this endpoint's limit");
        return p.matcher(text);
    }

    /**
     * The last pattern compiled by one function instance: most patterns are constants. Its failure
     * is kept too: an invalid pattern computed per row ({@code REGEX(?o, CONCAT("(", ""))}) was
     * parsed twice and refused for every row, seconds on the essay's 20,000 rows.
     */
    private static final class LastPattern {
        private String pattern, flags;
        private Pattern compiled;
        private RuntimeException failure;

        Pattern get(String pattern, String flags) {
            if (!pattern.equals(this.pattern) || !java.util.Objects.equals(flags, this.flags)) {
                this.pattern = pattern;
                this.flags = flags;
                compiled = null;
                failure = null;
                try {
                    compiled = compile(pattern, flags);
                } catch (ExprEvalException | QueryRefused e) {
                    failure = e;
                }
            }
            if (failure != null)
                throw failure;
            return compiled;
        }
    }

    /** Refuses a call of {@code fn} without {@code n} arguments and the optional flags. */
    private static void arguments(String fn, ExprList args, int n) {
        if (args.size() != n && args.size() != n + 1)
            throw new QueryBuildException(fn + ": wanted " + n + " or " + (n + 1) + " arguments, got " + args.size());
    }

    private static String string(String fn, NodeValue nv) {
        return NodeValueOps.checkAndGetStringLiteral(fn, nv).getLiteralLexicalForm();
    }

    /** {@code fn:matches} and SPARQL {@code REGEX}: true if the pattern matches anywhere in the string. */
    static final class Matches extends FunctionBase {
        private final LastPattern last = new LastPattern();

        @Override
        public void checkBuild(String uri, ExprList args) {
            arguments("REGEX", args, 2);
        }

        @Override
        public NodeValue exec(List<NodeValue> args) {
            String text = string("REGEX", args.get(0));
            String flags = args.size() == 3 ? string("REGEX", args.get(2)) : null;
            Pattern p = last.get(string("REGEX", args.get(1)), flags);
            return NodeValue.booleanReturn(matcher(p, text).find());
        }
    }

    /** {@code fn:replace} and SPARQL {@code REPLACE}, with the result bounded in length. */
    static final class Replace extends FunctionBase {
        private final LastPattern last = new LastPattern();
        private final int maxChars;

        Replace(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void checkBuild(String uri, ExprList args) {
            arguments("REPLACE", args, 3);
        }

        @Override
        public NodeValue exec(List<NodeValue> args) {
            NodeValue input = args.get(0);
            String text = string("REPLACE", input);
            String replacement = string("REPLACE", args.get(2));
            String flags = args.size() == 4 ? string("REPLACE", args.get(3)) : null;
            Matcher m = matcher(last.get(string("REPLACE", args.get(1)), flags), text);
            StringBuilder out = null;
            try {
                while (m.find()) {
                    if (out == null)
                        out = new StringBuilder();
                    else if (m.start() == m.end())
                        continue; // like ARQ: one empty match, then only non-empty ones
                    m.appendReplacement(out, replacement);
                    if (out.length() > maxChars)
                        throw SafeEvaluation.tooLong(out.length(), maxChars);
                }
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new ExprEvalException("REPLACE: " + e.getMessage());
            }
            if (out == null)
                return input;
            m.appendTail(out);
            if (out.length() > maxChars)
                throw SafeEvaluation.tooLong(out.length(), maxChars);
            String result = out.toString();
            if (result.equals(text))
                return input;
            String lang = input.asNode().getLiteralLanguage();
            return lang == null || lang.isEmpty() ? NodeValue.makeString(result)
                    : NodeValue.makeNode(NodeFactory.createLiteralLang(result, lang));
        }
    }

    /**
     * {@code apf:strSplit}: {@code ?token apf:strSplit ("a,b" ",")} binds each piece, trimmed.
     * ARQ's own splits with {@code String.split}, a backtracking engine.
     */
    static final class StrSplit extends PFuncSimpleAndList {
        @Override
        public void build(PropFuncArg argSubject, Node predicate, PropFuncArg argObject, ExecutionContext execCxt) {
            super.build(argSubject, predicate, argObject, execCxt);
            if (argObject.getArgListSize() != 2)
                throw new QueryBuildException("apf:strSplit takes a list of two arguments: the string and a regular expression");
        }

        @Override
        public QueryIterator execEvaluated(Binding binding, Node subject, Node predicate, PropFuncArg object,
                                           ExecutionContext execCxt) {
            Node text = object.getArg(0), regex = object.getArg(1);
            if (!text.isLiteral() || !regex.isLiteral())
                return IterLib.noResults(execCxt);
            String s = text.getLiteralLexicalForm();
            List<String> tokens = new ArrayList<>();
            for (String t : matcher(compile(regex.getLiteralLexicalForm(), null), s).pattern().split(s))
                tokens.add(t.strip());
            if (Var.isVar(subject)) {
                Var v = Var.alloc(subject);
                List<Binding> out = new ArrayList<>(tokens.size());
                for (String t : tokens)
                    out.add(BindingFactory.binding(binding, v, NodeFactory.createLiteralString(t)));
                return QueryIterPlainWrapper.create(out.iterator(), execCxt);
            }
            return subject.isLiteral() && tokens.contains(subject.getLiteralLexicalForm())
                    ? IterLib.result(binding, execCxt) : IterLib.noResults(execCxt);
        }
    }
}
