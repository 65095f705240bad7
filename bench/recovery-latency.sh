#!/usr/bin/env bash
# Recovery latency: kill a supervised process (SIGTERM) and time until its pid file holds a new live
# pid. SMART's daemon at INTERVAL=60 against Monit with `set daemon 1`, same machine, same run, the
# same 50 dummy services (`sleep infinity` renamed benchdummyNN), REPS kills each (default 10).
# Both run under `tini -s` (a child subreaper), so orphaned dummies are reaped at once: this
# container's PID 1 reaps lazily, and Monit counts a zombie as running.
#
# Run from the repository root after `./mvnw -q -DskipTests package`; needs monit and tini:
#   bench/recovery-latency.sh
# Target (the issue): SMART's median at most a quarter of Monit's.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-10}
NDUMMY=${NDUMMY:-50}
for tool in monit tini jq; do
    command -v $tool >/dev/null || { echo "recovery-latency: $tool not installed" >&2; exit 2; }
done
[[ -f target/smart.jar ]] || { echo "recovery-latency: build first: ./mvnw -q -DskipTests package" >&2; exit 2; }

work=$(mktemp -d /tmp/smart-recovery.XXXXXX)
chmod 700 "$work"
pids=$work/pids
mkdir -p "$pids"
supervisor=

# start/stop program shared by both tools: a dummy is 'sleep infinity' renamed benchdummyNN.
dummy=$work/dummy.sh
cat > "$dummy" <<EOF
#!/usr/bin/env bash
pf=$pids/dummy\$2.pid
case "\$1" in
  start) ( exec -a "benchdummy\$2" sleep infinity ) </dev/null >/dev/null 2>&1 &
         echo \$! > "\$pf.tmp" && mv -f "\$pf.tmp" "\$pf" ;;
  stop)  [ -f "\$pf" ] && kill "\$(cat "\$pf")" 2>/dev/null; rm -f "\$pf" ;;
esac
exit 0
EOF
chmod +x "$dummy"

alive() { local p; p=$(cat "$1" 2>/dev/null) && [[ -n $p && -d /proc/$p ]] && ! grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null; }
cmd_of() { tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true; }

stop_all() {
    if [[ -n $supervisor ]] && kill -0 "$supervisor" 2>/dev/null; then
        kill -TERM "$supervisor"; wait "$supervisor" 2>/dev/null || true
    fi
    supervisor=
    for f in "$pids"/*.pid; do
        [[ -f $f ]] || continue
        p=$(cat "$f"); [[ -n $p ]] && cmd_of "$p" | grep -q '^benchdummy' && kill "$p" 2>/dev/null || true
        rm -f "$f"
    done
}
trap 'stop_all; rm -rf "$work"' EXIT

start_dummies() {
    for i in $(seq -w 1 "$NDUMMY"); do "$dummy" start "$i"; done
    for f in "$pids"/*.pid; do until alive "$f"; do sleep 0.05; done; done
}

# Kills REPS dummies one after another, each at a random phase; prints one latency (s) per line.
measure() {
    for rep in $(seq "$REPS"); do
        i=$(printf '%02d' $(( (rep * 7) % NDUMMY + 1 )))
        pf=$pids/dummy$i.pid; old=$(cat "$pf")
        sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
        t0=$EPOCHREALTIME; kill "$old"
        while :; do
            new=$(cat "$pf" 2>/dev/null || true)
            if [[ -n $new && $new != "$old" ]] && alive "$pf"; then break; fi
            if awk -v a="$EPOCHREALTIME" -v b="$t0" 'BEGIN{exit !(a - b > 30)}'; then echo nan; continue 2; fi
            sleep 0.005
        done
        awk -v a="$EPOCHREALTIME" -v b="$t0" 'BEGIN{printf "%.3f\n", a - b}'
        sleep 1
    done
}

median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }

# --- SMART daemon, INTERVAL=60 --------------------------------------------------------------------
conf=$work/smart
mkdir -p "$conf"
printf 'STATE_DIR=%s\nINTERVAL=60\nSTART_TIMEOUT=10\nSTOP_TIMEOUT=5\nRESTART_LIMIT=100/100\nRESTART_DELAY=0\n' \
    "$work/smart-state" > "$conf/host.conf"
for i in $(seq -w 1 "$NDUMMY"); do
    echo "dummy$i;benchdummy$i;;1;1;$dummy start $i;$pids/dummy$i.pid;;0;"
done > "$conf/services.conf"
start_dummies
tini -s -- bin/smart daemon --conf "$conf" > "$work/smart.log" 2>&1 &
supervisor=$!
until grep -q "INFO Daemon - started" "$work/smart.log"; do sleep 0.1; done
sleep 3
smart=$(measure)
stop_all

# --- Monit, set daemon 1 ----------------------------------------------------------------------------
rc=$work/monitrc
{
    echo "set daemon 1"
    echo "set logfile $work/monit.log"
    echo "set pidfile $work/monit.pid"
    echo "set idfile $work/monit.id"
    echo "set statefile $work/monit.state"
    for i in $(seq -w 1 "$NDUMMY"); do
        echo "check process dummy$i with pidfile $pids/dummy$i.pid"
        echo "  start program = \"$dummy start $i\" with timeout 10 seconds"
        echo "  stop program = \"$dummy stop $i\""
    done
} > "$rc"
chmod 600 "$rc"
start_dummies
tini -s -- monit -I -c "$rc" > "$work/monit.stdout" 2>&1 &
supervisor=$!
sleep 5
monit=$(measure)
stop_all

echo "kill to running again, s (REPS=$REPS each)"
paste <(echo "$smart") <(echo "$monit") | awk 'BEGIN{print "rep\tsmart\tmonit"} {print NR "\t" $1 "\t" $2}'
sm=$(echo "$smart" | median); mm=$(echo "$monit" | median)
awk -v s="$sm" -v m="$mm" 'BEGIN{printf "median: SMART %.3f s, Monit %.3f s, ratio %.2f (target <= 0.25)\n", s, m, s / m}'
