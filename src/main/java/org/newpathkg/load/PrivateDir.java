package org.newpathkg.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's private database directory under {@code java.io.tmpdir}: the copy of the packaged
 * database ({@link Prebuilt}) and the store a {@code --data} build writes ({@link ScratchStore}).
 * The one mechanism that gives such a directory back:
 * <ul>
 * <li>a build that fails removes it before the error reaches the caller ({@link Pipeline});</li>
 * <li>a graph that closes removes it ({@link KnowledgeGraph#onClose}; every command closes its
 *     graph, {@code serve} in its shutdown hook);</li>
 * <li>a process killed before either is swept at the next start: each directory records its
 *     owner's pid, and {@link #create} removes those whose owner is no longer alive.</li>
 * </ul>
 * No shutdown hook of its own: one ran concurrently with {@code serve}'s and deleted the Lucene
 * folder under the closing index (a {@code TextIndexException} on Ctrl-C).
 */
final class PrivateDir {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateDir.class);
    static final String PREFIX = "newpath-kg-db-";
    static final String OWNER = "owner.pid";

    private PrivateDir() {}

    /** A new empty directory owned by this process, after sweeping those of dead processes. */
    static Path create() throws IOException {
        sweepAbandoned(tmp());
        Path dir = Files.createTempDirectory(PREFIX);
        try {
            Files.writeString(dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            delete(dir);
            throw e;
        }
        return dir;
    }

    /** Removes {@code dir} and everything in it; a failure is only logged (the next start sweeps it). */
    static void delete(Path dir) {
        try {
            Tdb2Store.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", dir, e.getMessage());
        }
    }

    /** Removes the directories in {@code tmp} left by processes that were killed before they closed their graph. */
    static void sweepAbandoned(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(p.resolve(OWNER)).strip());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        continue;
                } catch (IOException | NumberFormatException e) {
                    // no owner recorded: being created, or broken; leave it unless it is old
                    if (Files.getLastModifiedTime(p).toMillis() > System.currentTimeMillis() - 3_600_000)
                        continue;
                }
                delete(p);
            }
        } catch (IOException e) {
            LOG.debug("Could not sweep {}: {}", tmp, e.getMessage());
        }
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
