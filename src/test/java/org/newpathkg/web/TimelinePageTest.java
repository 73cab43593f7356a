package org.newpathkg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newpathkg.Fixtures;
import org.newpathkg.load.KnowledgeGraph;
import org.newpathkg.load.Pipeline;
import org.newpathkg.load.SourceTree;

/**
 * The timeline over the real graph, in process: every event the essay only orders is drawn between
 * its dated neighbours and marked as not dated, and the page's count of reported facts is the
 * overview query's.
 */
class TimelinePageTest {
    static KnowledgeGraph kg;
    static Site site = new Site(null);

    @BeforeAll
    static void load() {
        kg = Pipeline.load(SourceTree.directory(Fixtures.projectRoot()), null);
    }

    @AfterAll
    static void close() {
        if (kg != null)
            kg.close();
    }

    static TimelinePage.Model model() {
        return Txn.calculateRead(kg.dataset(), () -> TimelinePage.model(kg.dataset(), new PageContext(Request.of("/timeline", Map.of()), site), null, List.of()));
    }

    @Test
    void eachOrderedEventIsDrawnAfterWhatItFollowsAndBeforeWhatItPrecedes() {
        TimelinePage.Model m = model();
        TimelineSvg.Picture p = TimelineSvg.picture(m.items(), "t");
        Map<String, Integer> rowOf = new HashMap<>();
        Map<String, TimelineSvg.Item> itemOf = new HashMap<>();
        for (int i = 0; i < m.items().size(); i++) {
            rowOf.put(m.iriOfHref().get(m.items().get(i).href()), i);
            itemOf.put(m.iriOfHref().get(m.items().get(i).href()), m.items().get(i));
        }
        assertTrue(m.ordered() >= 20, "the essay orders more than 20 undated events; drawn: " + m.ordered());
        int checked = 0;
        for (List<String> pair : m.before()) {
            String a = pair.get(0), b = pair.get(1);
            if (!rowOf.containsKey(a) || !rowOf.containsKey(b))
                continue;
            TimelineSvg.Item ia = itemOf.get(a), ib = itemOf.get(b);
            if (!ia.isOrdered() && !ib.isOrdered())
                continue;
            checked++;
            assertTrue(rowOf.get(a) < rowOf.get(b), a + " is before " + b + " but drawn in row " + rowOf.get(a) + " after " + rowOf.get(b));
            TimelineSvg.Row ra = p.rows().get(rowOf.get(a)), rb = p.rows().get(rowOf.get(b));
            double aLeft = x(ra.x()), bLeft = x(rb.x()), aRight = aLeft + (ra.circle() ? 0 : x(ra.w())), bRight = bLeft + (rb.circle() ? 0 : x(rb.w()));
            // The ordered box starts no earlier than a dated neighbour before it starts, and ends
            // no later than a dated neighbour after it ends (the precision of a neighbour's date
            // leaves the whole of its month or year open).
            if (ib.isOrdered() && !ia.isOrdered())
                assertTrue(bLeft + 0.05 >= aLeft - (ra.circle() ? 5 : 0) - 5, b + " drawn from x=" + bLeft + ", left of " + a + " at x=" + aLeft);
            if (ia.isOrdered() && !ib.isOrdered())
                assertTrue(aRight - 0.05 <= bRight + (rb.circle() ? 5 : 0) + 5, a + " drawn to x=" + aRight + ", right of " + b + " ending at x=" + bRight);
        }
        assertTrue(checked >= 20, "pairs with an ordered event checked: " + checked);
        for (TimelineSvg.Item it : m.items())
            if (it.isOrdered() && it.gap().from() != null && it.gap().to() != null)
                assertFalse(it.gap().to().isBefore(it.gap().from()), it.label() + ": its order allows no time (" + it.gap() + ")");
    }

