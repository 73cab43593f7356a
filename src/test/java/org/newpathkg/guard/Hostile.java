package org.newpathkg.guard;

import static org.newpathkg.guard.Client.enc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.newpathkg.guard.query.CappedQueryProcessor;

/**
 * The attacks of issue 11's list, at least one request for each class, seeded so a run can be
 * replayed: backtracking regular expressions, string and number bombs, reflected parameters,
 * Host floods, log bombs, IRI-named functions, compressed and mis-encoded bodies, cache-versus-miss
 * differences, queries too deep to parse or plan, Lucene queries too complex to run, CORS with
 * credentials, and outward requests (SERVICE, FROM, query-ref...) aimed at a canary port. Each
 * attack says what a correct answer looks like beyond "not a 5xx".
 */
public final class Hostile {
    /** Text a reflected-script check looks for: injected by the requests, never written by the server. */
    static final String MARKER = "x-hostile-marker";

    /** True if {@code body} names a Java class or exception (a package-qualified name). */
    public static boolean namesJavaClass(String body) {
        return java.util.regex.Pattern.compile("\\b(?:java|javax|com|org)\\.[a-z]+\\.[a-zA-Z.]*[A-Z]").matcher(body).find()
                || body.contains("Exception");
    }
    static final String PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX fn: <http://www.w3.org/2005/xpath-functions#> "
            + "PREFIX afn: <http://jena.apache.org/ARQ/function#> PREFIX apf: <http://jena.apache.org/ARQ/property#> "
            + "PREFIX text: <http://jena.apache.org/text#> PREFIX math: <http://www.w3.org/2005/xpath-functions/math#> ";

    private Hostile() {}

    /**
     * One attack: its class (a line of the list), what it sends, and what its answer must
     * satisfy besides the checks every answer gets.
     */
    record Attack(String kind, String what, Supplier<Client.Answer> send, Predicate<Client.Answer> expect) {}

