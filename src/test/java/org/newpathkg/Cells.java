package org.newpathkg;

import java.math.BigDecimal;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;

/**
 * One result cell as comparable text: numbers by value (engines print 1.50, 1.5 or 1.5E0 for the
 * same decimal), blank nodes not at all (their labels are the engine's own), everything else as
 * N-Triples. Shared by the golden-result comparison and the portability check.
 */
public final class Cells {
    private Cells() {}

    /** The cell's canonical text. */
    public static String canonical(Node n) {
        if (n.isBlank())
            return "_:";
        if (n.isLiteral() && n.getLiteralDatatype() instanceof XSDDatatype dt && isNumeric(dt)) {
            try {
                return new BigDecimal(n.getLiteralLexicalForm().strip()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return NodeFmtLib.strNT(n);
            }
        }
        return NodeFmtLib.strNT(n);
    }

    private static boolean isNumeric(XSDDatatype dt) {
        String u = dt.getURI();
        return dt.equals(XSDDatatype.XSDdecimal) || dt.equals(XSDDatatype.XSDdouble) || dt.equals(XSDDatatype.XSDfloat)
                || u.endsWith("nteger") || u.endsWith("#int") || u.endsWith("#long") || u.endsWith("#short") || u.endsWith("#byte");
    }
}
