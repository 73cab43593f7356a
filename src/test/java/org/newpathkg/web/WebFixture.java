package org.newpathkg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.newpathkg.Fixtures;

/**
 * The tiny fixture project plus {@code hostile.trig} (literals with markup in them),
 * {@code arguments.trig} (argument links, a commitment, a note citation) and a
 * generated {@code hub.trig}: {@code np:hub} with {@value #SPOKES} inbound and outbound links,
 * so paging is exercised.
 */
final class WebFixture {
    static final int SPOKES = 3000;

    private WebFixture() {}

    /** Writes the project into {@code dir} and returns it. */
    static Path create(Path dir) {
        Fixtures.copyTree(Fixtures.good(), dir);
        try (InputStream in = WebFixture.class.getResourceAsStream("hostile.trig")) {
            Files.copy(in, dir.resolve("ontology/essay/hostile.trig"));
            try (InputStream args = WebFixture.class.getResourceAsStream("arguments.trig")) {
                Files.copy(args, dir.resolve("ontology/essay/arguments.trig"));
            }
            StringBuilder b = new StringBuilder("""
                    @prefix npo:  <https://w3id.org/newpath-kg/ontology#> .
                    @prefix np:   <https://w3id.org/newpath-kg/id/> .
                    @prefix npg:  <https://w3id.org/newpath-kg/graph/> .
                    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                    GRAPH npg:entities {
                    np:hub a npo:Place ; rdfs:label "Hub"@en , "ハブ"@ja .
                    """);
            for (int i = 0; i < SPOKES; i++)
                b.append("np:spoke-").append(i).append(" a npo:Place ; npo:locatedIn np:hub . np:hub npo:party np:spoke-").append(i).append(" .\n");
            b.append("}\n");
            Files.writeString(dir.resolve("ontology/essay/hub.trig"), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