    @Test
    void anEventWithNeitherDateNorOrderIsListedNotDrawn() {
        TimelinePage.Model m = model();
        Set<String> ordered = new HashSet<>();
        m.before().forEach(ordered::addAll);
        for (String iri : m.undated())
            assertFalse(ordered.contains(iri), iri + " is ordered, so it is drawn, not listed");
        for (TimelineSvg.Item it : m.items())
            assertTrue(it.isOrdered() == (it.start() == null), it.label() + ": an ordered item has no date, a dated one no gap");
        assertFalse(m.undated().isEmpty(), "some events have neither (s5-17's armistice has no year in the essay)");
    }

    @Test
    void theCountOfReportedFactsIsTheOverviewsAndEachOfThemIsDrawn() throws IOException {
        TimelinePage.Model m = model();
        Query overviewQuery = QueryFactory.create(Files.readString(Fixtures.projectRoot().resolve("queries/00-overview.rq"), StandardCharsets.UTF_8));
        Sparql.Row overview = Txn.calculateRead(kg.dataset(), () -> Sparql.select(kg.dataset(), overviewQuery, Map.of()).get(0));
        assertEquals(Integer.parseInt(overview.str("reportedFacts")), m.facts().all());
        assertEquals(Integer.parseInt(overview.str("datedReportedFacts")), m.facts().dated());
        assertEquals(Integer.parseInt(overview.str("orderedReportedFacts")), m.facts().ordered());
        // Every dated or ordered reported fact has something of its graph drawn.
        Query q = QueryFactory.create("""
                PREFIX npo: <https://w3id.org/newpath-kg/ontology#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX time: <http://www.w3.org/2006/time#>
                SELECT DISTINCT ?fact ?x WHERE {
                  ?fact a npo:Claim ; npo:modality npo:ReportedFact .
                  { GRAPH ?fact { ?x ?dp ?d } ?dp rdfs:subPropertyOf npo:temporalProperty }
                  UNION { GRAPH ?fact { ?x ?p ?o } ?x time:before|time:after ?other }
                }""");
        Map<String, Set<String>> subjects = new HashMap<>();
        for (Sparql.Row r : Txn.calculateRead(kg.dataset(), () -> Sparql.select(kg.dataset(), q, Map.of())))
            subjects.computeIfAbsent(r.str("fact"), k -> new HashSet<>()).add(r.str("x"));
        assertEquals(m.facts().datedOrOrdered(), subjects.size());
        Set<String> drawn = new HashSet<>(m.iriOfHref().values());
        List<String> missing = new ArrayList<>();
        subjects.forEach((fact, xs) -> {
            if (xs.stream().noneMatch(drawn::contains))
                missing.add(fact + " " + xs);
        });
        assertEquals(List.of(), missing, "dated or ordered reported facts with nothing drawn");
    }

    @Test
    void thePageMarksEveryOrderedEventAsNotDatedAndExplainsTheMark() {
        WebHandler pages = new WebHandler(kg.dataset(), site);
        for (String lang : List.of("en", "ja")) {
            String html = pages.handle(Request.of("/timeline", Map.of("lang", lang))).bodyText();
            String tag = lang.equals("en") ? "ordered, not dated" : "前後関係のみ・日付なし";
            Matcher boxes = Pattern.compile("<rect class=\"mark ordered [a-z]+\"[^>]*/>\\s*<text[^>]*>([^<]*)</text>").matcher(html);
            int n = 0;
            while (boxes.find()) {
                n++;
                assertTrue(boxes.group(1).endsWith(" — " + tag), "the label says it is not dated: " + boxes.group(1));
            }
            Matcher stated = Pattern.compile(lang.equals("en") ? "and ([0-9]+) that the essay only orders" : "関係だけを示すもの([0-9]+)件").matcher(html);
            assertTrue(stated.find(), html);
            assertEquals(Integer.parseInt(stated.group(1)), n, "the page states how many it draws by order only");
            assertEquals(model().ordered(), n);
            assertTrue(html.contains("class=\"legend\"") && html.contains(tag + (lang.equals("en") ? ": the essay gives no date" : "：本稿は日付を示さず")), "a legend explains the mark");
            assertNotNull(html);
        }
    }

    private static double x(String s) {
        return Double.parseDouble(s);
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }
}
