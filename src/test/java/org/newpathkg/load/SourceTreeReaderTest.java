package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SourceTree#reader}: the packaged copy read one file after another, by name from the jar's
 * directory when it is in a jar (the query library, for the first page), gives each file's bytes as
 * {@link SourceTree#open} does, in a jar and in a folder, and refuses a file the tree does not hold.
 */
class SourceTreeReaderTest {
    @TempDir
    Path tmp;

    static Map<String, String> read(Path classpathEntry, List<String> files) throws IOException {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, null)) {
            SourceTree src = SourceTree.classpath(cl);
            Map<String, String> out = new LinkedHashMap<>();
            try (SourceTree.Reader r = src.reader()) {
                for (String f : files)
                    try (InputStream in = r.open(f); InputStream direct = src.open(f)) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        assertEquals(new String(direct.readAllBytes(), StandardCharsets.UTF_8), text, f);
                        out.put(f, text);
                    }
                assertThrows(IOException.class, () -> r.open("queries/missing.rq"));
            }
            return out;
        }
    }

    @Test
    void theReaderGivesEachFileAsOpenDoesInAJarAndInAFolder() throws IOException {
        PackagedHashTest fixture = new PackagedHashTest();
        fixture.tmp = tmp;
        Map<String, String> files = PackagedHashTest.files("核");
        List<String> names = List.of("ontology/a.trig", "ontology/essay/b.trig", "queries/q.rq");
        Map<String, String> fromJar = read(fixture.jar("packaged", files), names);
        assertEquals(fromJar, read(fixture.folder("classes", files), names));
        for (String f : names)
            assertEquals(files.get("newpath/" + f), fromJar.get(f), f);
    }
}
