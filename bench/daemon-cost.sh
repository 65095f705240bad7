#!/usr/bin/env bash
# Scheduler cost and memory of the SMART daemon with many services.
#
# N services (default 1000), each checked with `check_dummy 0 ok`, at INTERVAL = N / RATE seconds
# (default 100 s: 10 checks per second). CHECK says how SMART calls the plugin:
#   plugin (default)  `plugin: check_dummy 0 ok` in smart.yml: the plugin itself, as the issue pairs it
#                     with a shell loop of check_dummy runs
#   script            a `.nag` wrapper script in scripts/ (`exec check_dummy 0 ok`), as the original
#                     SMART's services.conf does it; SMART starts scripts in a session of their own
#                     (setsid), one more exec per check, and the loop runs the same wrapper
# After WARMUP seconds (first checks spread over the interval, JIT), CPU of the whole daemon (its own
# threads and every check it ran: utime+stime+cutime+cstime) over WINDOW seconds, divided by the
# checks it made, against the same command run LOOP times (600) from a shell loop at the same pace
# (RATE per second, so 600 runs take the same 60 s), counting the shell's own CPU (its forks) and its
# children's alike. Pacing matters: a program started ten times a second finds cold caches every time
# and costs about 1.4 times as much as one started back to back, for the shell as for the daemon. Then
# the daemon's resident size, sampled every 10 s until DURATION seconds (default 600): the figures at
# minute 2 and at the end.
#
# Run from the repository root after `./mvnw -q -DskipTests package`:
#   bench/daemon-cost.sh                       # full run, about 11 minutes
#   DURATION=180 bench/daemon-cost.sh          # quicker, without the 10-minute memory figure
#   CHECK=script bench/daemon-cost.sh          # the wrapper-script variant
# Targets (the issue): CPU per check <= 1.5 x the shell loop's; RSS <= 64 MiB with no growth from
# minute 2 to minute 10.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
RATE=${RATE:-10}
WARMUP=${WARMUP:-150}
WINDOW=${WINDOW:-60}
LOOP=${LOOP:-600}
DURATION=${DURATION:-600}
CHECK=${CHECK:-plugin}
HZ=$(getconf CLK_TCK)
PLUGIN=/usr/lib/nagios/plugins/check_dummy

[[ -f target/smart.jar ]] || { echo "daemon-cost: build first: ./mvnw -q -DskipTests package" >&2; exit 2; }
[[ -x $PLUGIN ]] || { echo "daemon-cost: $PLUGIN not found (monitoring-plugins-basic)" >&2; exit 2; }
command -v jq >/dev/null || { echo "daemon-cost: jq not found" >&2; exit 2; }

work=$(mktemp -d /tmp/smart-daemon-cost.XXXXXX)
daemon_pid=
cleanup() {
    if [[ -n $daemon_pid ]] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -TERM "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

conf=$work/conf
mkdir -p "$conf/scripts"
interval=$(( N / RATE ))
printf 'STATE_DIR=%s\nINTERVAL=%s\nCHECK_TIMEOUT=10\n' "$work/state" "$interval" > "$conf/host.conf"
case $CHECK in
    plugin)
        run=("$PLUGIN" 0 ok)
        : > "$conf/services.conf"
        { echo "services:"
          for i in $(seq -w 1 "$N"); do
              printf '  - {name: s%s, procs: {min: 0, max: 0}, plugin: check_dummy 0 ok}\n' "$i"
          done; } > "$conf/smart.yml" ;;
    script)
        printf '#!/bin/sh\nexec %s 0 ok\n' "$PLUGIN" > "$conf/scripts/dummy.nag"
        chmod +x "$conf/scripts/dummy.nag"
        run=("$conf/scripts/dummy.nag" 127.0.0.1 "" 10)
        for i in $(seq -w 1 "$N"); do echo "s$i;dummy;;0;0;;;;0;dummy.nag"; done > "$conf/services.conf" ;;
    *) echo "daemon-cost: CHECK must be plugin or script, not '$CHECK'" >&2; exit 2 ;;
