package org.newpathkg.web;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.jena.sparql.core.DatasetGraph;

/**
 * What this site tells crawlers: {@code /robots.txt} (pages welcome; the SPARQL endpoint, the
 * editor and the data formats are for people and scripts that mean to use them, not for
 * crawling) and {@code /sitemap.xml}, every page of the graph (Sitemaps 0.9) with absolute URLs
 * on the public base. The data is read only, so the list of pages is computed once.
 */
final class Crawlers {
    /** Pages that are not a resource of the graph but are listed too. */
    static final List<String> SITE_PAGES = List.of("/", "/timeline");

    private final DatasetGraph dataset;
    private final Site site;
    private volatile List<String> paths;

    Crawlers(DatasetGraph dataset, Site site) {
        this.dataset = dataset;
        this.site = site;
    }

    /** robots.txt for a site whose public base is {@code base} (ends in '/'). */
    static String robots(String base) {
        return """
                # newpath-kg: every page may be crawled; the query endpoint and the editor run queries, so they are left out.
                User-agent: *
                Disallow: /newpath/
                Disallow: /$/
                Disallow: /ui
                Disallow: /*?format=
                Allow: /

                Sitemap: %ssitemap.xml
                """.formatted(base);
    }

    /** The server paths of every page, sorted, without fragments: the site's own pages first. */
    List<String> paths() {
        List<String> p = paths;
        if (p == null) {
            TreeSet<String> set = new TreeSet<>();
            for (Sparql.Row r : org.apache.jena.system.Txn.calculateRead(dataset,
                    () -> Sparql.select(dataset, Crawlers.class, "pages", Map.of(), -1, 0))) {
                String path = site.pathFor(r.str("x"));
                if (path == null)
                    continue;
                int hash = path.indexOf('#');
                set.add(hash < 0 ? path : path.substring(0, hash));
            }
            List<String> all = new java.util.ArrayList<>(SITE_PAGES);
            all.addAll(set);
            paths = p = List.copyOf(all);
        }
        return p;
    }

    /** The sitemap of every page, as absolute URLs under {@code base} (ends in '/'). */
    String sitemap(String base) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String p : paths())
            b.append("<url><loc>").append(xml(base + p.substring(1))).append("</loc></url>\n");
        return b.append("</urlset>\n").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
