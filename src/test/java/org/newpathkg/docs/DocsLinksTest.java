package org.newpathkg.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every doc is one click from the README, and no relative link in the README or docs/ points nowhere. */
class DocsLinksTest {
    static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    static List<Path> docs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void theReadmeLinksEveryDoc() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (Path d : docs())
            if (!readme.contains("](docs/" + d.getFileName() + ")"))
                missing.add(d.toString());
        assertTrue(docs().size() >= 5, "docs/ holds the moved sections");
        assertEquals(List.of(), missing, "docs not linked from README.md");
    }

    @Test
    void relativeLinksResolve() throws IOException {
        List<Path> files = new ArrayList<>(docs());
        files.add(Path.of("README.md"));
        List<String> broken = new ArrayList<>();
        for (Path f : files) {
            Matcher m = LINK.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*"))
                    continue;   // http(s), mailto: not checked here
                Path base = f.getParent() == null ? Path.of("") : f.getParent();
                if (!Files.exists(base.resolve(target)))
                    broken.add(f + ": " + target);
            }
        }
        assertEquals(List.of(), broken);
    }
}