esac

# CPU ticks of a process: its own (utime+stime), then its waited-for children's (cutime+cstime)
ticks() { local s; s=$(cat "/proc/$1/stat"); s=${s##*) }; set -- $s; echo "$(( ${12} + ${13} )) $(( ${14} + ${15} ))"; }
# The saved view, as before the daemon answered status itself: asking the daemon would make it render 1,000
# services inside the measured window, which is not the cost of checking.
checks() { bin/smart status --conf "$conf" --saved --json | jq '[.services[].check_count] | add'; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$1/status"; }

echo "daemon-cost: $N services ($CHECK), INTERVAL=$interval s ($RATE checks/s), warm-up $WARMUP s, window $WINDOW s"
bin/smart daemon --conf "$conf" > "$work/daemon.log" 2>&1 &
daemon_pid=$!
start=$SECONDS
declare -A rss
sample_rss() { rss[$(( (SECONDS - start) / 60 ))]=$(rss_kb "$daemon_pid"); }

sleep "$WARMUP"
sample_rss
# The state is saved every few seconds while only counts move (to state.journal, now and then to
# state.json): take the CPU figures right after a save, so the count read from it belongs to the same
# moment (within the 50 ms poll)
saved_at() { stat -c %y "$work/state/state.json" "$work/state/state.journal" 2>/dev/null || true; }
after_save() {
    local before; before=$(saved_at)
    while [[ $(saved_at) == "$before" ]]; do sleep 0.05; done
}
after_save; read -r s0 ch0 < <(ticks "$daemon_pid"); t0=$EPOCHREALTIME; k0=$(checks)
sleep "$WINDOW"
after_save; read -r s1 ch1 < <(ticks "$daemon_pid"); t1=$EPOCHREALTIME; k1=$(checks)
sample_rss

# The pause between runs is a `read` timeout on a FIFO nobody writes: a builtin, so no sleep(1) is
# forked and counted. Its own CPU (utime+stime) is the loop's forks; cutime+cstime the runs.
mkfifo "$work/pause"
loop_ticks=$(bash -c 'pause=$1; shift; exec 3<>"$pause"
                      for ((i = 0; i < '"$LOOP"'; i++)); do read -t '"$(awk -v r="$RATE" 'BEGIN{print 1/r}')"' -u 3; "$@" >/dev/null; done
                      s=$(cat /proc/$$/stat); s=${s##*) }; set -- $s; echo $(( ${12} + ${13} + ${14} + ${15} ))' \
                  loop "$work/pause" "${run[@]}")

while (( SECONDS - start < DURATION )); do
    sleep 10
    sample_rss
done

awk -v ds=$(( s1 - s0 )) -v dch=$(( ch1 - ch0 )) -v dk=$(( k1 - k0 )) -v lc="$loop_ticks" -v ln="$LOOP" -v hz="$HZ" \
    -v w="$(awk -v a="$t1" -v b="$t0" 'BEGIN{print a-b}')" 'BEGIN {
    d = (ds + dch) / hz / dk * 1000; l = lc / hz / ln * 1000
    printf "checks in the window: %d (%.1f/s)\n", dk, dk / w
    printf "daemon CPU per check: %.2f ms (daemon %.2f, its checks %.2f)\n", d, ds / hz / dk * 1000, dch / hz / dk * 1000
    printf "shell loop CPU per run: %.2f ms (%d runs at the same pace, the shell and its children)\n", l, ln
    printf "ratio: %.2f (target <= 1.5)\n", d / l }'
first=$(( 2 < ${#rss[@]} ? 2 : 0 ))
last=$(( (SECONDS - start) / 60 ))
echo "daemon RSS: minute $first ${rss[$first]:-?} kB, minute $last ${rss[$last]:-$(rss_kb "$daemon_pid")} kB (target <= 65536 kB, no growth)"
