package org.newpathkg.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.newpathkg.vocab.Graphs;
import org.newpathkg.vocab.NPO;
import org.newpathkg.vocab.Prefixes;

/**
 * The page of one resource of the graph ({@code resource.jte}). For a claim: its gloss as the
 * title, then provenance (modality, commitment, evidentiality, section, the passage with its note
 * markers linked to the notes as full references), the argument around it, what it asserts. For
 * an entity: its claims grouped by section and by modality, an actor's timeline. For every
 * resource: its statements, each (property, value) once, an inferred super-property folded
 * under the property it was inferred from, and what links to it. Every list is one page of at
 * most {@link #PAGE} rows ({@code ?page=}).
 */
final class ResourcePage {
    static final int PAGE = 200;
    /** Namespace of argument link nodes (AIF RA/CA nodes). */
    static final String ARGUMENT_NS = Prefixes.DATA_NS + "argument/";
    private static final String RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    private static final String SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel";
    /** The order modalities are listed in (the schema's), others after them by name. */
    private static final List<String> MODALITIES = List.of("ReportedFact", "QuotedStatement", "AuthorAssessment", "Prediction", "Recommendation");
    /** A note marker in a passage as the essay prints it: （12）. */
    private static final Pattern MARKER = Pattern.compile("（([0-9０-９]{1,3})）");

    private ResourcePage() {}

    /** The page of {@code iri}, which exists in {@code ds}; the caller holds a read transaction. */
    static String render(DatasetGraph ds, Node iri, PageContext ctx) {
        int page = ctx.req.page();
        long offset = (long) page * PAGE;
        Map<String, Node> self = Map.of("this", iri);
        String uri = iri.getURI();

        List<Sparql.Row> types = Sparql.select(ds, ResourcePage.class, "types", self, 500, 0);
        Set<String> typeSet = new HashSet<>();
        types.forEach(r -> typeSet.add(r.str("type")));
        boolean isClaim = typeSet.contains(NPO.Claim.getURI());
        boolean isNote = typeSet.contains(NPO.Note.getURI());
        boolean isActor = typeSet.contains(NPO.NS + "Actor") || typeSet.contains(NPO.NS + "State") || typeSet.contains(NPO.NS + "Person");
        boolean isLink = uri.startsWith(ARGUMENT_NS) || typeSet.contains(NPO.NS + "ArgumentLink");
        boolean isGraph = uri.startsWith(Graphs.NS) || isClaim;

        List<Sparql.Row> out = Sparql.select(ds, ResourcePage.class, "outbound", self, PAGE + 1, offset);
        List<Sparql.Row> in = Sparql.select(ds, ResourcePage.class, "inbound", self, PAGE + 1, offset);
        List<Sparql.Row> claims = isClaim ? List.of() : Sparql.select(ds, ResourcePage.class, "claims", self, PAGE + 1, offset);
        List<Sparql.Row> graph = isGraph ? Sparql.select(ds, ResourcePage.class, "graph", self, PAGE + 1, offset) : List.of();
        List<Sparql.Row> passage = isClaim ? Sparql.select(ds, ResourcePage.class, "claim", self, 10, 0) : List.of();
        List<Sparql.Row> timeline = isActor ? Sparql.select(ds, ResourcePage.class, "timeline", self, 2000, 0) : List.of();
        List<Sparql.Row> terms = isClaim || page > 0 ? List.of() : Sparql.select(ds, ResourcePage.class, "terms", self, 2000, 0);
        List<Sparql.Row> argument = page > 0 ? List.of()
                : isLink ? Sparql.select(ds, ResourcePage.class, "argumentParts", self, 200, 0)
                : isClaim ? Sparql.select(ds, ResourcePage.class, "argument", self, 200, 0) : List.of();
        boolean more = out.size() > PAGE || in.size() > PAGE || claims.size() > PAGE || graph.size() > PAGE;
        out = cut(out);
        in = cut(in);
        claims = cut(claims);
        graph = cut(graph);

        List<Node> claimNodes = new ArrayList<>();
        claims.forEach(r -> claimNodes.add(r.get("claim")));
        if (isClaim)
            claimNodes.add(iri);
        List<Sparql.Row> notes = claimNodes.isEmpty() ? List.of()
                : Sparql.select(ds, Sparql.withValues(ResourcePage.class, "notes", "claim", claimNodes), Map.of());
        Map<String, Set<String>> superProps = supers(ds, "superProperties", out, in, "p");
        List<Node> typeNodes = new ArrayList<>();
        types.forEach(r -> typeNodes.add(r.get("type")));
        Map<String, Set<String>> superTypes = supers(ds, "superClasses", typeNodes);

        List<Node> toLabel = new ArrayList<>();
        toLabel.add(iri);
        for (List<Sparql.Row> rows : List.of(types, out, in, claims, graph, passage, timeline, terms, notes, argument))
            for (Sparql.Row r : rows)
                toLabel.addAll(r.values().values());
        ctx.loadLabels(ds, toLabel);

        String gloss = first(out, NPO.gloss.getURI()) == null ? null : first(out, NPO.gloss.getURI()).getLiteralLexicalForm();
        String exact = passage.isEmpty() ? null : passage.get(0).str("exact");
        View.Header header = header(ctx, uri, types, superTypes, isClaim ? gloss : null, isClaim ? exact : null);
        View.ResourceView view = new View.ResourceView(
                ctx.frame(header.title(), header.titleLang(), alternates(ctx.req.path()), false),
                header,
                isClaim ? claimPanel(ctx, uri, out, passage, notes) : null,
                isNote ? notePanel(ctx, out) : null,
                argument.isEmpty() ? null : argumentView(ctx, uri, summary(ctx, gloss, exact), argument, isLink),
                timelineSection(ctx, uri, timeline),
                isClaim || (claims.isEmpty() && page > 0) ? null : claimList(ctx, isNote, claims, notes),
                terms(ctx, terms),
                !isGraph || graph.isEmpty() ? null : new View.Triples(ctx.t(isClaim ? "asserts" : "graph"), triples(ctx, graph), anchors(uri, graph)),
                statements(ctx, out, superProps),
                inbound(ctx, in, superProps),
                pager(ctx, page, more));
        return Templates.render("resource.jte", view);
    }

