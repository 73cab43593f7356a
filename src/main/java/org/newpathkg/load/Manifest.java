package org.newpathkg.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.newpathkg.rdf.UnionView;

/**
 * What a data set declares it must contain, in {@code ontology/MANIFEST}: the data files that must be
 * present and the counts the essay fixes. Without it a data set with files deleted (every
 * {@code ontology/essay/*.trig}, say) parses and passes every check that looks for something
 * wrong: nothing is there to be wrong. Files beyond the listed ones may be added.
 * <pre>
 * # a comment
 * file ontology/essay/notes.trig        a file that must be present (relative to the project root)
 * count 38 ontology/counts/essay-notes.rq   a SELECT whose one row's one value must be 38
 * </pre>
 * A generated corpus that copies {@code ontology/} keeps the real essay's lines, which still hold
 * (its essays have IRIs of their own); a data set of another shape writes its own MANIFEST.
 * The parse phase ({@link DataLoader}) checks the files, the validate phase ({@link Validation})
 * the counts.
 */
public final class Manifest {
    /** Where the manifest is, relative to the project root. */
    public static final String FILE = "ontology/MANIFEST";

    /** A count the data must have: {@code query} (a SELECT file) returns {@code expected}. */
    public record Count(long expected, String query, int line) {}

    private final List<String> files;
    private final List<Count> counts;

    private Manifest(List<String> files, List<Count> counts) {
        this.files = List.copyOf(files);
        this.counts = List.copyOf(counts);
    }

    /** The files that must be present. */
    public List<String> files() {
        return files;
    }

    /** The counts the data must have. */
    public List<Count> counts() {
        return counts;
    }

    /** The manifest of {@code src}; a data set without one, or with a line not of the two forms, is refused. */
    public static Manifest read(SourceTree src) {
        if (!src.all().contains(FILE))
            throw new DataException(FILE + ": missing; a data set declares the files it must contain (file PATH) and the "
                    + "counts its content must have (count N QUERY.rq), so that one with files lost is not served. See "
                    + "ontology/README.md");
        List<String> files = new ArrayList<>();
        List<Count> counts = new ArrayList<>();
        String text = StrictUtf8.read(src, FILE);
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#"))
                continue;
            String[] w = line.split("\\s+");
            if (w.length == 2 && w[0].equals("file"))
                files.add(w[1]);
            else if (w.length == 3 && w[0].equals("count") && w[1].matches("\\d{1,18}"))
                counts.add(new Count(Long.parseLong(w[1]), w[2], n));
            else
                throw new DataException(DataLoader.where(FILE, n, -1) + "not a manifest line: '" + line
                        + "'; write 'file PATH' or 'count N QUERY.rq'");
        }
        return new Manifest(files, counts);
    }

    /** Listed files {@code src} lacks, one sentence each. */
    public List<String> missingFiles(SourceTree src) {
        Set<String> present = new HashSet<>(src.all());
        List<String> missing = new ArrayList<>();
        for (String f : files)
            if (!present.contains(f))
                missing.add(f + ": missing; " + FILE + " lists it as part of the data (restore it, or remove its line "
                        + "from the manifest if it is meant to go)");
        return missing;
    }

    /** Counts {@code data} does not have, one sentence each (a query that cannot run is one too). */
    public List<String> countProblems(SourceTree src, DatasetGraph data) {
        List<String> problems = new ArrayList<>();
        DatasetGraph view = new UnionView(data);
        for (Count c : counts) {
            String where = DataLoader.where(FILE, c.line(), -1);
            if (!src.all().contains(c.query())) {
                problems.add(where + c.query() + ": missing");
                continue;
            }
            Query q;
            try {
                q = QueryFactory.create(StrictUtf8.read(src, c.query()), Syntax.syntaxARQ);
            } catch (QueryException e) {
                problems.add(where + c.query() + ": not a valid query: " + e.getMessage().strip());
                continue;
            }
            if (!q.isSelectType()) {
                problems.add(where + c.query() + ": a count must be a SELECT query");
                continue;
            }
            Long got = null;
            try (QueryExec qe = QueryExec.dataset(view).query(q).build()) {
                RowSet rs = qe.select();
                if (rs.hasNext()) {
                    Binding b = rs.next();
                    Node v = rs.getResultVars().isEmpty() ? null : b.get(rs.getResultVars().get(0));
                    if (v != null && v.isLiteral() && v.getLiteralLexicalForm().matches("\\d{1,18}"))
                        got = Long.parseLong(v.getLiteralLexicalForm());
                }
            }
            if (got == null)
                problems.add(where + c.query() + " returned no number; a count query returns one row with one number");
            else if (got != c.expected())
                problems.add(where + c.query() + " counts " + got + " in the data; the manifest says " + c.expected()
                        + " (a data file lost or cut short?)");
        }
        return problems;
    }
}
