package org.newpathkg.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonNumber;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.newpathkg.text.Analyzers;
import org.newpathkg.text.TextLookup;
import org.newpathkg.vocab.NPO;
import org.newpathkg.vocab.Prefixes;

/**
 * The W3C Entity Reconciliation API (version 0.2, as OpenRefine speaks it) over the things of
 * this graph ({@code https://w3id.org/newpath-kg/id/…}): the service manifest, batches of
 * reconciliation queries with a type filter, a limit and property values, HTML previews, and
 * suggest for entities, types and properties. An entity's identifier is its local name
 * ({@code kim-jong-un}), so every URL template takes it as it is; types and properties are
 * identified by their full IRIs ({@code npo:} and the other prefixes are accepted too).
 * <p>
 * Candidates come from {@link TextLookup#names} (the search page's lookup); the score (0–100) is
 * the Dice coefficient of character pairs between the query and the candidate's closest name,
 * both reduced to letters and digits ({@link Analyzers#compact}), so "Kim Jong-un" scores 100
 * against "Kim Jong Un"; with properties, 70% name and 30% the share of property values that
 * match. A candidate is a {@code match} when its score is 100 and no other candidate's is.
 * <p>
 * Bounds: a batch has at most {@value #MAX_QUERIES} queries, each at most
 * {@value #MAX_LIMIT} candidates and {@value #MAX_PROPERTIES} property values; a query text past
 * {@link TextLookup#MAX_QUERY_CHARS} characters or a malformed batch is a 400 that says why.
 * Data extension is not offered.
 */
final class Reconciliation {
    static final int MAX_QUERIES = 50;
    static final int MAX_LIMIT = 25;
    static final int DEFAULT_LIMIT = 5;
    static final int MAX_PROPERTIES = 10;
    /** Candidates fetched before the type filter, per query. */
    static final int POOL = 60;
    static final String ID_SPACE = Prefixes.DATA_NS + "id/";
    static final List<String> DEFAULT_TYPES = List.of("Person", "State", "Actor", "Place", "Event", "Treaty");

    private final DatasetGraph ds;
    private final Finder finder;

    Reconciliation(DatasetGraph ds, Finder finder) {
        this.ds = ds;
        this.finder = finder;
    }

    /** A request the service refuses, with the reason for a 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** The service manifest; {@code base} is this server's public root, ending in '/'. */
    JsonObject manifest(String base, PageContext ctx) {
        JsonObject m = new JsonObject();
        JsonArray versions = new JsonArray();
        versions.add("0.2");
        m.put("versions", versions);
        m.put("name", "newpath-kg");
        m.put("identifierSpace", ID_SPACE);
        m.put("schemaSpace", NPO.NS);
        m.put("documentation", "https://w3id.org/newpath-kg/");
        JsonArray types = new JsonArray();
        List<Node> typeNodes = DEFAULT_TYPES.stream().map(t -> NodeFactory.createURI(NPO.NS + t)).toList();
        Txn.executeRead(ds, () -> ctx.loadLabels(ds, typeNodes));
        for (Node t : typeNodes)
            types.add(type(t.getURI(), ctx));
        m.put("defaultTypes", types);
        m.put("view", obj("url", base + "id/{{id}}"));
        JsonObject preview = obj("url", base + "reconcile/preview?id={{id}}");
        preview.put("width", 420);
        preview.put("height", 140);
        m.put("preview", preview);
        JsonObject suggest = new JsonObject();
        for (String kind : List.of("entity", "type", "property")) {
            JsonObject s = obj("service_url", base + "reconcile");
            s.put("service_path", "/suggest/" + kind);
            suggest.put(kind, s);
        }
        m.put("suggest", suggest);
        return m;
    }

