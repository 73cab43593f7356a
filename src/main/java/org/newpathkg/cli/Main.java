package org.newpathkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.guard.Limits;
import org.newpathkg.load.DataException;
import org.newpathkg.load.DataLoader;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.QuotationCheck;
import org.newpathkg.load.SourceTree;
import org.newpathkg.load.Validator;
import org.newpathkg.server.NewpathServer;
import org.newpathkg.server.ServerConfig;
import org.newpathkg.server.QueryPolicy;

/**
 * The {@code newpath-kg} command line: one tool with subcommands.
 *
 * <pre>
 * java -jar target/newpath-kg.jar                       # serve on http://127.0.0.1:3030/newpath/sparql
 * java -jar target/newpath-kg.jar serve --port 0 --data . --tdb2 run/db
 * java -jar target/newpath-kg.jar validate --data .     # exit 0 ok, 1 violations, 2 usage or syntax error
 * java -jar target/newpath-kg.jar query queries/01-claims.rq --format tsv
 * java -jar target/newpath-kg.jar export --format nquads --out all.nq
 * java -jar target/newpath-kg.jar stats
 * </pre>
 */
public final class Main {
    static final int OK = 0, FAILED = 1, USAGE = 2;

    private static final String USAGE_TEXT = """
            Usage: newpath-kg [COMMAND] [OPTIONS]   (each command takes --help)

            Commands:
              serve      serve the read-only SPARQL endpoint (the default command)
              validate   check shapes, integrity checks and quotations; exit 0 ok, 1 violations, 2 error
              query      run a SPARQL query file against the loaded graph (inference and text index included)
              export     write every graph, inferred included, sorted (TriG or N-Quads)
              stats      triples per graph and instances per class

            Data comes from the copy packaged in the jar unless --data DIR names a project root
            (the folder that contains ontology/).
            """;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Entry point; exits with the command's status ({@code serve} runs until the process is stopped). */
    public static void main(String[] argv) {
        System.exit(new Main(System.out, System.err).run(argv));
    }

    /** Runs one command; returns its exit status. Used by {@link #main} and tests. */
    public int run(String... argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String cmd = args.isEmpty() || args.get(0).startsWith("--") ? "serve" : args.remove(0);
        if (cmd.equals("help") || cmd.equals("-h") || List.of(argv).equals(List.of("--help"))) {
            out.print(USAGE_TEXT + "\n" + SERVE_HELP);
            return OK;
        }
        try {
            return switch (cmd) {
                case "serve" -> serve(args);
                case "validate" -> validate(args);
                case "query" -> query(args);
                case "export" -> export(args);
                case "stats" -> stats(args);
                default -> throw new Args.UsageException("unknown command '" + cmd + "'");
            };
        } catch (Args.UsageException e) {
            err.println("newpath-kg " + cmd + ": " + e.getMessage());
            err.println("Try 'newpath-kg " + (cmd.matches("serve|validate|query|export|stats") ? cmd + " " : "") + "--help'.");
            return USAGE;
        } catch (DataException e) {
            err.println(e.getMessage());
            return cmd.equals("validate") ? USAGE : FAILED;
        }
    }

    private static boolean help(Args a, PrintStream out, String text) {
        if (a.has("help")) {
            out.print(text);
            return true;
        }
        return false;
    }

    private static SourceTree source(Args a) {
        String data = a.get("data", null);
        if (data == null)
            return SourceTree.classpath();
        Path root = Path.of(data);
        if (!Files.isDirectory(root.resolve("ontology")))
            throw new Args.UsageException("--data " + data + ": no ontology/ folder there; pass the project root");
        return SourceTree.directory(root);
    }

    static final String SERVE_HELP = """
            Usage: newpath-kg serve [--port N] [--host H] [--data DIR] [--tdb2 DIR] [--timeout SEC] [--allow-service URL]... [--base-url URL]
                                    [--cache-mb N] [--skip-validation] [limits, below]

              --port N             HTTP port (default 3030; 0 picks a free port and prints it)
              --host H             127.0.0.1 (default, this machine only) or 0.0.0.0 (all interfaces)
              --data DIR           project root containing ontology/ (default: the copy in the jar)
              --tdb2 DIR           keep a TDB2 database and Lucene index in DIR; reused while the sources are unchanged
              --allow-service URL  allow SERVICE calls to this endpoint (repeatable; default: none)
              --base-url URL       public base of the pages, e.g. https://example.org/ where w3id.org/newpath-kg/
                                   redirects to (default: the host each request names, http://localhost:PORT/)
              --cache-mb N         result cache size in MiB (default 64; 0 turns it off)
              --skip-validation    benchmarks only: serve without SHACL and integrity checks (logs a warning)

            Limits (a client may lower the timeouts with timeout=SEC or an X-Timeout: SEC header, never raise them):
              --timeout SEC               whole-query time limit (default 30); over it: 503
              --first-result-timeout SEC  time limit to the first result (default 10)
              --max-rows N                rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per answer (default 10000);
                                          a cut answer has the header X-Result-Truncated: true
              --max-concurrent N          queries executing at once (default 2 x cores, at least 4)
              --max-queue N               requests waiting for a slot, at most 5 s each (default 64); beyond: 429
              --rate-limit N              requests per second per client address (default 20; 0: off); over it: 429
              --rate-burst N              requests a client may send at once (default 2 x rate, at least 1)
              --max-body-kb N             request body limit (default 64); over it: 413
              --max-header-kb N           request line + headers limit (default 16); over it: 431 (414 for the URI)
              --idle-timeout SEC          close connections idle this long (default 30)
              --output-buffer-kb N        per-response output buffer (default 32; Fuseki's own is 5120, see apache/jena#4084)
            """;

