package org.newpathkg.load;

import java.util.Optional;

/** Strategy: nothing stored to reuse; build into TDB2 and Lucene in memory. */
final class MemoryStore implements StoreStrategy {
    @Override
    public Optional<KnowledgeGraph> reuse() {
        return Optional.empty();
    }

    @Override
    public Target target() {
        return Target.memory();
    }
}
