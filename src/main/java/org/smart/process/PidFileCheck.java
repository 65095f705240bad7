package org.smart.process;

/**
 * The verdict on one pid file.
 *
 * @param pid    the pid the file holds, or 0 when it holds none (not defined, missing, invalid)
 * @param detail one line for the operator saying what was found, e.g. {@code pid 1234 is 'bash', not 'sshd'}
 */
public record PidFileCheck(PidFileState state, int pid, String detail) {

    public boolean isCorrect() {
        return state == PidFileState.CORRECT;
    }
}