    private static List<Sparql.Row> cut(List<Sparql.Row> rows) {
        return rows.size() > PAGE ? rows.subList(0, PAGE) : rows;
    }

    private static Node first(List<Sparql.Row> out, String prop) {
        List<Node> v = values(out, prop);
        return v.isEmpty() ? null : v.get(0);
    }

    private static List<Node> values(List<Sparql.Row> out, String prop) {
        List<Node> v = new ArrayList<>();
        for (Sparql.Row r : out)
            if (prop.equals(r.str("p")) && !v.contains(r.get("o")))
                v.add(r.get("o"));
        return v;
    }

    /** The RDF formats of this resource, for {@code <link rel="alternate">}. */
    static List<View.Alternate> alternates(String path) {
        List<View.Alternate> a = new ArrayList<>();
        for (Conneg.Format f : Conneg.Format.values())
            if (f != Conneg.Format.HTML)
                a.add(new View.Alternate(f.mediaType, path + "?format=" + f.shortName, formatName(f)));
        return a;
    }

    private static String formatName(Conneg.Format f) {
        return switch (f) {
            case TURTLE -> "Turtle";
            case JSONLD -> "JSON-LD";
            case NTRIPLES -> "N-Triples";
            case TRIG -> "TriG";
            case NQUADS -> "N-Quads";
            case RDFXML -> "RDF/XML";
            case HTML -> "HTML";
        };
    }

    /** Super-properties (or classes) of the values of {@code var} in {@code rows}, from the ontology and its closure. */
    private static Map<String, Set<String>> supers(DatasetGraph ds, String query, List<Sparql.Row> a, List<Sparql.Row> b, String var) {
        List<Node> nodes = new ArrayList<>();
        for (List<Sparql.Row> rows : List.of(a, b))
            for (Sparql.Row r : rows)
                if (r.get(var) != null && r.get(var).isURI() && !nodes.contains(r.get(var)))
                    nodes.add(r.get(var));
        return supers(ds, query, nodes);
    }

