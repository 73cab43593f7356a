package org.newpathkg.guard;

/**
 * A class a query names as {@code <java:org.newpathkg.guard.JavaFunctionCanary>}: it must never be
 * initialised. The flag lives in another class, because reading a static field of this class
 * would itself initialise it.
 */
public final class JavaFunctionCanary {
    /** Set by {@link JavaFunctionCanary}'s initialiser. */
    static final class Flag {
        static volatile boolean initialised;
    }

    static {
        Flag.initialised = true;
    }

    private JavaFunctionCanary() {}
}
