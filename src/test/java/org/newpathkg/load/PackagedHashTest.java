package org.newpathkg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged data's hash names the database {@code mvn package} builds from {@code
 * target/classes} and that {@code java -jar} looks for in the jar: in the jar it is taken from the
 * jar's directory (sizes and CRC-32s) instead of the bytes, so it must be the same value for the
 * same files in a folder and in a jar, and change when a data file changes.
 */
class PackagedHashTest {
    @TempDir
    Path tmp;

    static Map<String, String> files(String claim) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("newpath/index.txt", "ontology/a.trig\nontology/essay/b.trig\nqueries/q.rq\n");
        m.put("newpath/ontology/a.trig", "@prefix ex: <http://example.org/> .\nex:a ex:says \"" + claim + "\" .\n");
        m.put("newpath/ontology/essay/b.trig", "@prefix ex: <http://example.org/> .\nex:b ex:says \"国防力\" .\n");
        m.put("newpath/queries/q.rq", "SELECT * { ?s ?p ?o }\n");
        return m;
    }

    Path folder(String name, Map<String, String> files) throws IOException {
        Path dir = tmp.resolve(name);
        for (var e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = tmp.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (var e : files.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    static String hash(Path classpathEntry) throws IOException {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, null)) {
            SourceTree src = SourceTree.classpath(cl);
            String h = src.contentHash();
            assertEquals(h, src.contentHash(), "asked twice, one value");
            return h;
        }
    }

    @Test
    void sameFilesSameHashInAFolderAndInAJar() throws IOException {
        assertEquals(hash(folder("classes", files("核"))), hash(jar("packaged", files("核"))));
    }

    @Test
    void aChangedDataFileChangesTheHashInAJar() throws IOException {
        String before = hash(jar("before", files("核")));
        String after = hash(jar("after", files("核兵器")));
        assertNotEquals(before, after);
        assertEquals(after, hash(folder("after", files("核兵器"))));
    }

    @Test
    void aQueryIsNotPartOfTheDataHash() throws IOException {
        Map<String, String> other = files("核");
        other.put("newpath/queries/q.rq", "SELECT ?s { ?s ?p ?o }\n");
        assertEquals(hash(jar("a", files("核"))), hash(jar("b", other)));
    }
}
