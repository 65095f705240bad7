#!/usr/bin/env bash
# Plugin throughput: `check_dummy 0 ok` run through SMART's LocalCommandRunner versus
# `seq N | xargs -P P -I{} check_dummy 0 ok`, both sides in the same run, interleaved, several times.
#
# Run from the repository root after `./mvnw -q -DskipTests package` (this script builds nothing):
#   bench/plugin-throughput.sh                     # 2000 runs, P=2, 5 repetitions, VFORK, AUTO and OWN_SESSION
#   P=4 REPS=7 bench/plugin-throughput.sh
#   CONFIGS="VFORK:runner:OWN_SESSION VFORK:runner:DIRECT DEFAULT:runner:OWN_SESSION VFORK:raw-merged DEFAULT:raw-separate" \
#     bench/plugin-throughput.sh
# A config is LAUNCH:VIA[:ISOLATION]: LAUNCH is DEFAULT (POSIX_SPAWN through jspawnhelper) or VFORK
# (-Djdk.lang.Process.launchMechanism); VIA is runner, raw-merged or raw-separate (bare ProcessBuilder,
# stderr merged or as a second pipe); ISOLATION (runner only) is AUTO (the default), OWN_SESSION or DIRECT.
# The target: median runner rate >= 0.9 x median xargs rate. Exit status 1 when a run gave a wrong result.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-2000}
P=${P:-2}
REPS=${REPS:-5}
CONFIGS=${CONFIGS:-VFORK:runner:AUTO VFORK:runner:OWN_SESSION}
JAVA=${JAVA:-java}
PLUGIN=/usr/lib/nagios/plugins/check_dummy
CLASSPATH_BENCH=target/smart.jar:target/test-classes

if [[ ! -f target/smart.jar || ! -f target/test-classes/org/smart/bench/PluginThroughput.class ]]; then
    echo "plugin-throughput: build first: ./mvnw -q -DskipTests package" >&2
    exit 2
fi
if [[ ! -x $PLUGIN ]]; then
    echo "plugin-throughput: $PLUGIN not found (Debian package monitoring-plugins-basic)" >&2
    exit 2
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Each measurement prints "<runs per second> <CPU ms per run>". CPU time (the side's own plus its
# children's) is the fairer figure when other work shares the machine: wall-time rates then depend
# on how the scheduler shares the cores out, while on a quiet 2-core machine at P=2 the rate ratio
# follows the CPU ratio.
measure_xargs() {
    local TIMEFORMAT='%R %U %S' times
    times=$({ time seq "$RUNS" | xargs -P "$P" -I{} "$PLUGIN" 0 ok >/dev/null; } 2>&1)
    awk -v n="$RUNS" -v t="$times" 'BEGIN { split(t, f, " "); printf "%.1f %.3f", n / f[1], (f[2] + f[3]) * 1000 / n }'
}

measure_java() {
    local launch via isolation line flags=()
    IFS=: read -r launch via isolation <<<"$1"
    [[ $launch == DEFAULT ]] || flags+=("-Djdk.lang.Process.launchMechanism=$launch")
    line=$("$JAVA" "${flags[@]}" -cp "$CLASSPATH_BENCH" org.smart.bench.PluginThroughput \
        --runs "$RUNS" --parallelism "$P" --via "$via" --isolation "${isolation:-OWN_SESSION}") || {
        echo "plugin-throughput: $1 gave wrong results: $line" >&2
        exit 1
    }
    sed -n 's/^rate=\([0-9.]*\) cpu_ms_per_run=\([0-9.]*\) .*/\1 \2/p' <<<"$line"
}

# median of column $2 of file $1
median() {
    awk -v c="$2" '{ print $c }' "$1" | sort -n |
        awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "check_dummy 0 ok: $RUNS runs at parallelism $P, $REPS repetitions, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq "$REPS"); do
    read -r xr xc <<<"$(measure_xargs)"
    echo "$xr $xc" >>"$results/xargs"
    printf 'rep %d: xargs %6.0f/s %.2f ms CPU/run' "$rep" "$xr" "$xc"
    for config in $CONFIGS; do
        read -r jr jc <<<"$(measure_java "$config")"
        echo "$jr $jc" >>"$results/$config"
        printf ' | %s %6.0f/s %.2f ms' "$config" "$jr" "$jc"
    done
    echo
done

xr=$(median "$results/xargs" 1)
xc=$(median "$results/xargs" 2)
printf 'median xargs: %.1f/s, %.2f ms CPU per run\n' "$xr" "$xc"
for config in $CONFIGS; do
    awk -v c="$config" -v jr="$(median "$results/$config" 1)" -v jc="$(median "$results/$config" 2)" -v xr="$xr" -v xc="$xc" \
        'BEGIN { r = jr / xr; printf "median %s: %.1f/s, %.2f ms CPU per run; rate ratio %.2f (target 0.90: %s), CPU ratio %.2f\n",
                 c, jr, jc, r, (r >= 0.9 ? "met" : "NOT met"), xc / jc }'
done
