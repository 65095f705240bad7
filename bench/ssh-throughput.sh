#!/usr/bin/env bash
# SMART's SSH transport against check_by_ssh, side by side in one run, on a private sshd on 127.0.0.1.
#
# Runs `check_dummy 0 ok` CHECKS times (default 1000 and 5000), REPS times each (default 3), with the same
# concurrency C (default 10 at once) for every set-up:
#   local-floor        seq | xargs -P C check_dummy 0 ok         (no SSH at all: the floor)
#   smart-exec         SMART SshConnection, one exec channel per check, maxChannels C
#   smart-checks       SMART's own path for a remote host's checks (RemoteSites.checkRunner: batches over the
#                      host's channels, from as many threads as a remote site checks with), all N due at once,
#                      each request as ServiceChecker makes it; maxChannels C
#   cbs-active-mux     check_by_ssh -C ... over an OpenSSH ControlMaster, C calls at once (xargs -P C)
#   cbs-passive20-mux  check_by_ssh with 20 -C per call (passive mode, -O file) over the master, C calls at once
# and reports checks/s and CPU per check: for the whole machine (/proc/stat busy ticks) and per side
# (client = the JVM, or check_by_ssh + ssh + xargs; sshd = the private sshd's whole process tree, remote shells
# and plugins included; master = the ControlMaster).
#
# Needs root (logs in as root over ssh, /run/sshd), OpenSSH, monitoring-plugins and Java 17.
# Everything it makes goes to bench/tmp/ (git-ignored); it stops what it started, by pid, on exit.
# Knobs: CHECKS="1000 5000" REPS=3 C=10 SSH_PORT=2223 WARMUP=3000 (SMART warm-up: that many single execs, five
# times as many through the checks path) SKIP_BUILD=1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$ROOT/bench/tmp/ssh-throughput"
PLUG=/usr/lib/nagios/plugins
CHECKS="${CHECKS:-1000 5000}"
REPS="${REPS:-3}"
C="${C:-10}"
PER=20
SSH_PORT="${SSH_PORT:-2223}"
WARMUP="${WARMUP:-3000}"
HZ="$(getconf CLK_TCK)"
KEY="$TMP/id_ed25519"
KNOWN="$TMP/known_hosts"
CM_SOCK="$TMP/cm.sock"
RES="$TMP/results.tsv"
HEADER="test	rep	checks	wall_s	checks_per_s	client_cpu_s	sshd_cpu_s	master_cpu_s	machine_cpu_s	accounted_ms_per_check	machine_ms_per_check	fails"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- CPU accounting (ticks) ---------------------------------------------------------------------------------
machine_busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
pid_ticks() {  # utime+stime+cutime+cstime of one pid, 0 if gone
  local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  s=${s##*) }; set -- $s; echo $(( ${12} + ${13} + ${14} + ${15} ))
}
descendants() { local p; for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do echo "$p"; descendants "$p"; done; }
tree_ticks() { local t=0 p; [ -n "${1:-}" ] || { echo 0; return; }
  for p in "$1" $(descendants "$1"); do t=$(( t + $(pid_ticks "$p") )); done; echo "$t"; }
self_child_ticks() { local s; read -r s < "/proc/$$/stat"; s=${s##*) }; local -a f; read -r -a f <<< "$s"; echo $(( f[13] + f[14] )); }
wait_quiet() {  # at most 20 s for < 0.3 cores busy over 0.5 s
  local t0=$SECONDS b0 b1
  while :; do b0=$(machine_busy_ticks); sleep 0.5; b1=$(machine_busy_ticks)
    [ $(( (b1 - b0) * 2 * 100 / HZ )) -lt 30 ] && return 0
    [ $((SECONDS - t0)) -ge 20 ] && { log "machine still busy; measuring anyway"; return 0; }
  done
}

# measure TEST REP CHECKS EXPECTED_OK_LINES OUTFILE cmd...: runs cmd once, checks OUTFILE holds the expected
# number of OK results, appends one row
measure() {
  local test=$1 rep=$2 checks=$3 expect=$4 out=$5; shift 5
  wait_quiet
  local sp mp m0 m1 s0 s1 c0 c1 k0 k1 w0 w1 ok
  sp=$(cat "$TMP/sshd.pid"); mp=$(master_pid)
  m0=$(machine_busy_ticks); s0=$(tree_ticks "$sp"); k0=$(tree_ticks "$mp"); c0=$(self_child_ticks); w0=$EPOCHREALTIME
  "$@" > "$out" 2>&1 || true
  w1=$EPOCHREALTIME; c1=$(self_child_ticks); k1=$(tree_ticks "$mp"); s1=$(tree_ticks "$sp"); m1=$(machine_busy_ticks)
  ok=$(grep -c "$expect" "$out" || true)
  awk -v t="$test" -v r="$rep" -v n="$checks" -v w="$(awk -v a="$w1" -v b="$w0" 'BEGIN{print a-b}')" -v hz="$HZ" \
      -v c="$((c1 - c0))" -v s="$((s1 - s0))" -v k="$((k1 - k0))" -v m="$((m1 - m0))" -v f="$((checks - ok))" 'BEGIN{
    printf "%s\t%d\t%d\t%.3f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%.3f\t%d\n", t, r, n, w, n / w, c / hz, s / hz,
      k / hz, m / hz, (c + s + k) / hz * 1000 / n, m / hz * 1000 / n, f }' | tee -a "$RES"
}

# --- private sshd and ControlMaster ------------------------------------------------------------------------
start_sshd() {
  mkdir -p "$TMP/home"; chmod 700 "$TMP"
  [ -f "$KEY" ] || ssh-keygen -q -t ed25519 -N '' -C smart-bench -f "$KEY"
  [ -f "$TMP/host_key" ] || ssh-keygen -q -t ed25519 -N '' -C smart-bench-host -f "$TMP/host_key"
  cp "$KEY.pub" "$TMP/authorized_keys"
  # a target host's stock root .bashrc (bash reads it for every command run over ssh)
  cp /usr/share/base-files/dot.bashrc "$TMP/home/.bashrc" 2>/dev/null || : > "$TMP/home/.bashrc"
  cat > "$TMP/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $TMP/host_key
PidFile $TMP/sshd.pid
AuthorizedKeysFile $TMP/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PrintMotd no
PrintLastLog no
X11Forwarding no
MaxStartups 64:30:128
MaxSessions 64
LogLevel INFO
SetEnv HOME=$TMP/home
EOF
  mkdir -p /run/sshd
  if (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null; then log "port $SSH_PORT is taken; set SSH_PORT"; exit 1; fi
  /usr/sbin/sshd -f "$TMP/sshd_config" -E "$TMP/sshd.log"
  for _ in $(seq 50); do [ -s "$TMP/sshd.pid" ] && break; sleep 0.1; done
  ssh-keyscan -p "$SSH_PORT" 127.0.0.1 2>/dev/null > "$KNOWN"
  ssh -p "$SSH_PORT" -i "$KEY" -o "UserKnownHostsFile=$KNOWN" -o BatchMode=yes root@127.0.0.1 true
  log "private sshd pid $(cat "$TMP/sshd.pid") on 127.0.0.1:$SSH_PORT"
}
master_pid() { ssh -o "ControlPath=$CM_SOCK" -O check root@127.0.0.1 2>&1 | sed -n 's/.*(pid=\([0-9]*\)).*/\1/p'; }
start_master() {
  ssh -p "$SSH_PORT" -i "$KEY" -o "UserKnownHostsFile=$KNOWN" -o BatchMode=yes -o ControlMaster=yes \
      -o "ControlPath=$CM_SOCK" -o ControlPersist=yes -fN root@127.0.0.1
  log "ControlMaster pid $(master_pid)"
}
cleanup() {
  local p
  [ -n "${SMART_PID:-}" ] && kill "$SMART_PID" 2>/dev/null
  p=$(master_pid); [ -n "$p" ] && ssh -o "ControlPath=$CM_SOCK" -O exit root@127.0.0.1 2>/dev/null || true
  if [ -s "$TMP/sshd.pid" ]; then
    p=$(cat "$TMP/sshd.pid")
    tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- "-f $TMP/sshd_config" && kill "$p"
    rm -f "$TMP/sshd.pid"
  fi
}

# --- the set-ups -----------------------------------------------------------------------------------------------
BYSSH=(-H 127.0.0.1 -p "$SSH_PORT" -l root -i "$KEY" -o "UserKnownHostsFile=$KNOWN" -o BatchMode=yes
       -o "ControlPath=$CM_SOCK" -o ControlMaster=no)
PASSIVE=(-n lo -O "$TMP/nagios.cmd")
svcs=""; for i in $(seq -w 1 $PER); do PASSIVE+=(-C "$PLUG/check_dummy 0 ok"); svcs="${svcs:+$svcs:}svc$i"; done
PASSIVE+=(-s "$svcs")

local_floor() { seq "$1" | xargs -P "$C" -I{} "$PLUG/check_dummy" 0 ok; }
cbs_active() { seq "$1" | xargs -P "$C" -I{} "$PLUG/check_by_ssh" "${BYSSH[@]}" -C "$PLUG/check_dummy 0 ok"; }
cbs_passive() { : > "$TMP/nagios.cmd"; seq $(( $1 / PER )) | xargs -P "$C" -I{} "$PLUG/check_by_ssh" "${BYSSH[@]}" "${PASSIVE[@]}"
  cat "$TMP/nagios.cmd"; }

# smart MODE N REP: one SMART measurement, done by the JVM that runs in the background (coproc SMART)
smart() {
  wait_quiet
  echo "$1 $2 $3" >&"${SMART[1]}"
  local row; read -r row <&"${SMART[0]}"
  printf '%s\n' "$row" | tee -a "$RES"
}

main() {
  cd "$ROOT"
  [ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -q -DskipTests package
  mkdir -p "$TMP"; : > "$RES"
  trap cleanup EXIT
  start_sshd
  start_master
  "$PLUG/check_by_ssh" "${BYSSH[@]}" -C "$PLUG/check_dummy 0 ok" >/dev/null   # warm-up
  local logins0 ready; logins0=$(grep -c 'Accepted publickey' "$TMP/sshd.log")
  coproc SMART { exec java -cp target/smart.jar:target/test-classes org.smart.bench.SshThroughput host=127.0.0.1 \
      port="$SSH_PORT" user=root key="$KEY" known_hosts="$KNOWN" sshd_pid="$(cat "$TMP/sshd.pid")" \
      plugin="$PLUG/check_dummy" conf_dir="$TMP/home" concurrency="$C" warmup="$WARMUP" 2> "$TMP/java.log"; }
  read -r ready <&"${SMART[0]}"; [ "$ready" = ready ] || { log "SMART driver did not start: $(cat "$TMP/java.log")"; exit 1; }
  log "SMART driver warmed up ($WARMUP single execs, $((5 * WARMUP)) checks through its checks path)"
  echo "$HEADER" | tee -a "$RES"
  # every repetition runs each set-up once, so all of them see the same machine noise
  for rep in $(seq "$REPS"); do for n in $CHECKS; do
    measure local-floor-$n "$rep" "$n" '^OK: ok' "$TMP/out" local_floor "$n"
    smart exec "$n" "$rep"
    smart checks "$n" "$rep"
    measure cbs-active-mux-$n "$rep" "$n" '^OK: ok' "$TMP/out" cbs_active "$n"
    measure cbs-passive$PER-mux-$n "$rep" "$n" 'PROCESS_SERVICE_CHECK_RESULT;lo;svc[0-9]*;0;OK: ok' "$TMP/out" cbs_passive "$n"
  done; done
  exec {SMART[1]}>&-; wait "$SMART_PID" 2>/dev/null || true
  log "SSH logins made by SMART for all its checks (warm-up included): $(( $(grep -c 'Accepted publickey' "$TMP/sshd.log") - logins0 ))"
  summary
}

# per test: the median of each column over the repetitions, and all failures
median_of() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
summary() {
  echo
  echo "--- medians over $REPS repetitions (machine CPU also as min, the least disturbed by other tenants);"
  echo "    C=$C at once; CPU in ms per check"
  printf 'test\tchecks/s\tmachine\tmachine_min\taccounted\tclient\tsshd\tmaster\tfails\n'
  awk -F'\t' '$1 != "test" {print $1}' "$RES" | awk '!seen[$0]++' | while read -r t; do
    rows=$(awk -F'\t' -v t="$t" '$1 == t' "$RES")
    col() { echo "$rows" | cut -f"$1" | median_of; }
    per_check() { echo "$rows" | awk -F'\t' -v c="$1" '{print $c * 1000 / $3}' | median_of; }
    printf '%s\t%.0f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\n' "$t" "$(col 5)" "$(col 11)" \
      "$(echo "$rows" | cut -f11 | sort -g | head -1)" "$(col 10)" \
      "$(per_check 6)" "$(per_check 7)" "$(per_check 8)" "$(echo "$rows" | cut -f12 | paste -sd+ | bc)"
  done
}

main "$@"
