package org.newpathkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages form layers, and docs/architecture.md draws them as they are. Reads every source
 * file under {@code src/main/java} (a reference to another package is an import or a qualified
 * name, both of which name it), and the Mermaid diagrams of docs/architecture.md.
 */
class LayeringTest {
    static final Path MAIN = Path.of("src/main/java/org/newpathkg");
    static final Path DOC = Path.of("docs/architecture.md");

    /** Lowest first: a package may use only packages of lower layers. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("vocab", "rdf", "log"),
            Set.of("inference", "text"),
            Set.of("load"),
            Set.of("guard"),
            Set.of("server"),
            Set.of("web"),
            Set.of("cli"));

    static final Pattern REFERENCE = Pattern.compile("\\borg\\.newpathkg\\.([a-z]+)\\b");
    static final Pattern EDGE = Pattern.compile("^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*$");

    /** package -> packages it references, from the sources (subpackages such as server.cache count as their parent). */
    static Map<String, Set<String>> codeEdges() throws IOException {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = MAIN.relativize(f).getName(0).toString();
                Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find())
                    if (!m.group(1).equals(from))
                        to.add(m.group(1));
            }
        }
        return edges;
    }

    static Set<String> asArrows(Map<String, Set<String>> edges) {
        Set<String> out = new TreeSet<>();
        edges.forEach((from, tos) -> tos.forEach(to -> out.add(from + " -> " + to)));
        return out;
    }

    /** The edges of the first Mermaid block of the architecture doc. */
    static Set<String> diagramEdges() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf("```mermaid");
        assertTrue(start >= 0, DOC + " has no Mermaid diagram");
        String block = doc.substring(start, doc.indexOf("```", start + 3));
        Set<String> edges = new TreeSet<>();
        for (String line : block.lines().toList()) {
            Matcher m = EDGE.matcher(line);
            if (m.matches())
                edges.add(m.group(1) + " -> " + m.group(2));
        }
        return edges;
    }

    static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++)
            if (LAYERS.get(i).contains(pkg))
                return i;
        return -1;
    }

    @Test
    void everyPackageHasALayer() throws IOException {
        List<String> missing = codeEdges().keySet().stream().filter(p -> layer(p) < 0).toList();
        assertEquals(List.of(), missing, "packages without a layer: add each to LAYERS here and to the diagram in " + DOC);
    }

    /** The arrows that do not go down a layer. */
    static List<String> upward(Set<String> arrows) {
        List<String> out = new ArrayList<>();
        for (String arrow : arrows) {
            String[] ft = arrow.split(" -> ");
            if (layer(ft[1]) >= layer(ft[0]))
                out.add(arrow + " (layer " + layer(ft[0]) + " uses layer " + layer(ft[1]) + ")");
        }
        return out;
    }

    @Test
    void importsGoOnlyDownTheLayers() throws IOException {
        assertEquals(List.of(), upward(asArrows(codeEdges())), "imports against the layering (lowest first: " + LAYERS + ")");
    }

    @Test
    void theDiagramDrawsExactlyTheImportsOfTheCode() throws IOException {
        Set<String> drawn = diagramEdges();
        Set<String> code = asArrows(codeEdges());
        Set<String> undrawn = new TreeSet<>(code);
        undrawn.removeAll(drawn);
        Set<String> stale = new TreeSet<>(drawn);
        stale.removeAll(code);
        assertEquals(Set.of(), undrawn, "imports missing from the diagram in " + DOC + ": add a line '    a --> b' for each");
        assertEquals(Set.of(), stale, "edges of the diagram in " + DOC + " that the code no longer has: remove them");
    }

    @Test
    void theCheckCatchesUpwardAndSideways() {
        // Made-up edges: the two cycles this layering removed, and a same-layer import.
        assertEquals(List.of("inference -> load (layer 1 uses layer 2)", "server -> web (layer 4 uses layer 5)"),
                upward(new TreeSet<>(Set.of("load -> inference", "inference -> load", "web -> server", "server -> web"))),
                "load -> inference and web -> server go down");
        assertEquals(1, upward(Set.of("text -> inference")).size(), "same layer");
        assertTrue(EDGE.matcher("    cli --> load").matches() && !EDGE.matcher("    cli -.-> load").matches());
    }

    @Test
    void thePipelineDiagramNamesStagesThatExist() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int second = doc.indexOf("```mermaid", doc.indexOf("```mermaid") + 3);
        assertTrue(second >= 0, DOC + " has a second Mermaid diagram, the pipeline");
        String block = doc.substring(second, doc.indexOf("```", second + 3));
        Matcher m = Pattern.compile("<br/>(\\w+)\"").matcher(block);
        String pipeline = Files.readString(MAIN.resolve("load/Pipeline.java"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        int stages = 0;
        while (m.find()) {
            stages++;
            String cls = m.group(1);
            boolean exists;
            try (Stream<Path> s = Files.walk(MAIN)) {
                exists = s.anyMatch(p -> p.getFileName().toString().equals(cls + ".java"));
            }
            if (!exists || !pipeline.contains(cls))
                missing.add(cls);
        }
        assertTrue(stages >= 6, "the pipeline diagram names a class per stage");
        assertEquals(List.of(), missing, "stage classes in the diagram that do not exist or that Pipeline does not use");
    }
}
