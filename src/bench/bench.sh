#!/usr/bin/env bash
# The benchmark (not part of `mvn verify`, which compiles it and runs its small-corpus and
# exit-detection tests): builds the jar and the benchmark's classes (src/bench/java, a test source
# that never enters the jar), generates corpora under target/corpus (the real data and copies of
# it under fresh IRIs), and measures side by side on loopback: the jar's start-up to its first
# query and page, then at each size this service (cache off and on), a plain embedded Fuseki,
# Virtuoso (installed by src/bench/ensure-virtuoso.sh if absent, else skipped and said so) and a
# static file from Jetty. Writes target/bench/report.md and target/bench/results.csv. Every server
# is a child process that stops when the benchmark does; when one exits, the run stops at once
# with its last lines; every wait is bounded (--startup-minutes per load, --query-timeout per query).
# Each corpus is loaded once, by the bench server (the stages of serve --data); corpora above
# --validate-max (100k) are served unvalidated, since three checks grow with the square of the data.
# The report's "Where the run's time went" table gives each phase's seconds and the load average.
#
#   src/bench/bench.sh                                   # 10k (the real data alone), 100k, 1M
#   src/bench/bench.sh --sizes 10k --seconds 2 --rounds 1   # a quick check
#   src/bench/bench.sh --vs old/newpath-kg.jar           # start-up alternating with another jar
#   src/bench/bench.sh --help                            # every option with its default
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_COMMAND="src/bench/bench.sh $*"
mvn -q -B -Pbench package -DskipTests
mkdir -p target/bench
# The children run a copy, so rebuilding the project meanwhile cannot change the jar under them.
cp target/newpath-kg.jar target/bench/newpath-kg.jar
# Its class data archive, which java -jar maps only for the jar it was made for (path, size, time): made again for the copy.
java -cp target/bench/newpath-kg.jar org.newpathkg.cli.ClassDataArchive target/bench/newpath-kg.jar
rm -rf target/bench/classes && cp -r target/test-classes target/bench/classes
exec java -Xmx2g -cp "target/bench/newpath-kg.jar:target/bench/classes" org.newpathkg.bench.Bench \
    --jar target/bench/newpath-kg.jar --out target/bench --corpus target/corpus "$@"
