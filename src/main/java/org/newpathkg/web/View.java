package org.newpathkg.web;

import java.util.List;

/**
 * What the page templates ({@code src/main/jte/*.jte}) render: plain data, no markup. The Java
 * side of a page (HomePage, ResourcePage, TimelinePage ...) queries the graph and fills these
 * records; the templates hold every tag and attribute, and jte escapes each value for the HTML
 * context it lands in. Hrefs are made here and are always either a path of this server or an
 * {@code http(s)} IRI ({@link Value#link}), never a client- or data-supplied scheme.
 */
public final class View {
    private View() {}

    /**
     * One value in a page: a link to our page ({@code kind} "link"), a link to an outside http(s)
     * IRI ("ext"), a literal or other IRI shown as text ("text", {@code lang} its language tag,
     * {@code tag} its language or datatype shown small), or a blank node ("bnode").
     */
    public record Value(String kind, String href, String text, String lang, String tag) {
        /** A link with {@code href} (already checked to be ours or http(s)). */
        static Value link(String href, String text, boolean external) {
            return new Value(external ? "ext" : "link", href, text, null, null);
        }

        /** Text without a link. */
        static Value text(String text, String lang, String tag) {
            return new Value("text", null, text, lang, tag);
        }

        /** True when the value is a link of either kind. */
        public boolean isLink() {
            return href != null;
        }
    }

    /** A text and its language, or null for the page's language. */
    public record Text(String text, String lang) {}

    /** A link to the same page in one language. */
    public record LangLink(String lang, String label, String href, boolean current) {}

    /** An alternate representation of the page ({@code <link rel="alternate">}). */
    public record Alternate(String type, String href, String label) {}

    /** What every page's frame (layout.jte) needs: language, title, navigation, language switch. */
    public record Frame(String lang, String title, String titleLang, Messages t, String home, String timeline, String ui,
                        String ontology, List<LangLink> langs, List<Alternate> alternates, boolean describedByVoid) {}

    /** The home page. */
    public record HomeView(Frame frame, List<EssayCite> essay, List<Count> counts, String overviewHref, String timelineHref,
                           List<EntryGroup> entries, String uiHref, List<ExampleLink> examples, String ontologyHref) {}

    /** The essay as the data cites it. */
    public record EssayCite(Value author, Value essay, Text other, String language, String remark, String iri) {}

    /** One count of the overview query: the bundle key of its label and its value. */
    public record Count(String label, String value, String href) {}

    /** One group of entry points (states, persons ...). */
    public record EntryGroup(String id, String heading, boolean inline, List<Value> items) {}

    /** An example query of the library. */
    public record ExampleLink(String href, String question, String file) {}

    /** The page of a resource. */
    public record ResourceView(Frame frame, Header header, ClaimPanel claim, NotePanel note, ArgumentView argument,
                               TimelineSection timeline, ClaimList claims, List<Term> terms, Triples graph,
                               List<Statement> statements, List<Inbound> inbound, Pager pager) {}

    /** The head of a resource page: title (a claim's gloss), other-language label, IRI, types, downloads. */
    public record Header(String title, String titleLang, Text other, String subtitle, String iri, List<Value> types,
                         List<Value> inferredTypes, List<Alternate> downloads) {}

    /**
     * A claim's provenance, shown first: modality, commitment, section, passage, notes; for a
     * prediction its ledger (subject, expected outcome, condition, horizon, status as of a date);
     * {@code withoutGrounds} when the essay offers no claim as its ground.
     */
    public record ClaimPanel(Value modality, String modalityClass, Value commitment, Text commitmentCue, Value evidentiality,
                             Text evidentialCue, Value section, Passage passage, Text gloss, List<NoteRef> notes, Value sourcing,
                             List<Value> remarks, Value attributedTo, List<Statement> ledger, boolean withoutGrounds) {}

    /** The quoted passage: context before, the words (with note markers) and context after. */
    public record Passage(String prefix, List<Segment> exact, String suffix) {}

    /** A run of the passage's text, or a note marker ({@code marker} the number, {@code href} its reference). */
    public record Segment(String text, String marker, String href) {}

