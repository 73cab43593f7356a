package org.newpathkg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.newpathkg.Fixtures;
import org.newpathkg.Cells;

/**
 * What the interoperability ITs share: installing the external clients (once per JVM, by the
 * project's own script), running a client as a process, and reading SPARQL results into rows
 * that compare across engines.
 */
final class Interop {
    /** Where the script installs the Node clients and copies the scripts of {@code src/test/node}. */
    static final Path NODE_DIR = Fixtures.projectRoot().resolve("target/interop-node");
    /** Debian's Python, the one python3-rdflib is installed for. */
    static final String PYTHON = "/usr/bin/python3";
    /** Scratch space for exports and client outputs. */
    static final Path WORK = Fixtures.projectRoot().resolve("target/interop");

    private static boolean installed;

    private Interop() {}

    /** The output of a finished process. */
    record Run(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code src/test/scripts/ensure-interop-clients.sh}, which installs rdflib, SPARQLWrapper,
     * Comunica and Oxigraph when absent. Fails the calling test class if it cannot: CI must not
     * skip these tests silently.
     */
    static synchronized void ensureClients() {
        if (installed)
            return;
        Path script = Fixtures.projectRoot().resolve("src/test/scripts/ensure-interop-clients.sh");
        Run r = run(List.of("bash", script.toString(), Fixtures.projectRoot().toString()), null, Duration.ofMinutes(10));
        System.out.println("[interop] " + script.getFileName() + ":\n" + r.out().strip());
        assertEquals(0, r.exit(), "installing the interop clients failed: " + r.describe());
        installed = true;
    }

    /** Runs {@code cmd} in {@code dir} (null: the project root) and waits at most {@code timeout}. */
    static Run run(List<String> cmd, Path dir, Duration timeout) {
        try {
            Process p = new ProcessBuilder(cmd).directory((dir == null ? Fixtures.projectRoot() : dir).toFile()).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream()), err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code cmd}, asserting it exits 0; returns its standard output. */
    static String runOk(List<String> cmd, Path dir, Duration timeout) {
        Run r = run(cmd, dir, timeout);
        assertEquals(0, r.exit(), String.join(" ", cmd) + " failed: " + r.describe());
        return r.out();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        });
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** POSTs {@code query} to {@code endpoint} as {@code application/sparql-query}. */
    static HttpResponse<String> post(String endpoint, String query, String accept) {
        return send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/sparql-query").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build());
    }

    /** GETs {@code url}. */
    static HttpResponse<String> get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept", accept).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest req) {
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A test resource of this package as a file. */
    static Path resource(String name) {
        try {
            return Path.of(Interop.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test resource org/newpathkg/interop/" + name, e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SPARQL results (JSON, XML, TSV or CSV by {@code lang}) as a row set. */
    static RowSet rows(String text, Lang lang) {
        return RowSet.adapt(ResultSetMgr.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), lang));
    }

    static RowSet json(String text) {
        return rows(text, ResultSetLang.RS_JSON);
    }

    /**
     * One comparable line per row, columns in {@code vars} order separated by tabs: terms in
     * N-Triples form, numbers by value (engines print decimals and doubles differently), blank
     * nodes as {@code _:} (their labels are the engine's own), unbound as empty.
     */
    static List<String> keys(RowSet rs) {
        List<Var> vars = rs.getResultVars();
        List<String> out = new ArrayList<>();
        rs.forEachRemaining(b -> out.add(key(b, vars)));
        return out;
    }

    static String key(Binding b, List<Var> vars) {
        List<String> cells = new ArrayList<>();
        for (Var v : vars) {
            Node n = b.get(v);
            cells.add(n == null ? "" : Cells.canonical(n));
        }
        return String.join("\t", cells);
    }


    /** Asserts the same rows in any order, duplicates counted. */
    static void assertRows(List<String> expected, List<String> actual, String what) {
        assertEquals(String.join("\n", sorted(expected)), String.join("\n", sorted(actual)), what);
    }

    static List<String> sorted(List<String> rows) {
        List<String> s = new ArrayList<>(rows);
        s.sort(null);
        return s;
    }
}
