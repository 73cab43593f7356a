#!/bin/sh
# Installs Virtuoso (Debian's virtuoso-opensource, 7.2) when it is absent, for the benchmark's
# side-by-side peer. Run by the benchmark before it starts Virtuoso; quick when it is present.
# Exits non-zero when it cannot install (not root, no sudo, no network): the benchmark then skips
# Virtuoso and says so in its report.
set -eu
if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
    echo "ensure-virtuoso: $(virtuoso-t -? 2>&1 | head -n 2 | tail -n 1)"
    exit 0
fi
echo "ensure-virtuoso: installing virtuoso-opensource"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "ensure-virtuoso: not root and no sudo; install virtuoso-opensource by hand" >&2; exit 1; fi
else
    SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends virtuoso-opensource
echo "ensure-virtuoso: done"
