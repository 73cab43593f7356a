package org.newpathkg.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.newpathkg.load.DataException;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code newpath-kg} command line: one tool with subcommands, each declared with picocli, so
 * every option has its default and help text beside its field and {@code --help}, {@code --version}
 * and shell completion come from those declarations.
 *
 * <pre>
 * java -jar target/newpath-kg.jar                       # serve on http://127.0.0.1:3030/newpath/sparql
 * java -jar target/newpath-kg.jar serve --port 0 --data . --tdb2 run/db
 * java -jar target/newpath-kg.jar validate --data .     # exit 0 ok, 1 violations, 2 usage or syntax error, 3 check skipped
 * java -jar target/newpath-kg.jar query queries/01-dprk-treaties.rq --format tsv
 * java -jar target/newpath-kg.jar export --format nquads --out all.nq
 * java -jar target/newpath-kg.jar stats
 * java -jar target/newpath-kg.jar generate-completion > newpath-kg_completion   # bash/zsh completion
 * </pre>
 */
@Command(name = "newpath-kg", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A read-only SPARQL service over the claims of one essay.",
        footer = {"", "Without a command, serve. Data comes from the copy packaged in the jar unless --data DIR",
                "names a project root (the folder that contains ontology/)."})
public final class Main implements Runnable {
    /**
     * The commands, in the order help lists them. Added by {@link #commandLine} rather than named in
     * {@code @Command(subcommands)}: picocli builds the model of every command it is given by reflection
     * before it parses anything, and a start of the server needs only serve's (about 40 ms of the main
     * thread, measured; docs/performance.md, start-up). In a class of its own, loaded on first use: the
     * launching JVM runs {@link #main} up to the spawn ({@link Relaunch}), and a constant of {@code Main}
     * would make it read these ten classes from the jar first.
     */
    static final class Commands {
        private Commands() {}

        static final List<Class<?>> ALL = List.of(ServeCommand.class, ValidateCommand.class, QueryCommand.class,
                ExportCommand.class, StatsCommand.class, AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class);
    }

    /** Exit statuses shared by every command. */
    static final int OK = 0, FAILED = 1, USAGE = 2, SKIPPED = 3;

    /** Top-level arguments that are not serve's, so they are not routed to it. */
    private static final Set<String> OWN = Set.of("-h", "--help", "-V", "--version");

    final PrintStream out;
    final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Entry point; exits with the command's status ({@code serve} runs until the process is stopped). */
    public static void main(String[] argv) {
        if (serves(argv)) {
            // Before anything of the application is loaded: serve in a JVM that maps the class data archive.
            int status = Relaunch.serve(argv);
            if (status >= 0)
                System.exit(status);
            Preload.start();   // the libraries' set-up, beside the parsing of the command line
        }
        System.exit(new Main(System.out, System.err).run(argv));
    }

    /** True when {@code argv} runs serve: named, or the default (no command, or a first argument that is an option of serve). */
    static boolean serves(String... argv) {
        return argv.length == 0 || argv[0].equals("serve") || (argv[0].startsWith("-") && !OWN.contains(argv[0]));
    }

    /** Runs one command; returns its exit status. Used by {@link #main} and tests. */
    public int run(String... argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        // serve is the default command: `java -jar newpath-kg.jar --port 0` serves.
        boolean serves = serves(argv);
        if (serves && !(argv.length > 0 && argv[0].equals("serve")))
            args.add(0, "serve");
        // Serving, every argument goes to serve: the tree needs no other command.
        return commandLine(serves ? List.of(ServeCommand.class) : Commands.ALL).execute(args.toArray(String[]::new));
    }

    /** The whole command tree with this instance's streams and the project's error handling. */
    CommandLine commandLine() {
        return commandLine(Commands.ALL);
    }

    private CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cl = new CommandLine(this);
        for (Class<?> c : commands)
            cl.addSubcommand(c);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (!(e instanceof DataException))
                throw e;
            err.println(e.getMessage());
            // For validate, data that does not even parse is an error of the input (2), not a violation (1).
            // Elsewhere (start-up) any data error stops the command: 1.
            return c.getCommand() instanceof ValidateCommand ? USAGE : FAILED;
        });
        return cl;
    }

    /** A usage error: the message, the nearest known option or command if any, where to get help; exit 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter w = c.getErr();
        w.println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        String nearest = e instanceof UnmatchedArgumentException u && u.isUnknownOption() ? nearestOption(u) : null;
        if (nearest != null)
            w.println("Did you mean " + nearest + "?");
        else
            UnmatchedArgumentException.printSuggestions(e, w);   // picocli's: similar command names
        w.println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
        w.flush();
        return USAGE;
    }

    /**
     * The declared option closest to the first unknown one by edit distance. picocli's own
     * suggestions for options are those sharing the first two letters, which misses a transposition
     * such as {@code --prot} for {@code --port}.
     */
    static String nearestOption(UnmatchedArgumentException e) {
        String arg = e.getUnmatched().stream().filter(a -> a.startsWith("-")).findFirst().orElse(null);
        if (arg == null)
            return null;
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (OptionSpec o : e.getCommandLine().getCommandSpec().options()) {
            if (o.hidden())
                continue;
            for (String candidate : o.names()) {
                int d = editDistance(name, candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
        }
        // Far from every option (more than half the name changed): no suggestion is better than a wrong one.
        return bestDistance <= Math.max(2, name.length() / 2) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
            prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    /** Without a command there is nothing to run: {@link #run} routes to serve before picocli sees it. */
    @Override
    public void run() {
        commandLine().usage(out);
    }
}
