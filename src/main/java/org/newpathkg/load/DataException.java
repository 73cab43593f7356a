package org.newpathkg.load;

import java.util.List;

/**
 * The data cannot be served: a syntax error, a shape violation, a failed integrity check or
 * a quotation not found in the essay. The message lists every problem, one sentence per line,
 * each naming the file and line or the node at fault.
 */
public class DataException extends RuntimeException {
    /** How many problems are printed before the rest are only counted. */
    public static final int MAX_LISTED = 50;

    private final List<String> problems;

    /** One problem. */
    public DataException(String problem) {
        this(List.of(problem), null);
    }

    /** A syntax error, keeping the parser's exception as cause. */
    public DataException(String problem, Throwable cause) {
        this(List.of(problem), cause);
    }

    /** Several problems found by one phase; {@code heading} says which. */
    public DataException(String heading, List<String> problems) {
        super(render(heading, problems));
        this.problems = List.copyOf(problems);
    }

    private DataException(List<String> problems, Throwable cause) {
        super(problems.get(0), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, uncapped. */
    public List<String> problems() {
        return problems;
    }

    static String render(String heading, List<String> problems) {
        StringBuilder sb = new StringBuilder(heading);
        int n = 0;
        for (String p : problems) {
            if (n++ == MAX_LISTED) {
                sb.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
                break;
            }
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