    private static Map<String, Set<String>> supers(DatasetGraph ds, String query, List<Node> nodes) {
        Map<String, Set<String>> m = new HashMap<>();
        List<Node> uris = nodes.stream().filter(n -> n != null && n.isURI()).distinct().toList();
        if (uris.isEmpty())
            return m;
        for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(ResourcePage.class, query, "sub", uris), Map.of()))
            m.computeIfAbsent(r.str("sub"), k -> new HashSet<>()).add(r.str("super"));
        return m;
    }

    /** Characters of a passage in a Japanese title or summary before it is cut with "…". */
    static final int PASSAGE_CHARS = 60;

    /**
     * What a claim says, in the page's language: on a Japanese page its verbatim passage (cut after
     * {@value #PASSAGE_CHARS} characters), else its English gloss; either when the other is missing.
     */
    static String summary(PageContext ctx, String gloss, String exact) {
        if (exact != null && (ctx.lang.equals("ja") || gloss == null))
            return exact.codePointCount(0, exact.length()) > PASSAGE_CHARS
                    ? exact.substring(0, exact.offsetByCodePoints(0, PASSAGE_CHARS)) + "…" : exact;
        return gloss;
    }

    private static View.Header header(PageContext ctx, String uri, List<Sparql.Row> types, Map<String, Set<String>> superTypes,
                                      String gloss, String exact) {
        String title;
        String titleLang;
        View.Text other = null;
        String subtitle = null;
        if (gloss != null || exact != null) {
            // A claim is titled by what it says in the page's language (the Japanese page by its
            // passage, verbatim), the other language below; its IRI's short form is the subtitle.
            title = summary(ctx, gloss, exact);
            titleLang = title.equals(gloss) ? "en" : "ja";
            if (titleLang.equals("ja") && gloss != null)
                other = new View.Text(gloss, "en");
            subtitle = PageContext.shortName(uri);
        } else {
            String main = ctx.labelIn(uri, ctx.lang);
            String otherLabel = ctx.labelIn(uri, ctx.otherLang());
            if (main != null) {
                title = main;
                titleLang = ctx.lang;
                if (otherLabel != null && !otherLabel.equals(main))
                    other = new View.Text(otherLabel, ctx.otherLang());
            } else {
                title = ctx.label(uri);
                titleLang = ctx.labelLang(uri);
            }
        }
        // Asserted types first; a type the inference added (a super-class of an asserted one) is listed apart, once.
        List<String> asserted = new ArrayList<>();
        List<String> inferred = new ArrayList<>();
        for (Sparql.Row r : types)
            if (!Graphs.INFERRED.getURI().equals(r.str("g")) && !asserted.contains(r.str("type")))
                asserted.add(r.str("type"));
        for (Sparql.Row r : types) {
            String t = r.str("type");
            if (!asserted.contains(t) && !inferred.contains(t))
                inferred.add(t);
        }
        // A type that is only a super-class of an asserted one says nothing new: listed small, after the asserted ones.
        inferred.sort(Comparator.comparing((String t) -> asserted.stream().anyMatch(o -> superTypes.getOrDefault(o, Set.of()).contains(t)) ? 1 : 0));
        List<View.Value> typeValues = asserted.stream().map(ctx::labelled).toList();
        List<View.Value> inferredValues = inferred.stream().map(ctx::labelled).toList();
        List<View.Alternate> downloads = alternates(ctx.req.path()).stream()
                .filter(a -> !a.type().equals("application/n-quads") && !a.type().equals("application/rdf+xml")).toList();
        return new View.Header(title, titleLang, other, subtitle, uri, typeValues, inferredValues, downloads);
    }

    private static View.ClaimPanel claimPanel(PageContext ctx, String uri, List<Sparql.Row> out, List<Sparql.Row> passage, List<Sparql.Row> notes) {
        Node modality = first(out, NPO.NS + "modality");
        List<View.NoteRef> refs = noteRefs(ctx, uri, notes);
        Map<String, String> anchors = new HashMap<>();
        for (View.NoteRef r : refs)
            anchors.put(r.note().text().replaceAll("[^0-9]", ""), r.anchor());
        Node section = null;
        View.Passage quote = null;
        for (Sparql.Row p : passage) {
            if (p.get("source") != null && section == null)
                section = p.get("source");
            if (p.get("exact") != null && quote == null)
                quote = new View.Passage(p.str("prefix"), segments(p.str("exact"), refs, anchors), p.str("suffix"));
        }
        if (section == null)
            section = first(out, NPO.NS + "section");
        Node gloss = first(out, NPO.gloss.getURI());
        return new View.ClaimPanel(
                modality == null ? null : ctx.value(modality), modalityClass(modality),
                valueOf(ctx, first(out, NPO.NS + "commitment")), text(first(out, NPO.NS + "commitmentCue")),
                valueOf(ctx, first(out, NPO.NS + "evidentiality")), text(first(out, NPO.NS + "evidentialCue")),
                valueOf(ctx, section), quote, text(gloss), refs,
                valueOf(ctx, first(out, NPO.NS + "sourcing")),
                values(out, NPO.NS + "remark").stream().map(ctx::value).toList(),
                valueOf(ctx, first(out, "http://www.w3.org/ns/prov#wasAttributedTo")),
                ledger(ctx, out), first(out, NPO.NS + "withoutGrounds") != null && "true".equals(first(out, NPO.NS + "withoutGrounds").getLiteralLexicalForm()));
    }

    /** The prediction ledger's properties, in reading order. */
    private static final List<String> LEDGER = List.of("predictionSubject", "expectedOutcome", "condition", "conditionCue", "unconditional",
            "horizon", "predictionStatus", "statusAsOf");

    /** A prediction's ledger rows, each property with its values; a date is shown only as precise as the data says. */
    private static List<View.Statement> ledger(PageContext ctx, List<Sparql.Row> out) {
        List<View.Statement> rows = new ArrayList<>();
        for (String local : LEDGER) {
            String p = NPO.NS + local;
            for (Node v : values(out, p)) {
                View.Value value = ctx.value(v);
                if (local.equals("statusAsOf") && v.isLiteral()) {
                    Node prec = first(out, NPO.NS + "statusAsOfPrecision");
                    try {
                        value = View.Value.text(TimelineSvg.show(java.time.LocalDate.parse(v.getLiteralLexicalForm()),
                                TimelineSvg.precision(prec == null ? null : prec.getURI())), null, null);
                    } catch (java.time.format.DateTimeParseException e) {
                        // Not a plain xsd:date: shown as the data has it.
                    }
                }
                rows.add(new View.Statement(ctx.value(NodeFactory.createURI(p)), value, List.of(), false, List.of()));
            }
        }
        return rows;
    }

    private static View.Value valueOf(PageContext ctx, Node n) {
        return n == null ? null : ctx.value(n);
    }

    private static View.Text text(Node n) {
        if (n == null || !n.isLiteral())
            return null;
        return new View.Text(n.getLiteralLexicalForm(), n.getLiteralLanguage().isEmpty() ? null : n.getLiteralLanguage());
    }

    /** The passage split at its note markers; a marker of a note the claim cites links to that note's reference. */
    static List<View.Segment> segments(String exact, List<View.NoteRef> refs, Map<String, String> anchors) {
        List<View.Segment> s = new ArrayList<>();
        Matcher m = MARKER.matcher(exact);
        int at = 0;
        while (m.find()) {
            if (m.start() > at)
                s.add(new View.Segment(exact.substring(at, m.start()), null, null));
            String number = toAscii(m.group(1));
            String anchor = anchors.get(number);
            s.add(new View.Segment(m.group(), number, anchor == null ? null : "#" + anchor));
            at = m.end();
        }
        if (at < exact.length())
            s.add(new View.Segment(exact.substring(at), null, null));
        return s;
    }

    private static String toAscii(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray())
            b.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c);
        return b.toString().replaceFirst("^0+(?=.)", "");
    }

    /** The modality's local name, for the badge's colour. */
    static String modalityClass(Node modality) {
        if (modality == null || !modality.isURI())
            return "x";
        String u = modality.getURI();
        String local = u.substring(Math.max(u.lastIndexOf('#'), u.lastIndexOf('/')) + 1);
        return local.matches("[A-Za-z0-9_-]{1,60}") ? local : "x";
    }

    private static View.NotePanel notePanel(PageContext ctx, List<Sparql.Row> out) {
        List<Node> texts = values(out, NPO.noteText.getURI());
        if (texts.isEmpty())
            return null;
        return new View.NotePanel(texts.stream().map(Node::getLiteralLexicalForm).toList(),
                values(out, NPO.NS + "cites").stream().map(ctx::value).toList());
    }

    /** The notes {@code claim} cites, each as a full reference: number, text as printed, works with URLs. */
    static List<View.NoteRef> noteRefs(PageContext ctx, String claim, List<Sparql.Row> notes) {
        Map<String, List<Sparql.Row>> byNote = new LinkedHashMap<>();
        for (Sparql.Row r : notes)
            if (claim.equals(r.str("claim")))
                byNote.computeIfAbsent(r.str("note"), k -> new ArrayList<>()).add(r);
        List<View.NoteRef> refs = new ArrayList<>();
        for (Map.Entry<String, List<Sparql.Row>> e : byNote.entrySet()) {
            Sparql.Row first = e.getValue().get(0);
            String number = first.str("number") != null ? first.str("number") : e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            String anchor = "cite-" + number.replaceAll("[^0-9A-Za-z-]", "");
            Node scope = null;
            for (Sparql.Row r : e.getValue()) {
                String cite = r.str("cite");
                // The NoteCitation's own IRI is <claim#cite-N>: its fragment is the anchor it resolves to.
                if (cite != null && cite.startsWith(claim + "#") && cite.substring(claim.length() + 1).matches("[A-Za-z0-9_-]{1,60}"))
                    anchor = cite.substring(claim.length() + 1);
                if (r.get("scope") != null)
                    scope = r.get("scope");
            }
            List<View.WorkRef> works = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (Sparql.Row r : e.getValue()) {
                if (r.get("work") == null || seen.contains(r.str("work")))
                    continue;
                seen.add(r.str("work"));
                String url = r.get("url") != null && r.get("url").isURI() && PageContext.webIri(r.str("url")) ? r.str("url") : null;
                works.add(new View.WorkRef(ctx.value(r.get("work")), url));
            }
            refs.add(new View.NoteRef(anchor, ctx.value(e.getKey(), ctx.label(e.getKey())), first.str("text"),
                    scope == null ? null : ctx.label(scope.getURI()), works));
        }
        return refs;
    }

    /** The argument around a claim, or the parts of an argument link, as lists and as a picture. */
    private static View.ArgumentView argumentView(PageContext ctx, String uri, String gloss, List<Sparql.Row> rows, boolean isLink) {
        Map<String, View.ArgNode> grounds = new LinkedHashMap<>(), supports = new LinkedHashMap<>(), conflicts = new LinkedHashMap<>();
        boolean conflictLink = false;
        for (Sparql.Row r : rows) {
            String role = r.str("role");
            if (isLink && "true".equals(r.str("conflict")))
                conflictLink = true;
            Map<String, View.ArgNode> into = role.equals("ground") ? grounds : role.equals("supports") ? supports : conflicts;
            String other = r.str("other");
            View.ArgNode old = into.get(other);
            // The same pair may come as a link node and as its shortcut: keep the row that names the link.
            if (old != null && (old.link() != null || r.get("link") == null))
                continue;
            into.put(other, new View.ArgNode(ctx.value(r.get("other")), summary(ctx, r.str("gloss"), r.str("exact")),
                    r.get("link") == null ? null : ctx.value(r.get("link")),
                    r.get("scheme") == null ? null : ctx.value(r.get("scheme")), text(r.get("connective")), text(r.get("remark"))));
        }
        String centre = isLink ? ctx.label(uri) : PageContext.shortName(uri);
        View.ArgumentSvg svg = ArgumentLayout.layout(ctx.t("argument"), centre, isLink ? null : gloss,
                new ArrayList<>(grounds.values()), new ArrayList<>(supports.values()), new ArrayList<>(conflicts.values()), conflictLink);
        return new View.ArgumentView(new ArrayList<>(grounds.values()), new ArrayList<>(supports.values()),
                new ArrayList<>(conflicts.values()), svg);
    }

    private static View.TimelineSection timelineSection(PageContext ctx, String uri, List<Sparql.Row> timeline) {
        if (timeline.isEmpty())
            return null;
        List<String> undated = new ArrayList<>();
        List<TimelineSvg.Item> items = TimelineSvg.fromRows(timeline, ctx, undated);
        return new View.TimelineSection(TimelineSvg.picture(items, ctx.label(uri) + " — " + ctx.t("timeline")),
                undated.stream().map(ctx::labelled).toList());
    }

    /** The claims of an entity or note, grouped by section (in essay order) and within each by modality. */
    private static View.ClaimList claimList(PageContext ctx, boolean isNote, List<Sparql.Row> claims, List<Sparql.Row> notes) {
        Map<String, Map<String, List<View.ClaimCard>>> bySection = new LinkedHashMap<>();
        Map<String, Node> sectionNodes = new HashMap<>(), modalityNodes = new HashMap<>();
        Map<String, Integer> totals = new HashMap<>();
        Map<String, List<String>> sectionOrder = new HashMap<>();
        for (Sparql.Row r : claims) {
            String c = r.str("claim");
            String sec = r.get("section") == null ? "" : r.str("section");
            sectionOrder.computeIfAbsent(sec, k -> new ArrayList<>()).add(c);
            Node mod = r.get("modality");
            String cls = modalityClass(mod);
            sectionNodes.putIfAbsent(sec, r.get("section"));
            modalityNodes.putIfAbsent(cls, mod);
            List<View.ClaimCard> cards = bySection.computeIfAbsent(sec, k -> new LinkedHashMap<>()).computeIfAbsent(cls, k -> new ArrayList<>());
            if (cards.stream().anyMatch(x -> x.id().equals(c)))
                continue;
            totals.merge(cls, 1, Integer::sum);
            cards.add(new View.ClaimCard(ctx.value(c, PageContext.shortName(c)), c, mod == null ? null : ctx.value(mod), cls,
                    r.str("exact"), r.str("gloss"), noteRefs(ctx, c, notes)));
        }
        Comparator<String> modalityOrder = Comparator.comparingInt((String m) -> MODALITIES.indexOf(m) < 0 ? 99 : MODALITIES.indexOf(m))
                .thenComparing(m -> m);
        // ?order=essay: each section's claims in the essay's order (the query's), not grouped by modality.
        boolean inOrder = "essay".equals(ctx.req.param("order", null));
        List<View.SectionGroup> sections = new ArrayList<>();
        int i = 0;
        int count = 0;
        for (Map.Entry<String, Map<String, List<View.ClaimCard>>> s : bySection.entrySet()) {
            String anchor = "sec-" + (i++);
            List<View.ModalityGroup> groups = new ArrayList<>();
            int n = 0;
            if (inOrder) {
                List<View.ClaimCard> all = new ArrayList<>();
                s.getValue().values().forEach(all::addAll);
                List<String> order = sectionOrder.getOrDefault(s.getKey(), List.of());
                all.sort(Comparator.comparingInt(c -> order.indexOf(c.id())));
                groups.add(new View.ModalityGroup(null, "all", anchor + "-all", all));
                n = all.size();
            } else {
                for (String m : s.getValue().keySet().stream().sorted(modalityOrder).toList()) {
                    List<View.ClaimCard> cards = s.getValue().get(m);
                    Node mod = modalityNodes.get(m);
                    groups.add(new View.ModalityGroup(mod == null ? View.Value.text(ctx.t("modality.none"), null, null) : ctx.value(mod),
                            m, anchor + "-" + m, cards));
                    n += cards.size();
                }
            }
            Node sec = sectionNodes.get(s.getKey());
            sections.add(new View.SectionGroup(sec == null ? null : ctx.value(sec), anchor, groups, n));
            count += n;
        }
        List<View.ModalityCount> tot = new ArrayList<>();
        for (String m : totals.keySet().stream().sorted(modalityOrder).toList()) {
            Node mod = modalityNodes.get(m);
            tot.add(new View.ModalityCount(mod == null ? View.Value.text(ctx.t("modality.none"), null, null) : ctx.value(mod), m, totals.get(m)));
        }
        String path = ctx.req.path();
        View.Value switchTo = inOrder ? View.Value.link(ctx.href(path), ctx.t("claims.byModality"), false)
                : View.Value.link(ctx.href(path + "?order=essay"), ctx.t("claims.inOrder"), false);
        return new View.ClaimList(ctx.t(isNote ? "claims.note" : "claims.about"), sections, tot, count, inOrder, switchTo);
    }

    private static List<View.Term> terms(PageContext ctx, List<Sparql.Row> terms) {
        List<View.Term> out = new ArrayList<>();
        for (Sparql.Row r : terms) {
            String t = r.str("term");
            out.add(new View.Term(t.substring(t.indexOf('#') + 1), ctx.label(t), PageContext.shortName(t),
                    r.get("type") == null ? null : PageContext.shortName(r.str("type")), r.str("comment")));
        }
        return out;
    }

    /** Fragments the page gives an anchor of its own elsewhere (the passage, its target, note citations). */
    private static final Pattern OWN_ANCHORS = Pattern.compile("quote|target|cite-.*");

    /**
     * For each row of the graph's table, the fragment it is the anchor of, or null: the first row
     * whose subject is a hash IRI of this page ({@code …/claim/s5-32#comparison}), so every such
     * IRI lands on what the claim says of it.
     */
    private static List<String> anchors(String uri, List<Sparql.Row> graph) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Sparql.Row r : graph) {
            String s = r.get("s") != null && r.get("s").isURI() ? r.get("s").getURI() : "";
            String frag = s.startsWith(uri + "#") ? s.substring(uri.length() + 1) : null;
            out.add(frag != null && !OWN_ANCHORS.matcher(frag).matches() && seen.add(frag) ? frag : null);
        }
        return out;
    }

    private static List<List<View.Value>> triples(PageContext ctx, List<Sparql.Row> graph) {
        List<List<View.Value>> rows = new ArrayList<>();
        for (Sparql.Row r : graph)
            rows.add(List.of(ctx.value(r.get("s")), ctx.value(r.get("p")), ctx.value(r.get("o"))));
        return rows;
    }

    /**
     * Each (property, value) once with the graphs that state it. A pair the inference added for a
     * super-property of a property also present with the same value is folded under that property;
     * an inferred rdf:type is in the header already; what only the inference states is marked so.
     */
    private static List<View.Statement> statements(PageContext ctx, List<Sparql.Row> out, Map<String, Set<String>> superProps) {
        Map<List<Node>, List<Node>> sources = new LinkedHashMap<>();
        for (Sparql.Row r : out) {
            String p = r.str("p");
            if ((p.equals(RDFS_LABEL) || p.equals(SKOS_PREF)) && Graphs.ENTITIES.getURI().equals(r.str("g")))
                continue;
            sources.computeIfAbsent(List.of(r.get("p"), r.get("o")), k -> new ArrayList<>()).add(r.get("g"));
        }
        Map<List<Node>, List<Node>> folded = new LinkedHashMap<>();
        List<List<Node>> shown = new ArrayList<>();
        for (List<Node> key : sources.keySet()) {
            boolean inferredOnly = sources.get(key).stream().allMatch(Graphs.INFERRED::equals);
            if (inferredOnly && key.get(0).equals(RDF.type.asNode()))
                continue;
            List<Node> host = inferredOnly ? foldTarget(key, sources.keySet(), superProps) : null;
            if (host != null)
                folded.computeIfAbsent(host, k -> new ArrayList<>()).add(key.get(0));
            else
                shown.add(key);
        }
        List<View.Statement> rows = new ArrayList<>();
        for (List<Node> key : shown) {
            List<Node> gs = sources.get(key);
            boolean inferredOnly = gs.stream().allMatch(Graphs.INFERRED::equals);
            rows.add(new View.Statement(ctx.value(key.get(0)), ctx.value(key.get(1)), graphValues(ctx, gs), inferredOnly,
                    folded.getOrDefault(key, List.of()).stream().map(ctx::value).toList()));
        }
        return rows;
    }

    /** The most specific other (property, value) of {@code keys} whose property has {@code key}'s property as a super-property. */
    private static List<Node> foldTarget(List<Node> key, Iterable<List<Node>> keys, Map<String, Set<String>> superProps) {
        List<Node> best = null;
        int bestDepth = -1;
        for (List<Node> k : keys) {
            if (k == key || !k.get(1).equals(key.get(1)) || !k.get(0).isURI() || !key.get(0).isURI())
                continue;
            Set<String> sup = superProps.getOrDefault(k.get(0).getURI(), Set.of());
            if (sup.contains(key.get(0).getURI()) && sup.size() > bestDepth) {
                best = k;
                bestDepth = sup.size();
            }
        }
        return best;
    }

    /** The graphs as links; the inferred graph is shown by the "inferred" marker instead. */
    private static List<View.Value> graphValues(PageContext ctx, List<Node> graphs) {
        List<View.Value> v = new ArrayList<>();
        List<Node> seen = new ArrayList<>();
        for (Node g : graphs)
            if (g != null && !g.equals(Graphs.INFERRED) && !seen.contains(g)) {
                seen.add(g);
                v.add(ctx.value(g.getURI(), PageContext.shortName(g.getURI())));
            }
        return v;
    }

    private static List<View.Inbound> inbound(PageContext ctx, List<Sparql.Row> in, Map<String, Set<String>> superProps) {
        Map<List<Node>, List<Node>> sources = new LinkedHashMap<>();
        for (Sparql.Row r : in)
            sources.computeIfAbsent(List.of(r.get("s"), r.get("p")), k -> new ArrayList<>()).add(r.get("g"));
        List<View.Inbound> rows = new ArrayList<>();
        for (Map.Entry<List<Node>, List<Node>> e : sources.entrySet()) {
            List<Node> key = e.getKey();
            boolean inferredOnly = e.getValue().stream().allMatch(Graphs.INFERRED::equals);
            // A link the inference added for a super-property of a link that is shown anyway.
            if (inferredOnly && sources.keySet().stream().anyMatch(k -> k != key && k.get(0).equals(key.get(0)) && k.get(1).isURI()
                    && superProps.getOrDefault(k.get(1).getURI(), Set.of()).contains(key.get(1).getURI())))
                continue;
            rows.add(new View.Inbound(ctx.value(key.get(0)), ctx.value(key.get(1)), graphValues(ctx, e.getValue()), inferredOnly));
        }
        return rows;
    }

    /** Previous/next links when a list is longer than a page, or null. */
    static View.Pager pager(PageContext ctx, int page, boolean more) {
        if (page == 0 && !more)
            return null;
        String order = "essay".equals(ctx.req.param("order", null)) ? "order=essay&" : "";
        return new View.Pager(page > 0 ? ctx.href(ctx.req.path() + "?" + order + "page=" + (page - 1)) : null,
                more ? ctx.href(ctx.req.path() + "?" + order + "page=" + (page + 1)) : null, page + 1, ctx.texts.format("truncated", PAGE));
    }
}
