package org.newpathkg.log;


/**
 * Client text made safe for a log line or an error message: control characters (a newline
 * would forge a second log line), bidirectional overrides and other invisible format characters
 * are escaped as {@code \n} or {@code \u202E}, and the text is cut to a length.
 *
 * <pre>{@code
 * LOG.warn("refused {}", LogText.quote(request.getRequestURI(), 200));
 * }</pre>
 */
public final class LogText {
    private LogText() {}

    /** {@code s} escaped and cut to at most {@code max} characters (plus a note of the full length); "-" for null. */
    public static String quote(String s, int max) {
        if (s == null)
            return "-";
        int n = Math.min(s.length(), max);
        StringBuilder b = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    int type = Character.getType(c);
                    if (c < 0x20 || c == 0x7f || type == Character.FORMAT || type == Character.CONTROL
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                            || type == Character.SURROGATE && !validSurrogate(s, i))
                        b.append(String.format("\\u%04X", (int) c));
                    else
                        b.append(c);
                }
            }
        }
        if (s.length() > max)
            b.append("...(").append(s.length()).append(" chars)");
        return b.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c))
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
