package org.newpathkg.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The interface texts of the pages in one language, from one bundle:
 * {@code org/newpathkg/web/messages_en.properties} and {@code messages_ja.properties} (UTF-8),
 * which hold the same keys (MessagesTest checks). Templates call {@code t.get("key")}; the text
 * is escaped like any other value.
 */
public final class Messages {
    /** The languages the pages come in, the default first. */
    public static final List<String> LANGUAGES = List.of("en", "ja");

    private final String lang;
    private final ResourceBundle bundle;

    /** The texts in {@code lang}, one of {@link #LANGUAGES}. */
    public Messages(String lang) {
        if (!LANGUAGES.contains(lang))
            throw new IllegalArgumentException("No interface texts in " + lang + "; the pages come in " + LANGUAGES);
        this.lang = lang;
        // No fallback to the machine's default locale: ja is ja wherever the server runs.
        this.bundle = ResourceBundle.getBundle("org.newpathkg.web.messages", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The language of these texts. */
    public String lang() {
        return lang;
    }

    /** The text {@code key}. */
    public String get(String key) {
        return bundle.getString(key);
    }

    /** The text {@code key} with {@code {0}}, {@code {1}} ... filled in. */
    public String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), Locale.forLanguageTag(lang)).format(args);
    }

    /** Every key of the bundle in this language. */
    public java.util.Set<String> keys() {
        return bundle.keySet();
    }
}
