package org.newpathkg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame of every HTML page ({@code page.html}): header, navigation, language switch, footer.
 * Placeholders {@code {{name}}} are filled in one pass, so text from the data that happens to
 * contain braces is never expanded.
 */
final class Layout {
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z.]+)\\}\\}");
    private static final String TEMPLATE = resource("page.html");

    private Layout() {}

    static String resource(String name) {
        try (InputStream in = Layout.class.getResourceAsStream(name)) {
            if (in == null)
                throw new IllegalStateException("Missing resource org/newpathkg/web/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole page; {@code title} is plain text, {@code head} and {@code body} are HTML. */
    static String page(PageContext ctx, String title, String head, String body) {
        Map<String, String> v = new HashMap<>();
        v.put("lang", ctx.lang);
        v.put("title", Html.esc(title));
        v.put("head", head);
        v.put("body", body);
        v.put("home", Html.esc(ctx.href("/")));
        v.put("timeline", Html.esc(ctx.href("/timeline")));
        v.put("ui", Html.esc(ctx.href("/ui")));
        v.put("ontology", Html.esc(ctx.href("/ontology")));
        for (String k : new String[] {"skip", "navlabel", "nav.home", "nav.timeline", "nav.ui", "nav.ontology", "langlabel", "footer"})
            v.put(k, Html.esc(ctx.t(k)));
        v.put("langswitch", langSwitch(ctx));
        Matcher m = SLOT.matcher(TEMPLATE);
        StringBuilder out = new StringBuilder(TEMPLATE.length() + body.length() + 1024);
        while (m.find())
            m.appendReplacement(out, Matcher.quoteReplacement(v.getOrDefault(m.group(1), "")));
        m.appendTail(out);
        return out.toString();
    }

    /** Links to this same page in English and Japanese, the current one marked. */
    private static String langSwitch(PageContext ctx) {
        StringBuilder b = new StringBuilder();
        for (String[] l : new String[][] {{"en", "English"}, {"ja", "日本語"}}) {
            Map<String, String> params = new TreeMap<>(ctx.req.params());
            params.put("lang", l[0]);
            String href = ctx.req.path() + "?" + query(params);
            if (l[0].equals(ctx.lang))
                b.append("<a aria-current=\"true\" lang=\"").append(l[0]).append("\" href=\"").append(Html.esc(href)).append("\">").append(l[1]).append("</a> ");
            else
                b.append("<a lang=\"").append(l[0]).append("\" hreflang=\"").append(l[0]).append("\" href=\"").append(Html.esc(href)).append("\">").append(l[1]).append("</a> ");
        }
        return b.toString();
    }

    /** A URL query string from {@code params}, each value percent-encoded. */
    static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, val) -> {
            if (b.length() > 0)
                b.append('&');
            b.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
             .append(java.net.URLEncoder.encode(val, StandardCharsets.UTF_8));
        });
        return b.toString();
    }
}
