package org.newpathkg.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A corpus size as people write it: {@code 10k}, {@code 1M}, {@code 10m}, digits, or {@code none}
 * (0); the picocli converter of every size option of the benchmark, and the label of a size in
 * reports and folder names.
 */
final class Size implements ITypeConverter<Long> {
    @Override
    public Long convert(String s) {
        String t = s.strip().toLowerCase().replace("_", "");
        if (t.equals("none"))
            return 0L;   // a size that is not to be run
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
            throw new TypeConversionException("not a size: " + s + " (write 10k, 1M or a number)");
        }
    }

    /** {@code 10000} as {@code 10k}, {@code 1000000} as {@code 1M}. */
    static String label(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0)
            return (n / 1_000_000) + "M";
        if (n >= 1_000 && n % 1_000 == 0)
            return (n / 1_000) + "k";
        return Long.toString(n);
    }
}