    /** A note as a full reference: anchor ({@code cite-N}, the NoteCitation's fragment), number, text, works. */
    public record NoteRef(String anchor, Value note, String text, String scope, List<WorkRef> works) {}

    /** A work a note cites, with its URL when it has an http(s) one. */
    public record WorkRef(Value work, String url) {}

    /** A note's own text and the works it cites. */
    public record NotePanel(List<String> texts, List<Value> works) {}

    /** The argument around a claim (or the parts of an argument link): grounds, what it supports, conflicts. */
    public record ArgumentView(List<ArgNode> grounds, List<ArgNode> supports, List<ArgNode> conflicts, ArgumentSvg svg) {}

    /** One claim linked in an argument: the claim, the link node, its scheme and connective. */
    public record ArgNode(Value claim, String summary, Value link, Value scheme, Text connective, Text remark) {}

    /** The argument as a small picture: boxes and arrows, geometry computed by {@link ArgumentLayout}. */
    public record ArgumentSvg(int width, int height, String title, List<Box> boxes, List<Edge> edges) {}

    /** A box of the argument picture; {@code lines} are its wrapped label. */
    public record Box(String x, String y, String w, String h, String cls, String href, String title, List<Line> lines) {}

    /** A line of text inside a box. */
    public record Line(String x, String y, String text, String lang) {}

    /** An arrow of the argument picture, with a label at its middle. */
    public record Edge(String x1, String y1, String x2, String y2, String cls, String label, String lx, String ly) {}

    /** An actor's timeline section. */
    public record TimelineSection(TimelineSvg.Picture svg, List<Value> undated) {}

    /** The claims about a resource, grouped by section and, within each, by modality. */
    public record ClaimList(String heading, List<SectionGroup> sections, List<ModalityCount> totals, int count, boolean inOrder, Value switchOrder) {}

    /** The claims of one section. */
    public record SectionGroup(Value section, String anchor, List<ModalityGroup> modalities, int count) {}

    /** The claims of one modality within a section. */
    public record ModalityGroup(Value modality, String modalityClass, String anchor, List<ClaimCard> cards) {}

    /** How many claims of one modality a resource has. */
    public record ModalityCount(Value modality, String modalityClass, int count) {}

    /** One claim in a list: its title (the gloss), passage, modality, notes. */
    public record ClaimCard(Value claim, String id, Value modality, String modalityClass, String exact, String gloss, List<NoteRef> notes) {}

    /** A term defined under the page's IRI (the ontology's classes and properties). */
    public record Term(String anchor, String label, String name, String type, String comment) {}

    /** A table of triples (the claim's own graph, or a graph's contents). */
    public record Triples(String heading, List<List<Value>> rows, List<String> anchors) {}

    /**
     * One statement about the resource: property and value, the graphs that state it, whether it is
     * only inferred, and the inferred super-properties folded into it.
     */
    public record Statement(Value property, Value value, List<Value> sources, boolean inferred, List<Value> folded) {}

    /** One link to the resource. */
    public record Inbound(Value subject, Value property, List<Value> sources, boolean inferred) {}

    /** Previous/next links when a list is longer than a page. */
    public record Pager(String prev, String next, int page, String note) {}

    /**
     * The timeline page: {@code count} items drawn, {@code dated} of them by date and {@code ordered}
     * by their order only; {@code facts} the reported facts by the overview's definitions (null on
     * one participant's timeline).
     */
    public record TimelineView(Frame frame, String heading, List<ActorOption> actors, TimelineSvg.Picture svg, int count, int dated,
                               int ordered, TimelineFacts facts, List<Value> undated) {}

    /** Reported facts: all, dated, ordered, dated or ordered (the definitions of queries/00-overview.rq). */
    public record TimelineFacts(int all, int dated, int ordered, int datedOrOrdered) {}

    /** One choice of the timeline's participant filter. */
    public record ActorOption(String value, String label, String events, boolean selected) {}

    /** The page for an unknown path. */
    public record NotFoundView(Frame frame, String path) {}
}
