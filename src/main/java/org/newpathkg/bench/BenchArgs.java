package org.newpathkg.bench;

/** Sizes written as people write them: {@code 10k}, {@code 1M}, {@code 10m} or digits. */
final class BenchArgs {
    private BenchArgs() {}

    static long size(String s) {
        String t = s.strip().toLowerCase().replace("_", "");
        long mult = 1;
        if (t.endsWith("k")) {
            mult = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: " + s + " (write 10k, 1M or a number)");
        }
    }

    static String label(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0)
            return (n / 1_000_000) + "M";
        if (n >= 1_000 && n % 1_000 == 0)
            return (n / 1_000) + "k";
        return Long.toString(n);
    }
}