    /** The corpus against the server at {@code base} (port {@code port}); {@code canary} is a URL nothing may connect to. */
    static List<Attack> corpus(String base, int port, String canary, long seed) {
        Random r = new Random(seed);
        String sparql = base + "/newpath/sparql";
        List<Attack> out = new ArrayList<>();

        // 1. Backtracking regular expressions: REGEX, REPLACE, fn:matches, fn:replace, apf:strSplit, on data and on long strings.
        String longText = "a".repeat(20_000 + r.nextInt(20_000));
        for (String p : List.of("(.*a){12}x", "(a|aa)*b", "(a+)+$", "^(([a-z])+.)+[A-Z]([a-z])+$", "(x+x+)+y")) {
            out.add(get("redos", sparql, "SELECT ?s { ?s rdfs:label ?l FILTER REGEX(?l, \"" + p + "\") } LIMIT 5", Hostile::okOrRefused));
            out.add(get("redos", sparql, "SELECT (REGEX(\"" + longText + "\", \"" + p + "\") AS ?m) {}", Hostile::okOrRefused));
        }
        out.add(post("redos", sparql, "SELECT (REPLACE(\"" + longText + "\", \"(a*)*b\", \"x\") AS ?r) {}", Hostile::okOrRefused));
        out.add(get("redos", sparql, "SELECT (fn:matches(?l, \"(.*a){10}x\") AS ?m) { ?s rdfs:label ?l } LIMIT 50", Hostile::okOrRefused));
        out.add(get("redos", sparql, "SELECT (fn:replace(?l, \"(.*a){10}x\", \"-\") AS ?m) { ?s rdfs:label ?l } LIMIT 50", Hostile::okOrRefused));
        out.add(get("redos", sparql, "SELECT ?t { ?t apf:strSplit (\"" + "a".repeat(5_000) + "\" \"(a|aa)*b\") }", Hostile::okOrRefused));
        out.add(get("redos", sparql, "SELECT (REGEX(\"abab\", \"(ab)\\\\1\") AS ?m) {}", a -> a.status() == 400 && a.body().contains("linear-time")));
        // Refused from its text before it is compiled (2,002,003 instructions, seconds of CPU, if compiled).
        out.add(get("redos", sparql, "SELECT (REGEX(\"ab\", \"(.{0,1000}){1000}x\") AS ?m) {}",
                a -> a.status() == 400 && a.body().contains("too large") && !namesJavaClass(a.body())));
        // A syntax error in a constant pattern, raised by ARQ's parser, said without Java's exception names.
        out.add(get("redos", sparql, "SELECT ?s { ?s ?p ?o FILTER regex(?o, \"(\") }",
                a -> a.status() == 400 && a.body().contains("Unclosed group") && !namesJavaClass(a.body())));
        out.add(get("redos", sparql, "SELECT (REPLACE(\"a\", \"[\", \"b\") AS ?x) {}",
                a -> a.status() == 400 && a.body().contains("not valid") && !namesJavaClass(a.body())));

        // 2. String and number bombs: the 515-byte doubling query, and its relatives.
        out.add(get("string bomb", sparql, doubling("CONCAT(?v%d, ?v%d)", 40), a -> a.status() == 400 && a.body().contains("too large")));
        out.add(get("string bomb", sparql, doubling("?v%d * ?v%d", 40).replace("\"aaaaaaaa\"", "99999999999"),
                a -> a.status() == 400 && a.body().contains("too large")));
        out.add(get("string bomb", sparql, "SELECT (REPLACE(\"" + "a".repeat(4_000) + "\", \"a\", \"" + "$0".repeat(2_000) + "\") AS ?x) {}",
                a -> a.status() == 400));
        out.add(get("string bomb", sparql, "SELECT (afn:sprintf(\"%0999999999d\", 1) AS ?x) {}", a -> a.status() == 400));
        out.add(get("string bomb", sparql, "SELECT (math:pow(3, 2000000000) AS ?x) {}", a -> a.status() == 400));
        out.add(get("string bomb", sparql, "SELECT (STRLEN(GROUP_CONCAT(?l)) AS ?n) { ?s rdfs:label ?l . ?t rdfs:label ?m }",
                a -> a.status() == 200 || a.status() == 400 || a.status() == 503));

        // Response size: 40 rows of 200,000 characters (8 MB) are cut in bytes at the test server's 4 MB, not only in rows.
        out.add(get("string bomb", sparql, "SELECT ?i (afn:sprintf(\"%0200000d\", ?i) AS ?x) { VALUES ?i { "
                + "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 } }",
                a -> a.status() == 200 && "true".equals(a.header(CappedQueryProcessor.TRUNCATED)) && a.header(CappedQueryProcessor.LIMIT_BYTES) != null));

        // 3. Reflected parameters: the XML results' stylesheet and the JSON callback.
        String script = "\"><script>" + MARKER + "</script>";
        for (String param : List.of("stylesheet=" + enc("javascript:" + MARKER), "stylesheet=" + enc(script),
                "callback=" + enc(MARKER + "(1)"), "output=xml&stylesheet=" + enc("http://evil.example/" + MARKER + ".xsl")))
            out.add(new Attack("xss", param, () -> Client.get(sparql + "?query=" + enc("SELECT * { ?s ?p ?o } LIMIT 1") + "&" + param,
                    "Accept", "application/sparql-results+xml"), a -> a.status() == 400 || !a.body().contains("xml-stylesheet")));
        out.add(get("xss", sparql, "SELECT (\"<script>" + MARKER + "</script>\" AS ?x) {}", Hostile::ok));

        // 4. Host flood: distinct Host values (the memory check is GuardIT's; here: answered, nothing reflected raw).
        for (int i = 0; i < 20; i++) {
            String host = "h" + r.nextInt(1_000_000) + ".example";
            String path = i % 2 == 0 ? "/.well-known/void" : "/newpath/sparql?query=" + enc("ASK {}");
            out.add(new Attack("host flood", host + path, () -> raw(port, "GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n"), a -> a.status() < 500));
        }
        out.add(new Attack("host flood", "script in Host", () -> raw(port, "GET /.well-known/void HTTP/1.1\r\nHost: \"><script>"
                + MARKER + "</script>\r\nConnection: close\r\n\r\n"), a -> a.status() < 500));

        // 5. Log bombs: errors raised once per row (a refused SERVICE, a bad text:query inside FILTER EXISTS).
        out.add(get("log bomb", sparql, "SELECT ?s { ?s ?p ?o FILTER EXISTS { SERVICE <" + canary + "exists> { ?a ?b ?c } } } LIMIT 10",
                a -> a.status() == 400));
        out.add(get("log bomb", sparql, "SELECT ?s { ?s ?p ?o FILTER NOT EXISTS { ?x text:query (rdfs:label \"((((\") } } LIMIT 10",
                a -> a.status() < 500 || a.status() == 503));
        out.add(get("log bomb", sparql, "SELECT ?s { ?s ?p ?o FILTER(xsd:integer(?o) > 1 || fn:matches(?o, \"(\")) } LIMIT 10",
                a -> a.status() < 500 || a.status() == 503));
        out.add(get("log bomb", sparql, "SELECT ?s { ?s ?p ?o FILTER(afn:print(?o)) } LIMIT 10", a -> a.status() == 400));
        out.add(get("log bomb", sparql, "SELECT * { ?s ?p ?o } LIMIT 1\n\n[ERROR] forged log line " + MARKER, a -> a.status() == 400));
        // Jena decodes backslash-u escapes inside an IRI and prints it in its "Bad IRI" warning.
        out.add(get("log bomb", sparql, "ASK { <http://x/\\u000A[ERROR]\\u0020forged\\u0020log\\u0020line\\u0000" + MARKER + "> ?p ?o }",
                a -> a.status() < 500));

        // 6. Functions named by IRI: casts and library functions answer.
        out.add(get("iri functions", sparql, "SELECT (xsd:integer(\"7\") AS ?x) (fn:upper-case(\"abc\") AS ?u) (afn:localname(<http://x/y#z>) AS ?l) {}",
                a -> a.status() == 200 && a.body().contains("\"7\"") && a.body().contains("ABC") && a.body().contains("\"z\"")));
        out.add(get("iri functions", sparql, "SELECT (afn:wait(60000) AS ?x) {}", a -> a.status() == 400));
        out.add(get("iri functions", sparql, "SELECT (<java:org.newpathkg.guard.JavaFunctionCanary>(1) AS ?x) {}", a -> a.status() == 200));
        out.add(get("iri functions", sparql, "SELECT ?t { ?t apf:strSplit (\"a,b\") }", a -> a.status() == 400));

        // 7. Request bodies: gzip bomb, invalid gzip, invalid UTF-8 in POST and in GET.
        byte[] bomb = gzip(new byte[30 << 20]);
        out.add(new Attack("gzip", "gzip bomb " + bomb.length + " bytes", () -> Client.send(HttpRequest.newBuilder(URI.create(sparql))
                .header("Content-Type", "application/sparql-query").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bomb))), a -> a.status() == 415));
        out.add(new Attack("gzip", "invalid gzip", () -> Client.send(HttpRequest.newBuilder(URI.create(sparql))
                .header("Content-Type", "application/sparql-query").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray("not gzip at all".getBytes(StandardCharsets.UTF_8)))),
                a -> a.status() == 415));
        out.add(new Attack("utf-8", "invalid UTF-8 in a POST body", () -> Client.send(HttpRequest.newBuilder(URI.create(sparql))
                .header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'A', 'S', 'K', ' ', '{', (byte) 0xff, (byte) 0xfe, '}'}))),
                a -> a.status() == 400));
        out.add(new Attack("utf-8", "invalid UTF-8 in a GET query", () -> Client.get(sparql + "?query=ASK%20%7B%FF%FE%7D"),
                a -> a.status() == 400));

        // 8. Cache versus miss: each of these is sent twice and both answers must agree (checked by the test).
        out.add(get("cache", sparql, "SELECT ?s ?p ?o { ?s ?p ?o }", a -> "true".equals(a.header(CappedQueryProcessor.TRUNCATED))));
        out.add(new Attack("cache", "two query parameters", () -> Client.get(sparql + "?query=" + enc("ASK {}") + "&query=" + enc("ASK {}")),
                a -> a.status() == 400));
        out.add(new Attack("cache", "UTF-16 body", () -> Client.send(HttpRequest.newBuilder(URI.create(sparql))
                .header("Content-Type", "application/sparql-query;charset=utf-16")
                .POST(HttpRequest.BodyPublishers.ofByteArray("ASK {}".getBytes(StandardCharsets.UTF_16)))), a -> a.status() >= 400 && a.status() < 500));

        // 9. Too deep or too complex to parse, plan or run.
        int n = 3_000 + r.nextInt(100);
        out.add(post("deep", sparql, "SELECT * {" + "{} UNION ".repeat(n) + "{} } LIMIT 1", Hostile::okOrRefused));
        out.add(post("deep", sparql, "SELECT * " + "{ SELECT * ".repeat(1_500) + "{}" + " }".repeat(1_500), Hostile::refusedDeep));
        out.add(post("deep", sparql, "SELECT (" + "1 + ".repeat(15_000) + "1 AS ?x) {}", Hostile::refusedDeep));
        out.add(post("deep", sparql, "SELECT * { ?s " + "rdfs:label/".repeat(5_000) + "rdfs:label ?o }", Hostile::refusedDeep));
        out.add(post("deep", sparql, "SELECT * { ?s " + "rdfs:label|".repeat(5_000) + "rdfs:label ?o } LIMIT 1", Hostile::okOrRefused));
        out.add(post("deep", sparql, "SELECT * { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o ".repeat(2_000) + "}".repeat(2_000) + "} LIMIT 1", Hostile::refusedDeep));
        out.add(post("deep", sparql, "SELECT * " + "{".repeat(15_000) + "?s ?p ?o" + "}".repeat(15_000), Hostile::refusedDeep));

        // 10. Lucene queries too complex to run.
        for (String lucene : List.of("/[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x/", "/(.*a){20}x/", "/[ac]*a[ac]{60,200}/",
                "a~2 " + "OR b* ".repeat(2_000), "*a*b*c*d*e*f*g*"))
            out.add(get("lucene", sparql, "SELECT ?s { ?s text:query (rdfs:label \"" + lucene + "\") } LIMIT 5", Hostile::okOrRefused));

        // 11. CORS: any Origin, never with credentials.
        for (String origin : List.of("https://evil.example", "null"))
            out.add(new Attack("cors", "Origin " + origin, () -> Client.get(sparql + "?query=" + enc("ASK {}"), "Origin", origin,
                    "Cookie", "session=1"), a -> a.status() == 200 && !"true".equalsIgnoreCase(a.header("Access-Control-Allow-Credentials"))
                    && "*".equals(a.header("Access-Control-Allow-Origin")) && "nosniff".equals(a.header("X-Content-Type-Options"))));

        // 12. Outward requests the query or a parameter names: the canary must see none.
        for (String q : List.of("SELECT * { SERVICE <" + canary + "s> { ?s ?p ?o } }", "SELECT * FROM <" + canary + "from> { ?s ?p ?o } LIMIT 1",
                "SELECT * FROM NAMED <" + canary + "named> { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                "SELECT * { GRAPH <" + canary + "graph> { ?s ?p ?o } } LIMIT 1", "LOAD <" + canary + "load>",
                "SELECT * { BIND(IRI(\"" + canary + "iri\") AS ?x) SERVICE ?x { ?s ?p ?o } }"))
            out.add(get("canary", sparql, q, a -> a.status() < 500));
        for (String param : List.of("default-graph-uri=", "named-graph-uri=", "query-ref=", "using-graph-uri=", "graph="))
            out.add(new Attack("canary", param, () -> Client.get(sparql + "?query=" + enc("SELECT * { ?s ?p ?o } LIMIT 1") + "&" + param
                    + enc(canary + param)), a -> a.status() < 500));
        out.add(new Attack("canary", "query-ref alone", () -> Client.get(sparql + "?query-ref=" + enc(canary + "ref")), a -> a.status() < 500));
        return out;
    }

    /** The doubling query of the issue: {@code BIND("aaaaaaaa" AS ?v0)} then {@code steps} BINDs each doubling the last. */
    static String doubling(String step, int steps) {
        StringBuilder q = new StringBuilder("SELECT ?v" + steps + " { BIND(\"aaaaaaaa\" AS ?v0) ");
        for (int i = 1; i <= steps; i++)
            q.append("BIND(").append(String.format(Locale.ROOT, step, i - 1, i - 1)).append(" AS ?v").append(i).append(") ");
        return q.append("}").toString();
    }

    static boolean ok(Client.Answer a) {
        return a.status() == 200;
    }

    static boolean okOrRefused(Client.Answer a) {
        return a.status() == 200 || a.status() == 400 || a.status() == 413;
    }

    static boolean refusedDeep(Client.Answer a) {
        return a.status() == 400 && a.body().contains("too deeply nested");
    }

    /** A GET, or a POST when the query would not fit in a request line. */
    static Attack get(String kind, String url, String query, Predicate<Client.Answer> expect) {
        if (query.length() > 4_000)
            return post(kind, url, query, expect);
        return new Attack(kind, query, () -> Client.get(url + "?query=" + enc(PREFIXES + query), "Accept", "application/sparql-results+json"), expect);
    }

    static Attack post(String kind, String url, String query, Predicate<Client.Answer> expect) {
        return new Attack(kind, query, () -> Client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(PREFIXES + query))), expect);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A raw request's answer as an {@link Client.Answer}: status, headers and body. */
    static Client.Answer raw(int port, String request) {
        long t0 = System.nanoTime();
        String text = Client.raw(port, null, request);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        return new Client.Answer(Client.status(text), split < 0 ? "" : text.substring(split + 4), HttpHeaders.of(headers, (k, v) -> true),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Whether {@code a} carries the injected {@link #MARKER} in a form a browser would run: in a
     * document type it renders (HTML, XML, SVG, script) or with no type at all, or in an XML
     * stylesheet instruction. A plain-text error message that quotes the query is not a script.
     */
    static boolean reflectsScript(Client.Answer a) {
        String body = a.body() == null ? "" : a.body();
        if (body.contains("<?xml-stylesheet"))
            return true;
        if (!body.contains(MARKER))
            return false;
        String type = a.header("Content-Type");
        if (type == null)
            return true;
        type = type.toLowerCase(Locale.ROOT);
        boolean inert = type.startsWith("text/plain") || type.startsWith("text/csv") || type.startsWith("text/tab-separated-values")
                || type.contains("json");
        boolean escaped = !body.contains("<script>" + MARKER) && !body.contains("javascript:" + MARKER) && !body.contains(MARKER + "(");
        return !inert && !escaped;
    }
}
