package org.newpathkg.guard.http;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A servlet request whose body a filter already read, replayed from memory to the next one:
 * {@link QueryEncoding} reads a query body to check it is UTF-8, the result cache to key the query.
 * ({@link ReplayedBody} does the same for Jetty's own request, below the servlets.)
 */
public final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    public BufferedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override public int read() { return in.read(); }
            @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            @Override public boolean isFinished() { return in.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener l) { throw new IllegalStateException("not async"); }
        };
    }

    @Override
    public BufferedReader getReader() {
        java.nio.charset.Charset cs = StandardCharsets.UTF_8;
        try {
            if (getCharacterEncoding() != null)
                cs = java.nio.charset.Charset.forName(getCharacterEncoding());
        } catch (IllegalArgumentException e) {
            // An unknown charset in Content-Type: SPARQL bodies are UTF-8 anyway.
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
