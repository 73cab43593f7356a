package org.newpathkg.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal parser for {@code --name value}, {@code --name=value} and flags; options may repeat.
 * Unknown options are a usage error, so a typo is never silently ignored.
 */
final class Args {
    /** Thrown for a usage error; the CLI prints it with the subcommand's help and exits 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    Args(List<String> argv, Set<String> withValue, Set<String> flags) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    if (value != null)
                        throw new UsageException("--" + name + " takes no value");
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (withValue.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size())
                            throw new UsageException("--" + name + " needs a value");
                        value = argv.get(++i);
                    }
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                positional.add(a);
            }
        }
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String get(String name, String dflt) {
        List<String> v = options.get(name);
        if (v == null)
            return dflt;
        if (v.size() > 1)
            throw new UsageException("--" + name + " given more than once");
        return v.get(0);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    long number(String name, long dflt, long min, long max) {
        String v = get(name, null);
        if (v == null)
            return dflt;
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max)
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not " + v);
        }
    }

    List<String> positional() {
        return positional;
    }
}
