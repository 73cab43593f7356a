#!/usr/bin/env bash
# Installs the external SPARQL clients the interoperability ITs (src/test/java/org/newpathkg/interop)
# run against the endpoint, when they are absent; idempotent and quick when they are present.
#   Python: Debian's python3-rdflib and python3-sparqlwrapper, for /usr/bin/python3 (not pyenv's).
#   Node:   @comunica/query-sparql 4.5.0 and oxigraph 0.5.x, exactly as src/test/node/package-lock.json
#           pins them, into target/interop-node (npm ci; redone only when the lock file changes).
# Usage: src/test/scripts/ensure-interop-clients.sh [PROJECT_ROOT]   (prints what it did)
set -euo pipefail
root="$(cd "${1:-$(dirname "$0")/../../..}" && pwd)"
node_src="$root/src/test/node"
node_dir="$root/target/interop-node"

if ! /usr/bin/python3 -c 'import rdflib, SPARQLWrapper' 2>/dev/null; then
    echo "installing python3-rdflib python3-sparqlwrapper (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3-rdflib python3-sparqlwrapper >/dev/null
fi
/usr/bin/python3 -c 'import rdflib, SPARQLWrapper; print("python: rdflib", rdflib.__version__, "SPARQLWrapper", SPARQLWrapper.__version__)'

command -v node >/dev/null || { echo "node is not installed; this kind of machine ships Node.js 20" >&2; exit 1; }
mkdir -p "$node_dir"
if ! cmp -s "$node_src/package-lock.json" "$node_dir/package-lock.json" || [ ! -d "$node_dir/node_modules/@comunica/query-sparql" ]; then
    echo "installing Comunica and Oxigraph into $node_dir (npm ci)"
    cp "$node_src/package.json" "$node_src/package-lock.json" "$node_dir/"
    start=$(date +%s)
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "npm ci took $(( $(date +%s) - start )) s"
fi
cp "$node_src"/*.mjs "$node_dir/"
echo "node $(node --version): comunica $(node -p "require('$node_dir/node_modules/@comunica/query-sparql/package.json').version")," \
     "oxigraph $(node -p "require('$node_dir/node_modules/oxigraph/package.json').version")," \
     "rdf-data-factory $(node -p "require('$node_dir/node_modules/rdf-data-factory/package.json').version")"
