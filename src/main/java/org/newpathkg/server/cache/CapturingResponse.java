package org.newpathkg.server.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Holds back the body Fuseki writes so the filter can store it and set ETag/Content-Length
 * before anything is sent. Headers and status pass straight through (they are not sent until
 * the body is). An answer larger than {@code limit} stops being held: what was held is sent and
 * the rest streams through, uncached.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
    private final int limit;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(8192);
    private ServletOutputStream realOut;
    private boolean spilled, failed;
    private int status = SC_OK;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturingResponse(HttpServletResponse response, long limit) {
        super(response);
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
    }

    /** True when the whole body is held and the status says it is a complete answer. */
    boolean completeAnswer() {
        return !spilled && !failed && status == SC_OK;
    }

    /** True when part of the body has already gone to the client. */
    boolean spilled() {
        return spilled;
    }

    byte[] body() throws IOException {
        if (writer != null)
            writer.flush();
        return held.toByteArray();
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
        super.setStatus(sc);
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        // An error page is never cached; what was held is dropped, as a servlet container would.
        failed = true;
        status = sc;
        held.reset();
        spilled = true;
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void flushBuffer() throws IOException {
        // Fuseki flushes after writing; while holding the body that would commit the headers too early.
        if (spilled)
            super.flushBuffer();
    }

    @Override
    public boolean isCommitted() {
        return spilled && super.isCommitted();
    }

    @Override
    public void resetBuffer() {
        held.reset();
        if (spilled)
            super.resetBuffer();
    }

    @Override
    public void reset() {
        held.reset();
        status = SC_OK;
        super.reset();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null)
            stream = new Held();
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            String enc = getCharacterEncoding();
            Charset cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), cs));
        }
        return writer;
    }

    /** Sends what is held and streams the rest: the answer will not be cached. */
    private void release() throws IOException {
        if (spilled)
            return;
        spilled = true;
        held.writeTo(real());
        held.reset();
    }

    private ServletOutputStream real() throws IOException {
        if (realOut == null)
            realOut = super.getOutputStream();
        return realOut;
    }

    private final class Held extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            if (!spilled && held.size() + 1 > limit)
                release();
            if (spilled)
                real().write(b);
            else
                held.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!spilled && held.size() + (long) len > limit)
                release();
            if (spilled)
                real().write(b, off, len);
            else
                held.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (spilled)
                real().flush();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            throw new UnsupportedOperationException("asynchronous output is not used by the query endpoint");
        }
    }
}
