package org.newpathkg.load;

import java.util.Optional;

/**
 * How {@link Pipeline} gets its store; one of four, chosen once by {@link #choose}:
 * <ul>
 * <li>{@link ScratchStore}: build into a private temporary directory, removed on close (a working
 *     tree given with {@code --data});</li>
 * <li>{@link PackagedStore}: open a copy of the database {@code mvn package} built for the
 *     packaged data, or build as {@link ScratchStore} does if it is not for exactly these sources;</li>
 * <li>{@link Tdb2Store}: reuse the TDB2 database in a directory while the sources are unchanged,
 *     otherwise build a fresh one beside it and switch to it once it is complete;</li>
 * <li>{@link BulkStore}: the same, the files streamed into the TDB2 bulk loader unvalidated
 *     (corpora too large for memory).</li>
 * </ul>
 * A strategy only says where the data lives; the stages that fill it are {@link Pipeline}'s.
 */
interface StoreStrategy {

    /** True when {@code plan} serves the jar's own data, whose database {@code mvn package} built ({@link PackagedStore}). */
    static boolean packaged(Plan plan) {
        return plan.tdb2() == null && plan.source().root().isEmpty();
    }

    /** The strategy for {@code plan}. */
    static StoreStrategy choose(Plan plan) {
        if (plan.tdb2() != null)
            return plan.validate() ? new Tdb2Store(plan.tdb2(), plan.source()) : new BulkStore(plan.tdb2(), plan.source());
        if (packaged(plan))
            return new PackagedStore(plan.source());
        return new ScratchStore();
    }

    /** A stored database built from exactly these sources, opened; empty if the data must be built. */
    Optional<KnowledgeGraph> reuse();

    /** Where the build writes. */
    Target target();

    /** True when the build streams the files into the store instead of parsing them into memory first. */
    default boolean streamed() {
        return false;
    }

    /** The build succeeded: makes it the database later starts reuse; returns it. */
    default KnowledgeGraph keep(KnowledgeGraph built) {
        return built;
    }

    /** The build failed and its target was discarded: removes anything it left. */
    default void discard() {}
}
