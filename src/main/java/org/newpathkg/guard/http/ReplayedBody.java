package org.newpathkg.guard.http;

import java.util.List;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A Jetty request whose body chunks a handler already read, given back first to the next reader,
 * then whatever is left of the request's own body: {@link Admission} reads the whole body before it
 * takes a slot, the result cache's front reads it to key the query. The chunks are the reader's to
 * release, as they would be when read from the request itself.
 */
public final class ReplayedBody extends Request.Wrapper {
    private final List<Content.Chunk> chunks;

    /** {@code request} whose first body chunks, already read, are {@code chunks} (a mutable list, consumed here). */
    public ReplayedBody(Request request, List<Content.Chunk> chunks) {
        super(request);
        this.chunks = chunks;
    }

    @Override
    public Content.Chunk read() {
        synchronized (chunks) {
            if (!chunks.isEmpty())
                return chunks.remove(0);
        }
        return super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
        boolean ready;
        synchronized (chunks) {
            ready = !chunks.isEmpty();
        }
        if (ready)
            demandCallback.run();
        else
            super.demand(demandCallback);
    }
}
