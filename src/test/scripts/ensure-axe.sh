#!/bin/sh
# Installs axe-core, the accessibility engine BrowserIT injects into each page type, when it is
# absent: the version src/test/axe/package-lock.json pins, with npm ci into target/axe (redone only
# when the lock file changes). Run by BrowserIT before it starts; prints where axe.min.js is.
# Usage: src/test/scripts/ensure-axe.sh [PROJECT_ROOT]
set -eu
root="$(cd "${1:-$(dirname "$0")/../../..}" && pwd)"
src="$root/src/test/axe"
dir="$root/target/axe"
command -v npm >/dev/null 2>&1 || { echo "ensure-axe: npm is not installed (this kind of machine ships Node.js 20)" >&2; exit 1; }
mkdir -p "$dir"
if ! cmp -s "$src/package-lock.json" "$dir/package-lock.json" || [ ! -f "$dir/node_modules/axe-core/axe.min.js" ]; then
    echo "ensure-axe: installing axe-core into $dir (npm ci)"
    cp "$src/package.json" "$src/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "ensure-axe: axe-core $(node -p "require('$dir/node_modules/axe-core/package.json').version") at $dir/node_modules/axe-core/axe.min.js"
