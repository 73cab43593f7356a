package org.newpathkg.guard.query;

import org.apache.jena.query.QueryCancelledException;

/**
 * A query stopped because it asked for more than the endpoint gives one query: a regular
 * expression the linear-time engine cannot run, a string or number past the value limit, a plan
 * too deep for the stack. The query handler answers it with
 * {@link #status()} (400: the same query will be refused again) and {@link #getMessage()}.
 * <p>
 * It extends {@link QueryCancelledException} on purpose: that is the one exception ARQ's
 * iterators let through. Any other exception thrown inside a {@code FILTER} or {@code BIND}
 * is turned into "false" or "unbound" and logged with a stack trace for every row (a refused
 * {@code SERVICE} inside {@code FILTER EXISTS} wrote 116 MB of log that way). It carries no stack
 * trace of its own: it is an answer, not a fault.
 */
public final class QueryRefused extends QueryCancelledException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String message;

    public QueryRefused(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** A 400 with {@code message}. */
    public static QueryRefused badRequest(String message) {
        return new QueryRefused(400, message);
    }

    /** The HTTP status the endpoint answers with. */
    public int status() {
        return status;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
