package org.newpathkg.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The page templates, {@code src/main/jte/*.jte}, compiled to Java classes at build time by
 * jte-maven-plugin (package {@code org.newpathkg.web.jte}), so a template error fails the build
 * and nothing is compiled at run time.
 *
 * <p>Why jte: its {@code Html} content type escapes every {@code ${...}} by where it lands (text,
 * attribute, URL attribute; output inside a tag name or an unquoted attribute is refused at
 * build time by the OWASP policy set in the pom), templates are typed against the records of
 * {@link View} and checked by javac, and the runtime is one small jar without dependencies.
 * Pebble and Thymeleaf escape HTML too, but resolve names reflectively at run time and find a
 * misspelt field only when the page is served; Thymeleaf also brings OGNL/attoparser.
 *
 * <pre>{@code
 * String html = Templates.render("home.jte", homeView);
 * }</pre>
 */
final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "org.newpathkg.web.jte");

    private Templates() {}

    /** The page {@code name} rendered from {@code model}, the template's one parameter. */
    static String render(String name, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        ENGINE.render(name, model, out);
        return out.toString();
    }
}
