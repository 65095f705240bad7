package org.smart.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The POSIX sh script that runs a batch of commands one after another on one channel, as cheaply as a local
 * fork and exec per command, which is what makes batches approach the local CPU floor:
 *
 * <ul>
 *   <li>Each command is one line of the script ({@link #line}), run as cheaply as the shell can: a command
 *       made by {@link RemoteCommand#inDirectory} is a simple command with its environment as assignments in
 *       front, one vfork and exec, instead of {@code sh -c} and {@code env -i} first; then
 *       {@code r INDEX STATUS} keeps its result.</li>
 *   <li>Its stdout and stderr go to a private file (tmpfs when there is one), read back with the shell's own
 *       {@code read}, and kept as a length-prefixed record after a header line:
 *       <pre>TOKEN INDEX STATUS TIMED_OUT CENTISECONDS LENGTH\n&lt;LENGTH bytes of output&gt;\n</pre>
 *       The reader takes exactly LENGTH bytes, so nothing a command prints can pass for a header; the random
 *       per-batch token (sent on stdin, never on a command line) also catches any loss of step. NUL bytes are
 *       dropped, and output beyond the cap is cut on the remote side. CENTISECONDS is how long the command
 *       took, from {@code /proc/uptime} (0 where there is none).</li>
 *   <li>Records are written out together, when 16 KiB have gathered, when the last write is a second old, and
 *       at the end: every write to the channel is a packet that sshd and SMART each pay for, and a packet per
 *       command cost about a third as much CPU as the command itself.</li>
 *   <li>Each command has its own time limit, kept by one watchdog per batch instead of a {@code timeout}
 *       process per command (which would cost as much CPU as the command): the watchdog looks at the batch
 *       shell's children every tick, and when the same command is still there after its limit, it marks the
 *       batch, sends TERM to the command and everything below it, and KILL one tick later to those that are still
 *       the processes seen (same pid and start time: a pid reused in the meantime is never hit). The rest of the
 *       batch goes on. Where the kernel has no {@code /proc/PID/task/PID/children}, GNU {@code timeout} per
 *       command is used instead. At the end the watchdog is stopped before its {@code sleep} is looked up, so
 *       that it cannot start another one between the look and the kill and leave it behind.</li>
 * </ul>
 *
 * @param token random per batch
 * @param limit how long the whole batch may take (every command's limit plus two ticks and the kill grace, plus
 *              one second); SMART's backstop is set from it
 * @param bytes the script
 */
record BatchScript(String token, Duration limit, byte[] bytes) {

    private static final String PROLOGUE = """
            unset B n d f T wd h U x y R u up F e i c t o l p D
            B=%1$s
            n='
            '
            d=/dev/shm
            [ -d "$d" ] && [ -w "$d" ] || d=${TMPDIR:-/tmp}
            f=$d/.smart-batch.$$.%2$s
            umask 077
            set -C
            : > "$f" && : > "$f.t" && : > "$f.e" || exit 1
            set +C
            T= wd=
            if [ -r /proc/$$/task/$$/children ]; then
              sx() { l=; read -r l < /proc/$1/stat 2>/dev/null || return 1; l=${l##*) }; set -- $l; st=${20}; }
              g() { local c x; sx "$1" || return; all="$all $1" seen="$seen $1:$st"; c=; read -r c < /proc/$1/task/$1/children; for x in $c; do g "$x"; done; }
              w() {
                read -r me x < /proc/self/stat
                last= k=0 all= seen=
                while sleep %3$s; do
                  for x in $seen; do sx "${x%%:*}" && [ "$st" = "${x#*:}" ] && kill -s KILL "${x%%:*}"; done; all= seen=
                  kids=; read -r kids < /proc/$$/task/$$/children
                  cur=; for x in $kids; do [ "$x" = "$me" ] || cur=$x; done
                  if [ -z "$cur" ] || [ "$cur" != "$last" ]; then last=$cur k=0; continue; fi
                  k=$((k + 1))
                  [ $k -eq %4$d ] && { echo x > "$f.t"; g "$cur"; kill -s TERM $all; }
                done
              }
              w >/dev/null 2>&1 </dev/null &
              wd=$!
            else
              T="$(command -v timeout) -k %5$s %6$s"
            fi
            h=$HOME p=$PATH U=
            export -p > "$f.e"
            while read -r x y; do
              [ "$x" = export ] || continue; y=${y%%%%=*}
              case $y in ''|[0-9]*|*[!A-Za-z0-9_]*) ;; *) U="$U $y";; esac
            done < "$f.e"
            unset $U
            PATH=$p D=
            cdto() { [ "$D" = "$1" ] && return; cd -- "$1" 2>"$f" || return 1; D=$1; unset PWD OLDPWD; }
            R= up= F=0
            if read -r up x < /proc/uptime 2>/dev/null; then up=${up%%.*}${up#*.} F=$up; fi
            r() {
              i=$1 c=$2 t=0
              if [ -s "$f.t" ]; then t=1; : > "$f.t"; elif [ -n "$T" ]; then case $c in 124|137) t=1;; esac; fi
              o= l=
              while IFS= read -r l; do o="$o$l$n"; [ ${#o} -le %7$d ] || { l=; break; }; done < "$f"
              o=$o$l e=0
              if [ -n "$up" ]; then read -r u x < /proc/uptime; u=${u%%.*}${u#*.} e=$((u - up)) up=$u; fi
              R="$R$B $i $c $t $e ${#o}$n$o$n"
              if [ ${#R} -ge 16384 ] || [ $((up - F)) -ge 100 ]; then printf %%s "$R"; R= F=$up; fi
            }
            """;

    private static final String EPILOGUE = """
            [ -z "$R" ] || printf %s "$R"
            if [ -n "$wd" ]; then
              kill -s STOP $wd; x=; read -r x < /proc/$wd/task/$wd/children 2>/dev/null; kill -s KILL $wd $x 2>/dev/null
            fi
            rm -f "$f" "$f.t" "$f.e"
            """;

    /**
     * @param each   every command's own time limit
     * @param token  the random framing token
     * @param nonce  another random word, for the name of the private output file
     * @param cap    output kept per command; the remote side stops reading a little after it
     */
    static BatchScript of(List<RemoteCommand> commands, Duration each, String token, String nonce, int cap) {
        Duration tick = tick(each);
        long ticks = Math.max(1, (each.toMillis() + tick.toMillis() - 1) / tick.toMillis());
        StringBuilder script = new StringBuilder(PROLOGUE.formatted(token, nonce, RemoteInvocation.seconds(tick),
                ticks, RemoteInvocation.seconds(RemoteInvocation.KILL_GRACE), RemoteInvocation.seconds(each), cap));
        for (int i = 0; i < commands.size(); i++) {
            script.append(line(commands.get(i), i));
        }
        script.append(EPILOGUE);
        Duration perCommand = each.plus(tick).plus(tick).plus(RemoteInvocation.KILL_GRACE);
        Duration limit = perCommand.multipliedBy(commands.size()).plusSeconds(1);
        return new BatchScript(token, limit, script.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The lines that run one command and keep its result. A command made by {@link RemoteCommand#inDirectory} is
     * a simple command of the batch shell (which dash starts with vfork, cheaper than the fork a subshell takes):
     * the shell changes to its directory when it is not there yet, and the command gets exactly its environment
     * as assignments in front of it, the shell's own environment having been emptied. Any other command gets
     * the environment the batch shell was given, in a subshell.
     */
    static String line(RemoteCommand command, int index) {
        String keep = " > \"$f\" 2>&1 </dev/null; r " + index + " $?";
        RemoteCommand.InDirectory parts = command.parts();
        if (parts == null) {
            return "( . \"$f.e\"; exec $T " + command.quoted() + " )" + keep + "\n";
        }
        StringBuilder line = new StringBuilder("if cdto ").append(ShellQuoting.quote(parts.dir().toString()))
                .append("; then HOME=\"$h\"");
        parts.environment().forEach((variable, value) ->
                line.append(' ').append(variable).append('=').append(ShellQuoting.quote(value)));
        // a name without a slash could be a builtin or a function of the script's: env finds the program
        String finder = parts.program().get(0).contains("/") ? "" : " env --";
        return line.append(" $T").append(finder).append(' ').append(ShellQuoting.quote(parts.program())).append(keep)
                .append("; else r ").append(index).append(" 126; fi\n").toString();
    }

    /** A quarter of the limit, between 0.1 s and 1 s: kills come at most one tick late. */
    private static Duration tick(Duration each) {
        long millis = Math.min(1000, Math.max(100, each.toMillis() / 4));
        return Duration.ofMillis(millis);
    }
}
