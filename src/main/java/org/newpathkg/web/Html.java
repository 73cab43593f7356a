package org.newpathkg.web;

/**
 * Escaping for HTML text and attribute values. Every string that comes from the data (labels,
 * quotations, glosses, IRIs) goes through {@link #esc}; the pages never insert data unescaped.
 */
public final class Html {
    private Html() {}

    /** {@code s} escaped for text content and double-quoted attribute values. */
    public static String esc(String s) {
        if (s == null)
            return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An {@code <a>} to {@code href} with the text {@code text}, both escaped. */
    public static String a(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }
}
