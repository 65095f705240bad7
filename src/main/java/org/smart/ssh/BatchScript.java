package org.smart.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The POSIX sh script that runs a batch of commands on one channel. Each command runs under its own
 * {@code timeout}; its merged output and exit status are captured by a command substitution (one fork, no
 * extra exec) and printed length-prefixed after a header line:
 *
 * <pre>TOKEN INDEX STATUS LENGTH\n&lt;LENGTH bytes of output&gt;\n</pre>
 *
 * The reader takes exactly LENGTH bytes, so nothing a command prints can pass for a header; the random
 * per-batch token (sent on stdin, never on a command line) also catches any loss of step.
 *
 * @param token random per batch
 * @param limit the whole batch's remote limit: every command's timeout and kill grace, plus a second
 * @param bytes the script
 */
record BatchScript(String token, Duration limit, byte[] bytes) {

    private static final String RUN_ONE = """
            r() {
              i=$1; t=$2; shift 2
              o=$(timeout -k %s "$t" "$@" </dev/null 2>&1; echo ".$?")
              c=${o##*.}
              o=${o%%.*}
              printf '%%s %%s %%s %%s\\n%%s\\n' "$B" "$i" "$c" "${#o}" "$o"
            }
            """;

    static BatchScript of(List<RemoteCommand> commands, Duration each, String token) {
        String seconds = RemoteInvocation.seconds(each);
        StringBuilder script = new StringBuilder("B=").append(token).append('\n')
                .append(RUN_ONE.formatted(RemoteInvocation.seconds(RemoteInvocation.KILL_GRACE)));
        for (int i = 0; i < commands.size(); i++) {
            script.append("r ").append(i).append(' ').append(seconds).append(' ')
                    .append(commands.get(i).quoted()).append('\n');
        }
        Duration limit = each.plus(RemoteInvocation.KILL_GRACE).multipliedBy(commands.size()).plusSeconds(1);
        return new BatchScript(token, limit, script.toString().getBytes(StandardCharsets.UTF_8));
    }
}
