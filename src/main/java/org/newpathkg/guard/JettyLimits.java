package org.newpathkg.guard;

import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The connection-level limits, set on the Jetty server Fuseki built (before it starts):
 * <ul>
 * <li>request line plus headers at most {@code maxHeaderBytes} (Jetty answers 431, or 414 for a
 * long URI); Fuseki's own setting is 512 KB;</li>
 * <li>form bodies at most {@code maxBodyBytes} (Fuseki allows 25 MB);</li>
 * <li>idle connections closed after {@code idleTimeoutMs}, and uploads or downloads slower than
 * {@code minDataRate} bytes/s cut off, so slow clients cannot hold threads;</li>
 * <li>at most {@code maxConnections} connections; further ones wait in the accept queue;</li>
 * <li>a per-response output buffer of {@code outputBufferBytes}. Fuseki 5.6.0 sets 5 MB, larger
 * than anything Jetty's buffer pool keeps, so every response allocated a fresh 5 MB direct
 * buffer and full GCs followed under load (apache/jena#4084). Results are complete before
 * the first byte is written ({@link CappedQueryProcessor}), so a small buffer costs nothing;</li>
 * <li>error pages without stack traces.</li>
 * </ul>
 */
final class JettyLimits {
    private JettyLimits() {}

    static void apply(FusekiServer fuseki, Limits limits) {
        Server server = fuseki.getJettyServer();
        for (Connector c : server.getConnectors()) {
            if (!(c instanceof ServerConnector connector))
                continue;
            connector.setIdleTimeout(limits.idleTimeoutMs());
            HttpConnectionFactory f = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (f == null)
                continue;
            HttpConfiguration http = f.getHttpConfiguration();
            http.setRequestHeaderSize(limits.maxHeaderBytes());
            http.setOutputBufferSize(limits.outputBufferBytes());
            http.setIdleTimeout(limits.idleTimeoutMs());
            http.setMinRequestDataRate(limits.minDataRate());
            http.setMinResponseDataRate(limits.minDataRate());
        }
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(fuseki.getServletContext());
        context.setMaxFormContentSize(limits.maxBodyBytes());
        quiet(server.getErrorHandler());
        quiet(context.getErrorHandler());
    }

    private static void quiet(Object handler) {
        if (handler instanceof ErrorHandler eh) {
            eh.setShowStacks(false);
            eh.setShowCauses(false);
            eh.setShowMessageInTitle(false);
        }
    }
}
