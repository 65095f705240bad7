package org.smart.ssh;

import java.time.Duration;
import org.smart.ssh.ChannelRun.End;

/** Turns how a one-command channel ended into a {@link RemoteResult}. */
final class SingleOutcome {

    private SingleOutcome() {
    }

    /**
     * @param timeout the command's limit
     * @param host    the host's name, for the TIMED_OUT reason
     */
    static RemoteResult of(End end, CappedBuffer out, CappedBuffer err, Duration timeout, String host) {
        String late = "did not finish within " + SshConnection.seconds(timeout) + " on host " + host;
        if (end.notConnected() != null) {
            return RemoteResult.connectionFailed(end.notConnected(), end.elapsed());
        }
        boolean truncated = out.truncated() || err.truncated();
        if (end.exitStatus() != null) {
            int status = end.exitStatus();
            if (RemoteInvocation.isTimeoutStatus(status) && end.elapsed().compareTo(timeout) >= 0) {
                return RemoteResult.timedOut(out.text(), err.text(), truncated, end.elapsed(),
                        late + "; killed with its process group");
            }
            return RemoteResult.completed(status, out.text(), err.text(), truncated, end.elapsed());
        }
        if (end.exitSignal() != null) {
            return RemoteResult.channelFailed("remote command was killed by signal " + end.exitSignal(),
                    err.text(), end.elapsed());
        }
        if (end.backstopFired()) {
            return RemoteResult.timedOut(out.text(), err.text(), truncated, end.elapsed(),
                    late + " and the remote side stopped answering; channel closed");
        }
        if (end.connectionLoss() != null) {
            return RemoteResult.connectionFailed(end.connectionLoss(), end.elapsed());
        }
        if (end.openFailure() != null) {
            return RemoteResult.channelFailed("the server refused a channel: " + end.openFailure(), err.text(),
                    end.elapsed());
        }
        return RemoteResult.channelFailed("the server closed the channel without an exit status", err.text(),
                end.elapsed());
    }
}
