#!/usr/bin/env bash
# Audit journal benchmarks: the figures of docs/performance.md, "Audit journal", each next to its physical limit
# measured in the same run.
#
#   mvn -B -f central/pom.xml verify          # builds the tool and benchmark jars
#   central/benchmarks/audit-bench.sh         # from the repository root
#
# What it does (BENCH_DIR, default /tmp/audit-bench, needs ~1.4 GiB free; deleted at the end):
#   1. generates unkeyed journals of 256 MiB and 1 GiB (SIZES) with GenerateJournal;
#   2. for each: reads the files once (so both contenders read from the page cache), then RUNS times, alternating:
#        sha256sum over the same files                          (the baseline)
#        java -Xmx64m -jar tool.jar audit verify DIR            (end to end: JVM start, verification, output)
#        java -jar tool.jar audit verify DIR                    (the same without -Xmx: the JVM's default heap)
#      with wall time, peak RSS from /usr/bin/time and the load average before each; verification uses every core
#      (VERIFY_THREADS=N adds -Dio.jenkins.plugins.criticalchangegate.audit.JournalVerifier.threads=N); then
#      java -Xmx64m ... audit export --format csv|json (peak RSS: must stay flat from 256 MiB to 1 GiB); then RUNS
#      times: verify, and export csv, json, csv --outcome APPROVED, json --system --user WITHOUT -Xmx (peak RSS with
#      the default heap; MiB/s and the ratio to the verify run just before); then VerifyThroughput (in-process, after
#      JIT warm-up);
#      it prints issue 17's first goal three ways, each a same-run ratio to sha256sum: end to end (each run's and the
#      medians' sha256sum time / verify time), sustained (the median of VerifyThroughput's warm runs against
#      sha256sum's median MiB/s), and at the end marginal (the MiB between the first and last SIZES over the time they add, medians:
#      what a run's fixed cost, the JVM's start and the JIT's warm-up, does not weigh on);
#   VERIFY_TOOL=JAR takes the verify runs the exports are compared with from another tool jar (e.g. a branch's, to
#   see the ratio against its verification); default the same jar.
#   ONLY=export runs only the export lines of step 2 (the verify runs they are compared with included) and skips the
#   rest (sha256sum, VerifyThroughput, the appends): docs/performance.md, "Export: throughput next to verify's";
#   3. appends: FsyncBaseline (one thread, write+fdatasync of a 300-byte record, the disk's own rate), then
#      AppendThroughput from 1 and from 32 threads (each append waits for its own durability), APPEND_SECONDS each.
set -euo pipefail

TOOL=central/tool/target/critical-change-gate-tool.jar
BENCH=central/benchmarks/target/benchmarks.jar
DIR=${BENCH_DIR:-/tmp/audit-bench}
SIZES=${SIZES:-"256 1024"}
RUNS=${RUNS:-3}
VERIFY_THREADS=${VERIFY_THREADS:-}
APPEND_SECONDS=${APPEND_SECONDS:-5}
ONLY=${ONLY:-}
VERIFY_TOOL=${VERIFY_TOOL:-$TOOL}
case "$ONLY" in ""|export) ;; *) echo "ONLY must be empty or 'export', not '$ONLY'" >&2; exit 2;; esac
PKG=io.jenkins.plugins.criticalchangegate.benchmarks.audit

for jar in "$TOOL" "$BENCH" "${VERIFY_TOOL:-$TOOL}"; do
  [ -f "$jar" ] || { echo "missing $jar: run 'mvn -B -f central/pom.xml verify' first" >&2; exit 2; }
done
[ -e "$DIR" ] && { echo "$DIR exists; remove it or set BENCH_DIR" >&2; exit 2; }
mkdir -p "$DIR"
trap 'rm -rf "$DIR"' EXIT

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores" \
     "($(grep -o -m1 -w sha_ni /proc/cpuinfo || echo 'no sha_ni'))"
echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk: $(df -h "$DIR" | awk 'NR==2 {print $1, $2}') ($(findmnt -n -o FSTYPE --target "$DIR" 2>/dev/null || echo '?'))"
echo "kernel: $(uname -r); $(java -version 2>&1 | head -1); $(sha256sum --version | head -1)"

