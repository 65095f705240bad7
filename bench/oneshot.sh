#!/usr/bin/env bash
# One-shot run cost: the whole `bin/smart` command (JVM start-up included) over
#   (a) 50 process-only services (name + argument + pid file), and
#   (b) 50 services whose check script is a .nag wrapper around check_dummy,
# side by side with the original SMART's way of doing the same in shell (one `ps` per service and
# the check script, as its check-service did), in one run. Reports median wall time and CPU time
# (user + system of the command and its children) over REPS runs, and the ratios.
#
# Run from the repository root after `./mvnw -q -DskipTests package`. Needs hyperfine
# (apt-get install hyperfine) and monitoring-plugins-basic. Targets: (a) <= 0.5 s, (b) <= 1.0 s.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-50}
REPS=${REPS:-20}
PLUGIN=/usr/lib/nagios/plugins/check_dummy
command -v hyperfine >/dev/null || { echo "oneshot: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[[ -x $PLUGIN ]] || { echo "oneshot: needs $PLUGIN (monitoring-plugins-basic)" >&2; exit 2; }
[[ -f target/smart.jar ]] || { echo "oneshot: build first: ./mvnw -q -DskipTests package" >&2; exit 2; }

work=$(mktemp -d /tmp/smart-bench-oneshot.XXXXXX)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# N real daemons: `sleep TOKEN`, each with its pid file.
base=$((700000 + RANDOM))
for i in $(seq 1 "$N"); do
    sleep $((base + i)) &
    pids+=($!)
    echo $! > "$work/svc$i.pid"
done

make_conf() { # dir, with_check
    mkdir -p "$1/scripts" "$1/plugins"
    printf 'HOSTNAME=bench\nSTATE_DIR=%s/state\n' "$1" > "$1/host.conf"
    printf '#!/bin/sh\nexec %s 0 "dummy ok"\n' "$PLUGIN" > "$1/scripts/dummy.nag"
    chmod 755 "$1/scripts/dummy.nag"
    : > "$1/services.conf"
    for i in $(seq 1 "$N"); do
        if [[ $2 == yes ]]; then
            echo "svc$i;sleep;$((base + i));1;1;;$work/svc$i.pid;;0;dummy.nag" >> "$1/services.conf"
        else
            echo "svc$i;sleep;$((base + i));1;1;;$work/svc$i.pid;;0;" >> "$1/services.conf"
        fi
    done
}
make_conf "$work/procs" no
make_conf "$work/checks" yes

# The original's approach, in shell: for each service, list the processes with ps and count the
# matching ones, read the pid file, and run the check script.
cat > "$work/original.sh" <<'SH'
#!/bin/bash
conf=$1
while IFS=';' read -r name proc param max min start pid sock mode script; do
    case $name in ''|'#'*) continue ;; esac
    count=$(ps -eo args | grep -c -- "^$proc $param")
    [ -n "$pid" ] && [ -f "$pid" ] && kill -0 "$(cat "$pid")" 2>/dev/null
    if [ -n "$script" ]; then "$conf/scripts/$script" 127.0.0.1 "" 10 >/dev/null; fi
    echo "$name $count"
done < "$conf/services.conf"
SH
chmod 755 "$work/original.sh"

bin/smart --conf "$work/procs" >/dev/null || true   # makes the AppCDS archive once, as an install would

run() { # label, command...
    local label=$1; shift
    hyperfine -N --warmup 3 --runs "$REPS" --export-json "$work/$label.json" "$*" >/dev/null 2>&1 || \
        hyperfine --warmup 3 --runs "$REPS" --export-json "$work/$label.json" "$*" >/dev/null
    python3 - "$work/$label.json" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]:<22} median {r['median']*1000:7.1f} ms wall, {(r['user']+r['system'])*1000:7.1f} ms CPU (mean user+sys)")
PY
}

echo "one-shot run over $N services, $REPS runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run smart-procs bin/smart --conf "$work/procs"
run original-procs "$work/original.sh" "$work/procs"
run smart-checks bin/smart --conf "$work/checks"
run original-checks "$work/original.sh" "$work/checks"

python3 - "$work" <<'PY'
import json, sys, os
w = sys.argv[1]
def get(label):
    r = json.load(open(os.path.join(w, label + ".json")))["results"][0]
    return r["median"], r["user"] + r["system"]
for kind, target in (("procs", 0.5), ("checks", 1.0)):
    s, o = get("smart-" + kind), get("original-" + kind)
    verdict = "met" if s[0] <= target else "NOT met"
    print(f"{kind}: SMART {s[0]*1000:.0f} ms wall (target {target*1000:.0f} ms: {verdict}), "
          f"{s[1]*1000:.0f} ms CPU; original-style shell {o[0]*1000:.0f} ms wall, {o[1]*1000:.0f} ms CPU; "
          f"wall ratio SMART/original {s[0]/o[0]:.2f}")
PY