    /** Answers a batch {@code {"q0": {"query": …, "type": …, "limit": …, "properties": […]}, …}}. */
    JsonObject reconcile(String queriesJson, PageContext ctx) {
        JsonObject batch;
        try {
            batch = JSON.parse(queriesJson);
        } catch (JsonException e) {
            throw new BadRequest("queries is not a JSON object: " + shorten(e.getMessage()));
        }
        if (batch.keys().size() > MAX_QUERIES)
            throw new BadRequest("A batch has at most " + MAX_QUERIES + " queries; this one has " + batch.keys().size() + ".");
        List<Query> queries = new ArrayList<>();
        for (String key : batch.keys())
            queries.add(Query.of(key, batch.get(key)));
        JsonObject out = new JsonObject();
        Txn.executeRead(ds, () -> {
            for (Query q : queries)
                out.put(q.key, obj("result", results(q, ctx)));
        });
        return out;
    }

    /** One reconciliation query, checked. */
    record Query(String key, String text, List<String> types, boolean allTypes, int limit, List<Prop> properties) {
        static Query of(String key, JsonValue v) {
            if (!v.isObject())
                throw new BadRequest("Query " + shorten(key) + " is not a JSON object.");
            JsonObject o = v.getAsObject();
            String text = o.hasKey("query") ? str(o.get("query"), key, "query") : "";
            try {
                text = TextLookup.checked(text);
            } catch (TextLookup.TooLong e) {
                throw new BadRequest("Query " + shorten(key) + ": " + e.getMessage());
            }
            List<String> types = new ArrayList<>();
            if (o.hasKey("type")) {
                JsonValue t = o.get("type");
                if (t.isArray()) {
                    for (JsonValue x : t.getAsArray())
                        types.add(typeIri(str(x, key, "type")));
                } else
                    types.add(typeIri(str(t, key, "type")));
                if (types.size() > MAX_PROPERTIES)
                    throw new BadRequest("Query " + shorten(key) + ": at most " + MAX_PROPERTIES + " types.");
            }
            String strict = o.hasKey("type_strict") ? str(o.get("type_strict"), key, "type_strict") : "any";
            if (!List.of("any", "all", "should").contains(strict))
                throw new BadRequest("Query " + shorten(key) + ": type_strict is any, all or should.");
            int limit = DEFAULT_LIMIT;
            if (o.hasKey("limit")) {
                if (!o.get("limit").isNumber())
                    throw new BadRequest("Query " + shorten(key) + ": limit is a number.");
                limit = (int) Math.max(1, Math.min(MAX_LIMIT, o.get("limit").getAsNumber().value().longValue()));
            }
            List<Prop> props = new ArrayList<>();
            if (o.hasKey("properties")) {
                if (!o.get("properties").isArray())
                    throw new BadRequest("Query " + shorten(key) + ": properties is an array of {\"pid\", \"v\"}.");
                for (JsonValue p : o.get("properties").getAsArray()) {
                    if (!p.isObject() || !p.getAsObject().hasKey("pid") || !p.getAsObject().hasKey("v"))
                        throw new BadRequest("Query " + shorten(key) + ": each property is {\"pid\": …, \"v\": …}.");
                    String pid = expand(str(p.getAsObject().get("pid"), key, "pid"));
                    JsonValue pv = p.getAsObject().get("v");
                    for (JsonValue one : pv.isArray() ? pv.getAsArray() : List.of(pv)) {
                        if (props.size() >= MAX_PROPERTIES)
                            throw new BadRequest("Query " + shorten(key) + ": at most " + MAX_PROPERTIES + " property values.");
                        props.add(Prop.of(pid, one, key));
                    }
                }
            }
            if (text.isEmpty() && props.isEmpty())
                throw new BadRequest("Query " + shorten(key) + " has neither a query text nor properties.");
            return new Query(key, text, types, strict.equals("all"), limit, props);
        }
    }

    /** One property value to compare: an entity (its IRI) or a text. */
    record Prop(String pid, String iri, String text) {
        static Prop of(String pid, JsonValue v, String key) {
            if (v.isObject() && v.getAsObject().hasKey("id"))
                return new Prop(pid, entityIri(str(v.getAsObject().get("id"), key, "v.id")), null);
            if (v.isString() || v.isNumber() || v.isBoolean()) {
                String s = v.isString() ? v.getAsString().value() : v.toString();
                if (s.length() > TextLookup.MAX_QUERY_CHARS)
                    throw new BadRequest("Query " + shorten(key) + ": a property value has at most " + TextLookup.MAX_QUERY_CHARS + " characters.");
                return new Prop(pid, null, s);
            }
            throw new BadRequest("Query " + shorten(key) + ": a property value is a string, a number, a boolean or {\"id\": …}.");
        }
    }

