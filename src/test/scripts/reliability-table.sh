#!/bin/sh
# Regenerates the figures of docs/operations.md's security and reliability tables from one run:
# the tests each row names, in one `mvn verify`, then what each printed and how each ended.
#   src/test/scripts/reliability-table.sh [EXTRA MAVEN FLAGS...]     e.g. -Dfault.seed=123 -Dfuzz.seed=7
# Prints the run's date, commit, load average before and after, the command, a row per test
# class (tests, failed, skipped, seconds) and every figure line the tests print. Loopback only;
# ends by itself. The whole log is kept in target/reliability/run.log.
set -eu
cd "$(dirname "$0")/../../.."
UNIT='SafeRegexTest,LogLinesTest,DataCompletenessTest,ExportRoundTripTest,AdmissionTest,LimitsTest'
IT='GuardIT,RequestDefenceIT,HalfSentBodyIT,WireBoundsIT,CrawlerIT,FaultInjectionIT,ResultCacheIT,MemoryIT,BadInputIT,RegexBudgetIT,StartupIT,JarCliIT,CrashIT,HostileParamsIT'
# IT_EXTRA=A,B adds test classes to the same run (for example the tests of a change being landed).
IT="$IT${IT_EXTRA:+,$IT_EXTRA}"
CMD="mvn -B -o verify -Dtest=$UNIT -Dit.test=$IT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false $*"
mkdir -p target/reliability
# Reports of earlier runs would be read as this run's.
rm -rf target/surefire-reports target/failsafe-reports
LOG=target/reliability/run.log
START=$(date -u '+%Y-%m-%d %H:%M UTC'); LOAD0=$(cut -d' ' -f1-3 /proc/loadavg); COMMIT=$(git rev-parse --short HEAD)
set +e
$CMD > "$LOG" 2>&1
STATUS=$?
set -e
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "run: $START to $(date -u '+%H:%M UTC'), commit $COMMIT, $(nproc) cores; load average (1/5/15 min) before: $LOAD0, after: $LOAD1; maven exit $STATUS"
echo "command: $CMD"
echo
echo "| test class | tests | failed | skipped | seconds |"
echo "|---|---|---|---|---|"
for f in target/surefire-reports/TEST-*.xml target/failsafe-reports/TEST-*.xml; do
  [ -f "$f" ] || continue
  sed -n '2p' "$f" | sed -E 's/.* name="[^"]*\.([A-Za-z0-9]+)" time="([0-9.]+)" tests="([0-9]+)" errors="([0-9]+)" skipped="([0-9]+)" failures="([0-9]+)".*/| \1 | \3 | \4+\6 | \5 | \2 |/'
done | sed -E 's/\| ([0-9]+)\+([0-9]+) \|/| \1+\2 |/' | awk -F'|' '{ split($4, a, "+"); $4 = " " a[1] + a[2] " "; print }' OFS='|' | sort -u
echo
echo "figures printed by the tests:"
grep -h -E '^(fairness|59 heavy|crawler|memory|FaultInjectionIT|Bad-input corpus|Hostile corpus|Regex and string-bomb|CrashIT|readers|idle connections)' "$LOG" target/failsafe-reports/*-output.txt target/surefire-reports/*-output.txt 2>/dev/null | sort -u || true
echo
echo "failures:"
if grep -q -E '<<< (FAILURE|ERROR)!|AssertionFailed' "$LOG"; then grep -E '<<< (FAILURE|ERROR)!|AssertionFailed' "$LOG" | head -20; else echo "none"; fi
