package org.newpathkg.guard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that a second thread can answer in place of the request's own thread, so a query
 * that does not stop when cancelled still gets its 503 on time.
 * <p>
 * Until the handler writes its first body byte (or an error) the response is {@code OPEN}, and
 * {@link #takeOver} may answer it; from then on everything the handler does to the response is
 * dropped. Once the handler has started the body, {@link #takeOver} declines: a response cannot
 * be un-sent, and the query has then already produced its results (they are computed before
 * writing, see {@link CappedQueryProcessor}). Every state change happens under one lock, so the
 * two threads never use the underlying response at the same time.
 */
final class GuardedResponse extends HttpServletResponseWrapper {
    private enum State { OPEN, STARTED, TAKEN }

    private final HttpServletResponse inner;
    private final Object lock = new Object();
    private State state = State.OPEN;
    private ServletOutputStream out;
    private PrintWriter writer;

    GuardedResponse(HttpServletResponse inner) {
        super(inner);
        this.inner = inner;
    }

    /** Whether a second thread answered this response. */
    boolean taken() {
        synchronized (lock) {
            return state == State.TAKEN;
        }
    }

    /**
     * Answers {@code status} with a plain-text {@code message} and closes the connection, unless
     * the handler has started its own answer. Returns whether it answered.
     */
    boolean takeOver(int status, String message) {
        synchronized (lock) {
            if (state != State.OPEN || inner.isCommitted())
                return false;
            state = State.TAKEN;
        }
        try {
            inner.resetBuffer();
            inner.setStatus(status);
            inner.setHeader("X-Result-Truncated", null);
            inner.setHeader("Content-Length", null);
            inner.setContentType("text/plain;charset=utf-8");
            // The handler's thread still owns this connection until it returns: do not let the
            // client send its next request down it.
            inner.setHeader("Connection", "close");
            byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            inner.setContentLength(body.length);
            OutputStream os = inner.getOutputStream();
            os.write(body);
            os.close();
        } catch (IOException | IllegalStateException e) {
            // The client left or the handler's stream is in an unusable state: nothing more to send.
        }
        return true;
    }

    /** Runs {@code change} on the real response unless a second thread answered it. */
    private void header(Runnable change) {
        synchronized (lock) {
            if (state != State.TAKEN)
                change.run();
        }
    }

    /** Marks the body as started; false if a second thread answered (the handler's output is then dropped). */
    private boolean start() {
        synchronized (lock) {
            if (state == State.TAKEN)
                return false;
            state = State.STARTED;
            return true;
        }
    }

    @Override public void setStatus(int sc) { header(() -> inner.setStatus(sc)); }
    @Override public void setHeader(String name, String value) { header(() -> inner.setHeader(name, value)); }
    @Override public void addHeader(String name, String value) { header(() -> inner.addHeader(name, value)); }
    @Override public void setIntHeader(String name, int value) { header(() -> inner.setIntHeader(name, value)); }
    @Override public void addIntHeader(String name, int value) { header(() -> inner.addIntHeader(name, value)); }
    @Override public void setDateHeader(String name, long date) { header(() -> inner.setDateHeader(name, date)); }
    @Override public void addDateHeader(String name, long date) { header(() -> inner.addDateHeader(name, date)); }
    @Override public void setContentType(String type) { header(() -> inner.setContentType(type)); }
    @Override public void setCharacterEncoding(String charset) { header(() -> inner.setCharacterEncoding(charset)); }
    @Override public void setContentLength(int len) { header(() -> inner.setContentLength(len)); }
    @Override public void setContentLengthLong(long len) { header(() -> inner.setContentLengthLong(len)); }
    @Override public void setLocale(java.util.Locale loc) { header(() -> inner.setLocale(loc)); }
    @Override public void setBufferSize(int size) { header(() -> inner.setBufferSize(size)); }
    @Override public void addCookie(jakarta.servlet.http.Cookie cookie) { header(() -> inner.addCookie(cookie)); }
    @Override public void reset() { header(inner::reset); }
    @Override public void resetBuffer() { header(inner::resetBuffer); }

    @Override
    public boolean isCommitted() {
        return taken() || inner.isCommitted();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (start())
            inner.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        if (start())
            inner.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (start())
            inner.sendRedirect(location);
    }

    @Override
    public void flushBuffer() throws IOException {
        if (start())
            inner.flushBuffer();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        synchronized (lock) {
            if (out == null)
                out = new Stream(state == State.TAKEN ? null : inner.getOutputStream());
            return out;
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        synchronized (lock) {
            if (writer == null)
                writer = new PrintWriter(new GuardedWriter(state == State.TAKEN ? null : inner.getWriter()));
            return writer;
        }
    }

    /** The handler's body stream: the first write claims the response; after a take-over, writes vanish. */
    private final class Stream extends ServletOutputStream {
        private final ServletOutputStream target;
        private boolean claimed;

        Stream(ServletOutputStream target) {
            this.target = target;
        }

        private boolean claim() {
            if (!claimed)
                claimed = target != null && start();
            return claimed;
        }

        @Override public void write(int b) throws IOException { if (claim()) target.write(b); }
        @Override public void write(byte[] b, int off, int len) throws IOException { if (claim()) target.write(b, off, len); }

        /**
         * Fuseki writes an error message (which may quote the query, so hold any character) with
         * {@code print(String)} after setting Content-Length to its length in chars; the servlet
         * API's {@code print} refuses characters beyond ISO-8859-1, so such a message became a
         * 500 with an empty body instead of the 400 it is. Each character beyond ASCII is written
         * as '?': one byte per char keeps the announced length right and the body valid UTF-8.
         */
        @Override
        public void print(String s) throws IOException {
            String text = s == null ? "null" : s;
            byte[] bytes = new byte[text.length()];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                bytes[i] = (byte) (c < 0x80 ? c : '?');
            }
            write(bytes, 0, bytes.length);
        }
        @Override public void flush() throws IOException { if (claim()) target.flush(); }
        @Override public void close() throws IOException { if (claim()) target.close(); }
        @Override public boolean isReady() { return target == null || target.isReady(); }
        @Override public void setWriteListener(WriteListener l) { if (target != null) target.setWriteListener(l); }
    }

    private final class GuardedWriter extends Writer {
        private final PrintWriter target;
        private boolean claimed;

        GuardedWriter(PrintWriter target) {
            this.target = target;
        }

        private boolean claim() {
            if (!claimed)
                claimed = target != null && start();
            return claimed;
        }

        @Override public void write(char[] cbuf, int off, int len) { if (claim()) target.write(cbuf, off, len); }
        @Override public void flush() { if (claim()) target.flush(); }
        @Override public void close() { if (claim()) target.close(); }
    }
}
