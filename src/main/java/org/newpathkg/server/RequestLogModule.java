package org.newpathkg.server;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;

/**
 * One log line per HTTP request, written by Jetty's own {@code CustomRequestLog} to the SLF4J
 * logger {@code org.newpathkg.server.Request}: method, path, status, milliseconds. Jetty logs
 * every request, including those its handlers refuse before Fuseki sees them (413, 429, 503).
 * The query string is left out on purpose: queries can be long and may carry what users would
 * rather not see in logs, and the path is logged as sent (still percent-encoded), so a client
 * cannot write line breaks into the log. (Fuseki's own per-request log, which prints the query,
 * is turned down to WARN.)
 */
public final class RequestLogModule implements FusekiModule {
    /** The logger name the request lines go to. */
    public static final String LOGGER = "org.newpathkg.server.Request";
    /** Method, path without query, status, elapsed milliseconds. */
    static final String FORMAT = "%m %U %s %{ms}T ms";

    @Override
    public String name() {
        return "newpath-request-log";
    }

    @Override
    public void server(FusekiServer server) {
        Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
        writer.setLoggerName(LOGGER);
        server.getJettyServer().setRequestLog(new CustomRequestLog(writer, FORMAT));
    }
}
