package org.newpathkg.server;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionConfig;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.server.Server;

/**
 * Responses gzip-compressed when the client sends {@code Accept-Encoding: gzip}, by Jetty's own
 * {@code CompressionHandler}: pages, the editor's scripts and styles, SPARQL results and RDF alike,
 * with {@code Vary: Accept-Encoding} and the ETag suffixed so a cache never mixes the two forms.
 * Jetty's defaults leave out what is already compressed (images other than SVG, audio, video,
 * archives) and bodies under {@value #MIN_BYTES} bytes, where gzip's header outweighs its gain.
 * <p>
 * Listed first among the server's modules, so it wraps Fuseki's servlet context directly: it runs
 * inside every admission limit ({@code GuardModule}'s handlers), its work is the admitted request's
 * cost, and refusals by those limits go out as they are. Request bodies are <em>not</em>
 * decompressed: the body limit counts the bytes as sent, and inflating them here would let a small
 * gzip body grow past it.
 */
public final class CompressionModule implements FusekiModule {
    /** Bodies smaller than this go out as they are. */
    static final int MIN_BYTES = 256;

    @Override
    public String name() {
        return "newpath-compression";
    }

    @Override
    public void server(FusekiServer fuseki) {
        Server server = fuseki.getJettyServer();
        server.setHandler(handler(server.getHandler()));
    }

    /** Jetty's compression around {@code next}: gzip out, nothing decompressed in. */
    static CompressionHandler handler(org.eclipse.jetty.server.Handler next) {
        GzipCompression gzip = new GzipCompression();
        gzip.setMinCompressSize(MIN_BYTES);
        CompressionHandler h = new CompressionHandler(next);
        h.putCompression(gzip);
        h.putConfiguration("/", CompressionConfig.builder().defaults()
                .decompressExcludeEncoding(gzip.getEncodingName())
                .build());
        return h;
    }
}
