package org.newpathkg.server;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One log line per HTTP request: method, path, status, milliseconds. The query string is left
 * out on purpose: queries can be long and may carry what users would rather not see in logs.
 * (Fuseki's own per-request log, which prints the query, is turned down to WARN.)
 */
public final class RequestLog implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger("org.newpathkg.server.Request");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        long t0 = System.nanoTime();
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        try {
            chain.doFilter(req, res);
        } finally {
            LOG.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
