// Runs SPARQL query files against an export of newpath-kg loaded into Oxigraph (a second,
// independent SPARQL engine), writing each result as SPARQL JSON for PortabilityIT to compare.
//
// usage: node oxigraph-run.mjs --nquads all.nq [--trig all.trig] --out DIR [--mode union|merged] QUERY.rq...
//
// --mode union  (default) loads the N-Quads and queries with use_default_graph_as_union, which is how
//               Oxigraph offers what our endpoint does (default graph = union of the named graphs).
// --mode merged also loads every triple once into Oxigraph's own default graph (the RDF merge of the
//               named graphs, a set) and queries that. Oxigraph 0.5's union option matches a triple once
//               per graph that holds it (oxigraph/oxigraph#1919), so the two modes differ exactly where
//               a triple is asserted in more than one claim graph.
// Prints one JSON line: quad counts of the N-Quads and TriG loads, and the per-query status.
import fs from 'node:fs';
import path from 'node:path';
import oxigraph from 'oxigraph';

function parseArgs(argv) {
  const opts = { mode: 'union', queries: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--nquads' || a === '--trig' || a === '--out' || a === '--mode') opts[a.slice(2)] = argv[++i];
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.queries.push(a);
  }
  if (!opts.nquads || !opts.out) throw new Error('--nquads FILE and --out DIR are required');
  if (opts.mode !== 'union' && opts.mode !== 'merged') throw new Error(`--mode must be union or merged, not ${opts.mode}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const store = new oxigraph.Store();
store.load(fs.readFileSync(opts.nquads, 'utf8'), { format: 'application/n-quads' });
const report = { nquads: store.size, mode: opts.mode, queries: {} };

if (opts.trig) {
  // The TriG export must carry the same quads: load it on its own and compare the dumps.
  const trig = new oxigraph.Store();
  trig.load(fs.readFileSync(opts.trig, 'utf8'), { format: 'application/trig' });
  report.trig = trig.size;
  report.trigSameAsNquads = trig.dump({ format: 'application/n-quads' }).split('\n').sort().join('\n')
    === store.dump({ format: 'application/n-quads' }).split('\n').sort().join('\n');
}

if (opts.mode === 'merged') {
  for (const q of store.match(null, null, null, null)) {
    if (q.graph.termType !== 'DefaultGraph')
      store.add(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
  }
}

fs.mkdirSync(opts.out, { recursive: true });
for (const file of opts.queries) {
  const name = path.basename(file).replace(/\.rq$/, '');
  try {
    const json = store.query(fs.readFileSync(file, 'utf8'), {
      results_format: 'application/sparql-results+json',
      use_default_graph_as_union: opts.mode === 'union',
    });
    fs.writeFileSync(path.join(opts.out, `${name}.srj`), json);
    report.queries[name] = 'ok';
  } catch (e) {
    report.queries[name] = `error: ${e.message ?? e}`;
  }
}
console.log(JSON.stringify(report));