measure() { # label, command...: prints "label: <seconds> s, <max RSS> MiB, load average before"
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$@" > "$DIR/out.txt"
  read -r secs kib < "$DIR/time.txt"
  printf '%-38s %7.2f s  %6.0f MiB max RSS  load %5s   %s\n' "$label" "$secs" "$((kib / 1024))" "$load" \
    "$(head -c 100 "$DIR/out.txt" | head -1)"
}
seconds() { # the wall time of the last measure
  local secs _; read -r secs _ < "$DIR/time.txt"; echo "$secs"
}
median() { # of its arguments, numbers
  printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
ratios() { # NAME_A NAME_B, two arrays of times: each run's a/b, then the ratio of the medians
  local -n as=$1 bs=$2
  local out="" i
  for i in "${!as[@]}"; do out+=$(awk -v a="${as[$i]}" -v b="${bs[$i]}" 'BEGIN {printf "%.2f ", a / b}'); done
  echo "${out}(medians: $(awk -v a="$(median "${as[@]}")" -v b="$(median "${bs[@]}")" 'BEGIN {printf "%.2f", a / b}'))"
}
declare -A sha_median verify_median size_mib
THREADS_OPT=()
[ -n "$VERIFY_THREADS" ] && THREADS_OPT=("-Dio.jenkins.plugins.criticalchangegate.audit.JournalVerifier.threads=$VERIFY_THREADS")

for size in $SIZES; do
  J="$DIR/journal-$size"
  echo "== $size MiB journal"
  java -cp "$BENCH" $PKG.GenerateJournal "$J" "$size"
  cat "$J"/journal-*.jsonl > /dev/null
  sha=(); small=(); default=()
  for run in $(seq 1 "$RUNS"); do
    [ "$ONLY" = export ] && break
    measure "sha256sum (run $run)" sha256sum "$J"/journal-*.jsonl
    sha+=("$(seconds)")
    measure "audit verify -Xmx64m (run $run)" java -Xmx64m "${THREADS_OPT[@]}" -jar "$TOOL" audit verify "$J"
    small+=("$(seconds)")
    measure "audit verify, no -Xmx (run $run)" java "${THREADS_OPT[@]}" -jar "$TOOL" audit verify "$J"
    default+=("$(seconds)")
  done
  if [ "$ONLY" != export ]; then
    # issue 17's first goal, end to end: sha256sum's time over verify's, run by run and by the medians
    printf '  verify speed / sha256sum speed, end to end: -Xmx64m %s; no -Xmx %s\n' \
      "$(ratios sha small)" "$(ratios sha default)"
    sha_median[$size]=$(median "${sha[@]}"); verify_median[$size]=$(median "${default[@]}")
  fi
  measure "audit export csv -Xmx64m" java -Xmx64m -jar "$TOOL" audit export "$J" --format csv
  measure "audit export json -Xmx64m" java -Xmx64m -jar "$TOOL" audit export "$J" --format json
  # export WITHOUT -Xmx (the JVM's default heap: peak RSS is what a user sees, issue 17), alternated with verify;
  # throughput in MiB/s and its ratio to the verify run just before it
  mib=$(cat "$J"/journal-*.jsonl | wc -c | awk '{printf "%.1f", $1 / 1048576}')
  for run in $(seq 1 "$RUNS"); do
    measure "audit verify -Xmx64m (run $run)" java -Xmx64m "${THREADS_OPT[@]}" -jar "$VERIFY_TOOL" audit verify "$J"
    vsecs=$(seconds)
    for export in "csv" "json" "csv --outcome APPROVED" "json --system system-3 --user lead5"; do
      # shellcheck disable=SC2086 # the filter words are separate arguments
      measure "export $export, no -Xmx (run $run)" java -jar "$TOOL" audit export "$J" --format $export
      esecs=$(seconds)
      awk -v m="$mib" -v e="$esecs" -v v="$vsecs" 'BEGIN {printf "  %.0f MiB/s export, %.0f MiB/s verify: ratio %.2f\n", m / e, m / v, v / e}'
    done
  done
  if [ "$ONLY" != export ]; then
    java -Xmx64m "${THREADS_OPT[@]}" -cp "$BENCH" $PKG.VerifyThroughput "$J" 4 | tee "$DIR/warm.txt"
    # sustained: the median of the warm runs in one JVM (all but the first) against sha256sum's median
    # shellcheck disable=SC2046 # one number per line, split on purpose
    warm=$(median $(awk '/^verify run/ && $3 != "1:" {print $(NF - 1)}' "$DIR/warm.txt"))
    awk -v w="$warm" -v m="$mib" -v s="${sha_median[$size]}" 'BEGIN {
      printf "  sustained (warm runs in one JVM, median): %.0f MiB/s verify, %.0f MiB/s sha256sum: ratio %.2f\n", w, m / s, w / (m / s)}'
    size_mib[$size]=$mib
  fi
  rm -rf "$J"
done
[ "$ONLY" = export ] && exit 0

# the cost of each further MiB, between the smallest and the largest journal: the fixed cost of a run (the JVM's
# start, the JIT's warm-up) cancels out, for sha256sum and verify alike (medians; verify without -Xmx)
first=${SIZES%% *}; last=${SIZES##* }
if [ "$first" != "$last" ]; then
  awk -v a="${size_mib[$first]}" -v b="${size_mib[$last]}" -v sa="${sha_median[$first]}" -v sb="${sha_median[$last]}" \
      -v va="${verify_median[$first]}" -v vb="${verify_median[$last]}" -v f="$first" -v l="$last" 'BEGIN {
    s = (b - a) / (sb - sa); v = (b - a) / (vb - va)
    printf "== marginal throughput, %s MiB to %s MiB (medians): verify %.0f MiB/s, sha256sum %.0f MiB/s: ratio %.2f\n", f, l, v, s, v / s
  }'
fi

echo "== durable appends (${APPEND_SECONDS} s each)"
java -cp "$BENCH" $PKG.FsyncBaseline "$DIR/raw.bin" "$APPEND_SECONDS" 300
java -cp "$BENCH" $PKG.AppendThroughput "$DIR/appends-1" 1 "$APPEND_SECONDS"
java -cp "$BENCH" $PKG.AppendThroughput "$DIR/appends-32" 32 "$APPEND_SECONDS"
java -cp "$BENCH" $PKG.FsyncBaseline "$DIR/raw2.bin" "$APPEND_SECONDS" 300
