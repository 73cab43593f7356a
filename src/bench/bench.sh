#!/usr/bin/env bash
# The benchmark (not part of `mvn verify`): builds the jar, generates corpora under target/corpus
# (10k, 100k, 1M triples, and the --big size), runs every measurement side by side on loopback and
# writes target/bench/report.md and target/bench/results.csv. Each server is a child JVM that stops
# when the benchmark does; each phase is bounded in time.
#
#   src/bench/bench.sh                                  # defaults below
#   src/bench/bench.sh --sizes 10k,100k --seconds 3     # a quicker run
#
# Options (defaults): --sizes 10k,100k,1M  --big 10M  --big-minutes 40  --seconds 5  --rounds 2
#   --clients 1,4,16  --rate 500  --validate-max 1M  --heap 14g
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B package -DskipTests
mkdir -p target/bench
# The children run a copy, so rebuilding the project meanwhile cannot change the jar under them.
cp target/newpath-kg.jar target/bench/newpath-kg.jar
exec java -Xmx2g -cp target/bench/newpath-kg.jar org.newpathkg.bench.Bench \
    --jar target/bench/newpath-kg.jar --out target/bench --corpus target/corpus \
    --sizes 10k,100k,1M --big 10M --big-minutes 40 --validate-max 1M --heap 14g "$@"
