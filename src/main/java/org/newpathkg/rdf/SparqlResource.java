package org.newpathkg.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;

/**
 * Loads the internal SPARQL a class needs from a resource beside it, named
 * {@code ClassName.name.rq}, so that queries are read and tested as SPARQL, not as Java strings.
 */
public final class SparqlResource {
    private SparqlResource() {}

    /** The text of {@code Owner.name.rq}. */
    public static String text(Class<?> owner, String name) {
        String res = owner.getSimpleName() + "." + name + ".rq";
        try (InputStream in = owner.getResourceAsStream(res)) {
            if (in == null)
                throw new IllegalStateException("Missing resource " + owner.getPackageName() + "/" + res);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed query {@code Owner.name.rq}. */
    public static Query query(Class<?> owner, String name) {
        return QueryFactory.create(text(owner, name), Syntax.syntaxARQ);
    }
}
