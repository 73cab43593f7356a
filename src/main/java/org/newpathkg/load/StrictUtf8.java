package org.newpathkg.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one data file, passed on only while they are valid UTF-8; the first invalid
 * sequence (or a file ending inside one) is a {@link DataException} at its line and column.
 * Jena's parsers decode with replacement: an invalid byte inside a literal became U+FFFD, the
 * file loaded and {@code validate} passed, serving text the file does not hold.
 * <p>
 * The decoding is the JDK's ({@link CharsetDecoder} set to report); what is added here is
 * carrying a sequence cut by a read across to the next and counting lines, which no standard
 * decoder reports. The decoded characters are discarded: the parser reads the same bytes.
 */
final class StrictUtf8 extends FilterInputStream {
    private final String file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer sink = CharBuffer.allocate(4096);
    /** Bytes of a sequence the last read cut short, ready to be read. */
    private ByteBuffer pending = ByteBuffer.allocate(0);
    /** Where the next byte is: line, and column in characters (both from 1). */
    private long line = 1, col = 1;

    StrictUtf8(InputStream in, String file) {
        super(in);
        this.file = file;
    }

    /** The text of {@code file}, decoded strictly. */
    static String read(SourceTree src, String file) {
        try (InputStream in = new StrictUtf8(src.open(file), file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " from " + src.describe(), e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0)
            end();
        else
            check(b, off, n);
        return n;
    }

    /** Skipped bytes are read, so that they are checked too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0)
                break;
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(byte[] b, int off, int n) {
        ByteBuffer bytes = ByteBuffer.allocate(pending.remaining() + n);
        bytes.put(pending).put(b, off, n).flip();
        while (true) {
            int start = bytes.position();
            sink.clear();
            CoderResult r = decoder.decode(bytes, sink, false);
            advance(bytes, start, bytes.position());
            if (r.isError())
                throw invalid(bytes, r.length());
            if (r.isUnderflow())
                break;
        }
        pending = bytes.slice();
    }

    private void end() {
        if (pending.hasRemaining())
            throw invalid(pending, pending.remaining());
    }

    private void advance(ByteBuffer bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte x = bytes.get(i);
            if (x == '\n') {
                line++;
                col = 1;
            } else if ((x & 0xC0) != 0x80) {
                col++;
            }
        }
    }

    private DataException invalid(ByteBuffer bytes, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length && bytes.position() + i < bytes.limit(); i++)
            hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xff));
        return new DataException(DataLoader.where(file, line, col) + "not valid UTF-8 (byte" + (length == 1 ? " " : "s ") + hex
                + "); a data file must be UTF-8: re-save it as UTF-8, or replace the damaged text");
    }
}
