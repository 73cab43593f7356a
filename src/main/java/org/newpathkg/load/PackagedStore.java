package org.newpathkg.load;

import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strategy for the data packaged in the jar: open a private copy of the database {@code mvn
 * package} built and validated for it ({@link Prebuilt}); if there is none for exactly these
 * sources, or it cannot be opened, build as {@code --data} does ({@link ScratchStore}).
 */
final class PackagedStore implements StoreStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(PackagedStore.class);
    private final SourceTree src;
    private final ScratchStore build = new ScratchStore();

    PackagedStore(SourceTree src) {
        this.src = src;
    }

    @Override
    public Optional<KnowledgeGraph> reuse() {
        Optional<Path> copy = Prebuilt.extract(src);
        if (copy.isEmpty())
            return Optional.empty();
        try {
            Optional<KnowledgeGraph> kg = new Tdb2Store(copy.get(), src).open();
            if (kg.isPresent()) {
                LOG.info("Serving the database built and validated by 'mvn package' for these sources (a private copy in {})", copy.get());
                return Optional.of(kg.get().onClose(() -> PrivateDir.delete(copy.get())));
            }
            // Cannot happen with a copy whose name matched: build from the files.
        } catch (RuntimeException e) {
            LOG.warn("Could not open the packaged database ({}); building from the files", e.getMessage());
        }
        PrivateDir.delete(copy.get());
        return Optional.empty();
    }

    @Override
    public Target target() {
        return build.target();
    }

    @Override
    public KnowledgeGraph keep(KnowledgeGraph built) {
        return build.keep(built);
    }

    @Override
    public void discard() {
        build.discard();
    }
}
