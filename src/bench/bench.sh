#!/usr/bin/env bash
# The benchmark (not part of `mvn verify`, which only compiles it): builds the jar and the
# benchmark's classes (src/bench/java, a test source that never enters the jar), generates corpora
# under target/corpus (10k, 100k, 1M triples, and the --big size), runs every measurement side by
# side on loopback and writes target/bench/report.md and target/bench/results.csv. Each server is
# a child JVM that stops when the benchmark does; each phase is bounded in time. Start-up figures
# come from each server's /$/stats JSON.
#
#   src/bench/bench.sh                                  # defaults below
#   src/bench/bench.sh --sizes 10k,100k --seconds 3     # a quicker run
#   src/bench/bench.sh --help                           # every option with its default
#
# Defaults passed here: --sizes 10k,100k,1M  --big 10M  --big-minutes 40  --validate-max 1M  --heap 14g
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -Pbench package -DskipTests
mkdir -p target/bench
# The children run a copy, so rebuilding the project meanwhile cannot change the jar under them.
cp target/newpath-kg.jar target/bench/newpath-kg.jar
rm -rf target/bench/classes && cp -r target/test-classes target/bench/classes
exec java -Xmx2g -cp "target/bench/newpath-kg.jar:target/bench/classes" org.newpathkg.bench.Bench \
    --jar target/bench/newpath-kg.jar --out target/bench --corpus target/corpus \
    --sizes 10k,100k,1M --big 10M --big-minutes 40 --validate-max 1M --heap 14g "$@"
