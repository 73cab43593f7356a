// Runs one SPARQL query with Comunica over several sources at once (federation on the client side)
// and prints the result as SPARQL JSON on standard output.
//
// usage: node comunica-query.mjs QUERY.rq SOURCE...
//   SOURCE is a SPARQL endpoint URL (http...) or a local Turtle file (its path).
// Comunica treats all sources as one dataset: it splits the query into patterns, asks each source
// which patterns it can answer, and joins the answers itself.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { QueryEngine } from '@comunica/query-sparql';

const [queryFile, ...args] = process.argv.slice(2);
if (!queryFile || args.length === 0) {
  console.error('usage: node comunica-query.mjs QUERY.rq SOURCE...');
  process.exit(2);
}
const sources = args.map((s) => /^https?:/.test(s)
  ? { type: 'sparql', value: s }
  : { type: 'serialized', value: fs.readFileSync(s, 'utf8'), mediaType: 'text/turtle',
      baseIRI: pathToFileURL(path.resolve(s)).href });

const engine = new QueryEngine();
const result = await engine.query(fs.readFileSync(queryFile, 'utf8'), { sources });
const { data } = await engine.resultToString(result, 'application/sparql-results+json');
let out = '';
for await (const chunk of data) out += chunk;
process.stdout.write(out);
