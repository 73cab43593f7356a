package org.newpathkg.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark stops as soon as a server it started exits, with the server's own last lines: the
 * packaged jar is started on a corpus with a syntax error, and the wait for its port line (bounded
 * far beyond any start-up) ends because the process exited, naming the broken file and line.
 */
class ServerExitIT {
    static final Path JAR = Path.of("target/newpath-kg.jar").toAbsolutePath();

    @Test
    void aServerThatRefusesItsDataStopsTheWaitWithItsLastLines(@TempDir Path tmp) throws Exception {
        Path corpus = tmp.resolve("corpus");
        CorpusGenerator.generate(Path.of(""), corpus, 0);   // the real project alone
        Files.writeString(corpus.resolve("ontology/essay/notes.trig"), "\nGRAPH <https://w3id.org/newpath-kg/graph/essay> { <a> <b> \n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (ServerProcess p = ServerProcess.start(List.of(Bench.java(), "-jar", JAR.toString(), "serve", "--port", "0",
                "--data", corpus.toString()), null)) {
            ServerProcess.Failed f = assertThrows(ServerProcess.Failed.class, () -> p.await("port ", Duration.ofMinutes(10)));
            assertTrue(f.exited(), "the wait ended because the server exited, not by its limit: " + f.getMessage());
            assertTrue(f.getMessage().contains("exited with status"), f.getMessage());
            assertTrue(f.getMessage().contains("ontology/essay/notes.trig:"), "its last lines name the file and line: " + f.getMessage());
        }
    }
}