    private JsonArray results(Query q, PageContext ctx) {
        List<SearchView.Thing> pool = q.text().isEmpty() ? List.of() : finder.things(q.text(), POOL, ctx);
        List<SearchView.Thing> inSpace = new ArrayList<>();
        for (SearchView.Thing t : pool)
            if (t.iri().startsWith(ID_SPACE) && t.iri().indexOf('/', ID_SPACE.length()) < 0 && t.iri().indexOf('#') < 0)
                inSpace.add(t);
        List<Node> nodes = inSpace.stream().map(t -> NodeFactory.createURI(t.iri())).toList();
        Map<String, Set<String>> allTypes = new HashMap<>();
        Map<String, List<String>> names = new HashMap<>();
        if (!nodes.isEmpty()) {
            for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(Reconciliation.class, "candidates", "x", nodes), Map.of())) {
                if (r.get("type") != null)
                    allTypes.computeIfAbsent(r.str("x"), k -> new HashSet<>()).add(r.str("type"));
                if (r.get("name") != null)
                    names.computeIfAbsent(r.str("x"), k -> new ArrayList<>()).add(r.str("name"));
            }
        }
        String qc = Analyzers.compact(q.text());
        List<Scored> scored = new ArrayList<>();
        for (SearchView.Thing t : inSpace) {
            Set<String> ts = allTypes.getOrDefault(t.iri(), Set.of());
            if (!q.types().isEmpty()) {
                boolean ok = q.allTypes() ? ts.containsAll(q.types()) : q.types().stream().anyMatch(ts::contains);
                if (!ok)
                    continue;
            }
            double name = 0;
            for (String n : names.getOrDefault(t.iri(), List.of(t.label())))
                name = Math.max(name, dice(qc, Analyzers.compact(n)));
            double score = name * 100;
            if (!q.properties().isEmpty()) {
                int hits = 0;
                for (Prop p : q.properties())
                    if (propertyMatches(t.iri(), p))
                        hits++;
                score = 0.7 * score + 30.0 * hits / q.properties().size();
            }
            scored.add(new Scored(t, Math.round(score * 10) / 10.0));
        }
        scored.sort((a, b) -> Double.compare(b.score, a.score));
        long perfect = scored.stream().filter(s -> s.score >= 100).count();
        JsonArray out = new JsonArray();
        for (Scored s : scored.subList(0, Math.min(q.limit(), scored.size()))) {
            JsonObject r = new JsonObject();
            r.put("id", s.thing.iri().substring(ID_SPACE.length()));
            r.put("name", s.thing.label());
            if (!s.thing.types().isEmpty())
                r.put("description", String.join(", ", s.thing.types().stream().map(View.Value::text).toList()));
            r.put("score", JsonNumber.value(s.score));
            r.put("match", s.score >= 100 && perfect == 1);
            JsonArray types = new JsonArray();
            for (int i = 0; i < s.thing.typeIris().size(); i++)
                types.add(obj2("id", s.thing.typeIris().get(i), "name", s.thing.types().get(i).text()));
            r.put("type", types);
            out.add(r);
        }
        return out;
    }

    private record Scored(SearchView.Thing thing, double score) {}

    /** True when {@code entity} has a value of the property that is the given entity, or whose text (or label) is the given text. */
    private boolean propertyMatches(String entity, Prop p) {
        Map<String, Node> b = new LinkedHashMap<>();
        b.put("x", NodeFactory.createURI(entity));
        b.put("p", NodeFactory.createURI(p.pid()));
        for (Sparql.Row r : Sparql.select(ds, Reconciliation.class, "values", b, 200, 0)) {
            if (p.iri() != null) {
                if (p.iri().equals(r.str("v")))
                    return true;
            } else {
                String want = Analyzers.compact(p.text());
                if (!want.isEmpty() && (want.equals(Analyzers.compact(r.str("v")))
                        || (r.get("vlabel") != null && want.equals(Analyzers.compact(r.str("vlabel"))))))
                    return true;
            }
        }
        return false;
    }

    /** Entities whose name has a word starting as {@code prefix} is written, for OpenRefine's entity suggest. */
    JsonObject suggestEntities(String prefix, String type, PageContext ctx) {
        String p = checked(prefix);
        String t = type == null || type.isBlank() ? null : typeIri(type);
        JsonArray out = new JsonArray();
        Txn.executeRead(ds, () -> {
            List<SearchView.Thing> things = finder.thingsByPrefix(p, POOL, ctx);
            Map<String, Set<String>> allTypes = new HashMap<>();
            List<SearchView.Thing> inSpace = things.stream()
                    .filter(x -> x.iri().startsWith(ID_SPACE) && x.iri().indexOf('/', ID_SPACE.length()) < 0 && x.iri().indexOf('#') < 0).toList();
            if (t != null && !inSpace.isEmpty())
                for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(Reconciliation.class, "candidates", "x",
                        inSpace.stream().map(x -> NodeFactory.createURI(x.iri())).toList()), Map.of()))
                    if (r.get("type") != null)
                        allTypes.computeIfAbsent(r.str("x"), k -> new HashSet<>()).add(r.str("type"));
            int n = 0;
            for (SearchView.Thing x : inSpace) {
                if (t != null && !allTypes.getOrDefault(x.iri(), Set.of()).contains(t))
                    continue;
                if (n++ >= MAX_LIMIT)
                    break;
                JsonObject r = obj2("id", x.iri().substring(ID_SPACE.length()), "name", x.label());
                if (!x.types().isEmpty())
                    r.put("description", String.join(", ", x.types().stream().map(View.Value::text).toList()));
                JsonArray notable = new JsonArray();
                for (int i = 0; i < x.typeIris().size(); i++)
                    notable.add(obj2("id", x.typeIris().get(i), "name", x.types().get(i).text()));
                r.put("notable", notable);
                out.add(r);
            }
        });
        return obj("result", out);
    }

    /** Classes ({@code kind} "types") or properties ("properties") of the ontology whose label or name contains {@code prefix}. */
    JsonObject suggestTerms(String kind, String prefix, PageContext ctx) {
        String p = checked(prefix).toLowerCase(Locale.ROOT);
        JsonArray out = new JsonArray();
        Txn.executeRead(ds, () -> {
            Map<String, String> best = new LinkedHashMap<>();
            Map<String, String> description = new HashMap<>();
            for (Sparql.Row r : Sparql.select(ds, Reconciliation.class, kind, Map.of(), -1, 0)) {
                String iri = r.str("term");
                String label = r.str("label");
                String local = iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
                boolean hit = p.isEmpty() || local.toLowerCase(Locale.ROOT).contains(p) || (label != null && label.toLowerCase(Locale.ROOT).contains(p));
                if (hit)
                    best.putIfAbsent(iri, null);
                if (hit && label != null && (ctx.lang.equals(r.str("lang")) || best.get(iri) == null))
                    best.put(iri, label);
                if (r.get("comment") != null)
                    description.putIfAbsent(iri, r.str("comment"));
            }
            int n = 0;
            for (Map.Entry<String, String> e : best.entrySet()) {
                if (n++ >= MAX_LIMIT)
                    break;
                JsonObject r = obj2("id", e.getKey(), "name", e.getValue() != null ? e.getValue() : PageContext.shortName(e.getKey()));
                if (description.containsKey(e.getKey()))
                    r.put("description", description.get(e.getKey()));
                out.add(r);
            }
        });
        return obj("result", out);
    }

    /** The preview of entity {@code id}: its labels, most specific types and its page; null when the graph has no such entity. */
    SearchView.Preview preview(String id, PageContext ctx) {
        String iri = entityIri(id);
        Node x = NodeFactory.createURI(iri);
        return Txn.calculateRead(ds, () -> {
            List<Node> toLabel = new ArrayList<>(List.of(x));
            List<String> types = new ArrayList<>();
            for (Sparql.Row r : Sparql.select(ds, Sparql.withValues(Finder.class, "types", "x", List.of(x)), Map.of())) {
                types.add(r.str("type"));
                toLabel.add(r.get("type"));
            }
            if (types.isEmpty())
                return null;
            ctx.loadLabels(ds, toLabel);
            String other = ctx.labelIn(iri, ctx.otherLang());
            return new SearchView.Preview(ctx.frame(ctx.label(iri), null, List.of(), false), ctx.labelled(iri),
                    other == null ? null : new View.Text(other, ctx.otherLang()),
                    types.stream().sorted().map(t -> ctx.value(NodeFactory.createURI(t))).toList(), iri);
        });
    }

    /** The IRI of an entity id given to the service (a local name, or a full IRI of the identifier space). */
    static String entityIri(String id) {
        if (id.startsWith(ID_SPACE))
            return id;
        if (!id.matches("[A-Za-z0-9._~-]{1,200}"))
            throw new BadRequest("An entity id is a local name such as kim-jong-un, or an IRI starting " + ID_SPACE + ".");
        return ID_SPACE + id;
    }

    /** The full IRI of a type given as an IRI, a prefixed name, or a bare class name of the ontology. */
    static String typeIri(String t) {
        if (t.matches("[A-Za-z][A-Za-z0-9_-]{0,100}"))
            return NPO.NS + t;
        return expand(t);
    }

    /** A full IRI from an IRI or a prefixed name with one of the graph's prefixes. */
    static String expand(String s) {
        if (s.length() > 500)
            throw new BadRequest("An identifier has at most 500 characters.");
        int colon = s.indexOf(':');
        if (colon > 0 && Prefixes.ALL.containsKey(s.substring(0, colon)))
            return Prefixes.ALL.get(s.substring(0, colon)) + s.substring(colon + 1);
        if (s.startsWith("http://") || s.startsWith("https://"))
            return s;
        throw new BadRequest("Not an IRI or a prefixed name with a known prefix: " + shorten(s));
    }

    private static String checked(String prefix) {
        try {
            return TextLookup.checked(prefix == null ? "" : prefix);
        } catch (TextLookup.TooLong e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** The Dice coefficient of the character pairs of {@code a} and {@code b} (1 when equal). */
    static double dice(String a, String b) {
        if (a.equals(b))
            return a.isEmpty() ? 0 : 1;
        if (a.length() < 2 || b.length() < 2)
            return 0;
        Map<String, Integer> pairs = new HashMap<>();
        for (int i = 0; i + 1 < a.length(); i++)
            pairs.merge(a.substring(i, i + 2), 1, Integer::sum);
        int common = 0;
        for (int i = 0; i + 1 < b.length(); i++) {
            Integer n = pairs.get(b.substring(i, i + 2));
            if (n != null && n > 0) {
                common++;
                pairs.put(b.substring(i, i + 2), n - 1);
            }
        }
        return 2.0 * common / (a.length() - 1 + b.length() - 1);
    }

    private JsonObject type(String iri, PageContext ctx) {
        return obj2("id", iri, "name", ctx.label(iri));
    }

    private static String str(JsonValue v, String key, String field) {
        if (!v.isString())
            throw new BadRequest("Query " + shorten(key) + ": " + field + " is a string.");
        return v.getAsString().value();
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static JsonObject obj(String k, JsonValue v) {
        JsonObject o = new JsonObject();
        o.put(k, v);
        return o;
    }

    private static JsonObject obj(String k, String v) {
        JsonObject o = new JsonObject();
        o.put(k, v);
        return o;
    }

    private static JsonObject obj2(String k1, String v1, String k2, String v2) {
        JsonObject o = new JsonObject();
        o.put(k1, v1);
        o.put(k2, v2);
        return o;
    }
}
