#!/bin/sh
# Loopback soak: serve the packaged jar with GC logging, run the query library at N clients
# for S seconds with heavy queries mixed in, print the figures, stop the server.
#   src/test/scripts/soak.sh [SECONDS=600] [CLIENTS=16] [HEAVY_EVERY=100] [OUTPUT_BUFFER_KB=32] [EXTRA SERVE FLAGS...]
# Everything stays on 127.0.0.1; the run ends by itself.
set -eu
cd "$(dirname "$0")/../../.."
SECONDS_=${1:-600}; CLIENTS=${2:-16}; HEAVY=${3:-100}; BUF=${4:-32}
shift $(( $# < 4 ? $# : 4 ))
[ -f target/newpath-kg.jar ] && [ -d target/test-classes/org/newpathkg/soak ] || mvn -B -q package -DskipTests
mkdir -p target/soak
TAG="buf${BUF}k-$(date +%H%M%S)"
GC=target/soak/gc-$TAG.log
# Per-client limits off (rate, share of slots, time budget): every client shares 127.0.0.1. Heap fixed so runs compare.
# No relaunch into a child JVM (cli.Relaunch): the GC log and the heap readings must be the serving JVM's.
java -Xms512m -Xmx512m -Xlog:gc:file=$GC -Dnewpath.relaunch=false -jar target/newpath-kg.jar serve --port 0 --rate-limit 0 --max-per-client 0 --max-connections-per-client 0 --client-time-budget 0 \
     --output-buffer-kb "$BUF" "$@" > target/soak/server-$TAG.out 2> target/soak/server-$TAG.err &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q '^port ' target/soak/server-$TAG.out 2>/dev/null && break; sleep 1; done
PORT=$(sed -n 's/^port //p' target/soak/server-$TAG.out)
[ -n "$PORT" ] || { echo "server did not start"; cat target/soak/server-$TAG.err; exit 1; }
echo "server pid $PID port $PORT, output buffer ${BUF} KB, GC log $GC"
# A full GC before and after the load: the heap it leaves is the live set (young pauses' "after" is not).
jcmd $PID GC.run > /dev/null
RC=0
java -cp target/test-classes org.newpathkg.soak.Soak "http://127.0.0.1:$PORT" "$SECONDS_" "$CLIENTS" "$HEAVY" queries "$GC" || RC=$?
jcmd $PID GC.run > /dev/null
sleep 1
echo "Live heap after full GC, start and end of the run:"
grep 'Pause Full (Diagnostic Command)' $GC | sed -n '1p;$p'
exit $RC