    private int serve(List<String> argv) {
        Args a = new Args(argv, Set.of("port", "host", "data", "tdb2", "timeout", "allow-service", "base-url",
                "first-result-timeout", "max-rows", "max-concurrent", "max-queue", "rate-limit", "rate-burst",
                "max-body-kb", "max-header-kb", "idle-timeout", "output-buffer-kb", "cache-mb"), Set.of("help", "skip-validation"));
        if (help(a, out, SERVE_HELP))
            return OK;
        if (!a.positional().isEmpty())
            throw new Args.UsageException("unexpected argument " + a.positional().get(0));
        int port = (int) a.number("port", 3030, 0, 65535);
        String host = a.get("host", "127.0.0.1");
        long timeout = a.number("timeout", 30, 1, 86_400);
        long cacheMb = a.number("cache-mb", 64, 0, 1 << 20);
        Limits limits = limits(a, timeout);
        String baseUrl = a.get("base-url", null);
        ServerConfig config;
        try {
            config = ServerConfig.builder().host(host).port(port).baseUrl(baseUrl).allowService(a.all("allow-service"))
                    .cacheBytes(cacheMb << 20).limits(limits).build();
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        String tdb2 = a.get("tdb2", null);
        SourceTree src = source(a);
        KnowledgeGraph kg = Pipeline.load(src, tdb2 == null ? null : Path.of(tdb2), !a.has("skip-validation"));
        FusekiServer server = NewpathServer.build(kg.dataset(),
                config.toBuilder().dataVersion(cacheMb > 0 ? src.contentHash() : "").build()).start();
        out.println("newpath-kg listening on http://" + (host.equals("0.0.0.0") ? "0.0.0.0" : "127.0.0.1") + ":"
                + server.getHttpPort() + NewpathServer.DATASET + "/sparql");
        out.println("pages at http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + server.getHttpPort() + "/");
        out.println("port " + server.getHttpPort());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            kg.close();
        }));
        server.join();
        return OK;
    }

    /** The limit flags of {@code serve} on top of {@link Limits#DEFAULTS}. */
    static Limits limits(Args a, long timeoutSeconds) {
        Limits d = Limits.DEFAULTS;
        long first = a.number("first-result-timeout", d.firstResultMs() / 1000, 1, 86_400);
        long rate = a.number("rate-limit", (long) d.ratePerSecond(), 0, 1_000_000);
        return d.toBuilder()
                .overallMs(timeoutSeconds * 1000)
                .firstResultMs(Math.min(first, timeoutSeconds) * 1000)
                .maxRows((int) a.number("max-rows", d.maxRows(), 1, 10_000_000))
                .maxConcurrent((int) a.number("max-concurrent", d.maxConcurrent(), 1, 10_000))
                .maxQueue((int) a.number("max-queue", d.maxQueue(), 0, 100_000))
                .ratePerSecond(rate)
                .rateBurst((int) a.number("rate-burst", Math.max(1, 2 * rate), 1, 10_000_000))
                .maxBodyBytes((int) a.number("max-body-kb", d.maxBodyBytes() / 1024, 1, 1024 * 1024) * 1024)
                .maxHeaderBytes((int) a.number("max-header-kb", d.maxHeaderBytes() / 1024, 1, 1024) * 1024)
                .outputBufferBytes((int) a.number("output-buffer-kb", d.outputBufferBytes() / 1024, 1, 64 * 1024) * 1024)
                .idleTimeoutMs(a.number("idle-timeout", d.idleTimeoutMs() / 1000, 1, 86_400) * 1000)
                .build();
    }

    static final String VALIDATE_HELP = """
            Usage: newpath-kg validate [--data DIR] [--essay FILE]

              Parses the data, checks it against ontology/shapes.ttl and ontology/checks/*-violation.rq,
              and checks every quotation against the essay.
              --data DIR    project root containing ontology/ (default: the copy in the jar)
              --essay FILE  the essay text (default: ../shared/essay/000_3bd430a6fc254608.txt from the project root)
              Exit status: 0 no violations, 1 violations, 2 usage or syntax error.
            """;

    private int validate(List<String> argv) {
        Args a = new Args(argv, Set.of("data", "essay"), Set.of("help"));
        if (help(a, out, VALIDATE_HELP))
            return OK;
        SourceTree src = source(a);
        DataLoader.Loaded loaded = DataLoader.load(src);
        List<String> problems = new ArrayList<>();
        problems.addAll(Validator.shapes(loaded.shapes(), loaded.dataset()));
        problems.addAll(Validator.checks(src, loaded.dataset()));
        Path essay = a.has("essay") ? Path.of(a.get("essay", null)) : QuotationCheck.defaultEssay(src.root());
        QuotationCheck.Result q = QuotationCheck.check(loaded.dataset(), essay);
        problems.addAll(q.failures());
        for (String p : problems)
            out.println(p);
        if (q.skipped())
            out.println("Quotation check " + q.skipReason());
        out.println(problems.isEmpty() ? "OK: " + src.describe() + " has no violations."
                                       : problems.size() + " violation(s) in " + src.describe() + ".");
        return problems.isEmpty() ? OK : FAILED;
    }

    static final String QUERY_HELP = """
            Usage: newpath-kg query FILE|- [--format table|csv|tsv|json] [--data DIR] [--timeout SEC]

              Runs a SPARQL query (from FILE, or stdin for -) against the loaded graph, with inference and
              the text index, exactly as the server would. SELECT and ASK print in --format (default table);
              CONSTRUCT and DESCRIBE print Turtle.
            """;

    private int query(List<String> argv) {
        Args a = new Args(argv, Set.of("format", "data", "timeout"), Set.of("help"));
        if (help(a, out, QUERY_HELP))
            return OK;
        if (a.positional().size() != 1)
            throw new Args.UsageException("give one query file, or - for standard input");
        String format = a.get("format", "table");
        if (!List.of("table", "csv", "tsv", "json").contains(format))
            throw new Args.UsageException("--format must be table, csv, tsv or json, not " + format);
        String file = a.positional().get(0);
        String text;
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Args.UsageException("cannot read " + file + ": " + e.getMessage());
        }
        long timeout = a.number("timeout", 30, 1, 86_400);
        try (KnowledgeGraph kg = Pipeline.load(source(a), null)) {
            DatasetGraph ds = kg.dataset();
            QueryPolicy.apply(ds.getContext(), java.time.Duration.ofSeconds(timeout), List.of());
            Txn.executeRead(ds, () -> QueryRunner.print(ds, text, format, out));
            return OK;
        } catch (QueryParseException e) {
            err.println(file + ": " + e.getMessage());
            return USAGE;
        } catch (QueryCancelledException e) {
            err.println(file + ": query timed out after " + timeout + " s");
            return FAILED;
        } catch (QueryException e) {
            err.println(file + ": " + e.getMessage());
            return FAILED;
        }
    }

    static final String EXPORT_HELP = """
            Usage: newpath-kg export [--format trig|nquads] [--out FILE] [--data DIR]

              Writes every named graph, the inferred graph included, sorted so that the same data always
              gives the same file (default TriG to standard output).
            """;

    private int export(List<String> argv) {
        Args a = new Args(argv, Set.of("format", "out", "data"), Set.of("help"));
        if (help(a, out, EXPORT_HELP))
            return OK;
        String format = a.get("format", "trig");
        if (!format.equals("trig") && !format.equals("nquads"))
            throw new Args.UsageException("--format must be trig or nquads, not " + format);
        try (KnowledgeGraph kg = Pipeline.load(source(a), null)) {
            String outFile = a.get("out", null);
            try (OutputStream os = outFile == null ? null : Files.newOutputStream(Path.of(outFile))) {
                PrintStream ps = os == null ? out : new PrintStream(os, false, StandardCharsets.UTF_8);
                Txn.executeRead(kg.dataset(), () -> Export.write(kg.dataset(), format.equals("trig"), ps));
                ps.flush();
            } catch (IOException e) {
                throw new Args.UsageException("cannot write " + outFile + ": " + e.getMessage());
            }
        }
        return OK;
    }

    static final String STATS_HELP = """
            Usage: newpath-kg stats [--data DIR]

              Prints the number of triples in each named graph and of instances of each class
              (inferred types included).
            """;

    private int stats(List<String> argv) {
        Args a = new Args(argv, Set.of("data"), Set.of("help"));
        if (help(a, out, STATS_HELP))
            return OK;
        try (KnowledgeGraph kg = Pipeline.load(source(a), null)) {
            DatasetGraph ds = kg.dataset();
            Txn.executeRead(ds, () -> {
                out.println("# Triples per graph");
                QueryRunner.printResource(ds, Main.class, "stats-graphs", out);
                out.println();
                out.println("# Instances per class");
                QueryRunner.printResource(ds, Main.class, "stats-classes", out);
            });
        }
        return OK;
    }
}
