package org.newpathkg.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/using.md's table of library queries is the list of {@code queries/*.rq}, each with its
 * {@code # Question:} line, in file order: a query added, renamed or reworded without the doc
 * fails here, and the message is the table to paste.
 */
class QueryListDocTest {
    static final String HEAD = "| query | question |\n|---|---|\n";

    /** The table as it must read: one row per library query, from its {@code # Question:} line. */
    static String expected() throws IOException {
        StringBuilder b = new StringBuilder(HEAD);
        try (Stream<Path> s = Files.list(Path.of("queries"))) {
            for (Path q : s.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                String question = "";
                for (String l : Files.readAllLines(q, StandardCharsets.UTF_8))
                    if (l.startsWith("# Question:")) {
                        question = l.substring("# Question:".length()).strip().replace("|", "\\|");
                        break;
                    }
                String f = q.getFileName().toString();
                b.append("| [`").append(f).append("`](../queries/").append(f).append(") | ").append(question).append(" |\n");
            }
        }
        return b.toString();
    }

    @Test
    void usingListsEveryLibraryQueryWithItsQuestion() throws IOException {
        String doc = Files.readString(Path.of("docs/using.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf(HEAD);
        List<String> table = new ArrayList<>();
        if (start >= 0)
            for (String l : doc.substring(start).split("\n", -1)) {
                if (l.isBlank())
                    break;
                table.add(l);
            }
        assertEquals(expected(), String.join("\n", table) + "\n",
                "docs/using.md § The query library must list queries/ exactly; paste the expected table there");
    }
}
