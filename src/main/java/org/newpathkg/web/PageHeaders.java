package org.newpathkg.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every page response, set before the page is written so that error
 * answers carry them too. The pages load script, style, images and fonts only from this server,
 * run no inline script, cannot be framed, and send no referrer to other sites. The SPARQL paths
 * ({@code /newpath/*}) are not pages and keep the endpoint's own headers.
 */
public final class PageHeaders implements Filter {
    /**
     * The policy of the pages: nothing inline, nothing from elsewhere; {@code data:} images for
     * the browser's own SVG/PNG icons; forms only to this server; no {@code <base>} rewriting.
     */
    public static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The query editor's policy ({@code /ui}): YASGUI's needs, each explained at {@link EditorServlet#CSP}. */
    public static final String UI = EditorServlet.CSP;

    private final String policy;

    /** Sends {@code policy} as the Content-Security-Policy. */
    public PageHeaders(String policy) {
        this.policy = policy;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (res instanceof HttpServletResponse http) {
            http.setHeader("Content-Security-Policy", policy);
            http.setHeader("X-Content-Type-Options", "nosniff");
            // For browsers that predate frame-ancestors.
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
            http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        }
        chain.doFilter(req, res);
    }
}
