package org.newpathkg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.newpathkg.load.SourceTree;

/**
 * The analysts' query library ({@code queries/NN-slug.rq}) as packaged in the jar under
 * {@code newpath/queries/}, offered as ready examples with their {@code # Question:} lines.
 */
final class QueryLibrary {
    /** One example: its name without {@code .rq}, its English and Japanese questions, its text. */
    record Example(String name, String question, String questionJa, String text) {}

    private static volatile List<Example> all;

    private QueryLibrary() {}

    /** Every example, in file order. */
    static List<Example> all() {
        if (all == null) {
            SourceTree src = SourceTree.classpath();
            List<Example> out = new ArrayList<>();
            try (SourceTree.Reader files = src.reader()) {
                for (String f : src.list("queries/", ".rq")) {
                    try (InputStream in = files.open(f)) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        String name = f.substring("queries/".length(), f.length() - 3);
                        out.add(new Example(name, line(text, "# Question:"), line(text, "# Question (ja):"), text));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all = List.copyOf(out);
        }
        return all;
    }

    /** The example called {@code name}. */
    static Optional<Example> get(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static String line(String text, String prefix) {
        for (String l : text.split("\\R"))
            if (l.startsWith(prefix))
                return l.substring(prefix.length()).strip();
        return "";
    }

    /** The question in {@code lang}, falling back to the English one. */
    static String question(Example e, String lang) {
        return lang.equals("ja") && !e.questionJa().isEmpty() ? e.questionJa() : e.question();
    }

    /** The text of the example {@code name}, or null. */
    static String text(String name) {
        return get(name).map(Example::text).orElse(null);
    }
}
