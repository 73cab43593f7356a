package org.newpathkg.server;

import java.util.List;
import java.util.regex.Pattern;

import org.newpathkg.guard.Limits;

/**
 * Everything {@link NewpathServer#build} needs besides the dataset, as one immutable value; each
 * {@code serve} flag maps onto one field here or in {@link Limits}. Defaults live in the
 * {@link Builder}; the compact constructor checks every combination.
 *
 * <pre>{@code
 * ServerConfig c = ServerConfig.builder().port(0).cacheBytes(64L << 20).dataVersion(src.contentHash()).build();
 * ServerConfig quick = c.toBuilder().limits(c.limits().toBuilder().overallMs(1_000).build()).build();
 * }</pre>
 *
 * @param host         interface to listen on: 127.0.0.1, localhost, ::1 (this machine only) or 0.0.0.0 (all)
 * @param port         TCP port; 0 picks a free one
 * @param baseUrl      public base of the Linked Data pages ({@code --base-url}), or null for the request's own host
 * @param allowService SERVICE endpoints a query may call (default: none)
 * @param cacheBytes   result cache weight in bytes (0: no cache)
 * @param dataVersion  content hash of the sources; keys the cached answers
 * @param limits       time, size and load limits of the public endpoint
 */
public record ServerConfig(String host, int port, String baseUrl, List<String> allowService, long cacheBytes,
                           String dataVersion, Limits limits) {

    private static final Pattern HOSTS = Pattern.compile("127\\.0\\.0\\.1|localhost|::1|0\\.0\\.0\\.0");
    private static final Pattern BASE_URL = Pattern.compile("https?://[^/?#\\s]+(/[^?#\\s]*)?");

    public ServerConfig {
        if (host == null || !HOSTS.matcher(host).matches())
            throw new IllegalArgumentException("host must be 127.0.0.1, localhost, ::1 or 0.0.0.0 (all interfaces), not " + host);
        if (port < 0 || port > 65535)
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        if (baseUrl != null && !BASE_URL.matcher(baseUrl).matches())
            throw new IllegalArgumentException("base URL must be an http(s) URL such as https://example.org/, not " + baseUrl);
        allowService = List.copyOf(allowService);
        if (cacheBytes < 0)
            throw new IllegalArgumentException("cache size must be >= 0");
        if (dataVersion == null)
            throw new IllegalArgumentException("dataVersion must not be null (use \"\" without a cache)");
        if (limits == null)
            throw new IllegalArgumentException("limits must not be null");
    }

    /** Whether the server listens on this machine only. */
    public boolean loopbackOnly() {
        return !host.equals("0.0.0.0");
    }

    /** A builder with the defaults: loopback, a free port, no base URL, no SERVICE, no cache, default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).baseUrl(baseUrl).allowService(allowService)
                .cacheBytes(cacheBytes).dataVersion(dataVersion).limits(limits);
    }

    /** Mutable builder; each setter names a record component. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String baseUrl;
        private List<String> allowService = List.of();
        private long cacheBytes = 0;
        private String dataVersion = "";
        private Limits limits = Limits.DEFAULTS;

        private Builder() {}

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder allowService(List<String> v) { allowService = v; return this; }
        public Builder cacheBytes(long v) { cacheBytes = v; return this; }
        public Builder dataVersion(String v) { dataVersion = v; return this; }
        public Builder limits(Limits v) { limits = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, baseUrl, allowService, cacheBytes, dataVersion, limits);
        }
    }
}
