package org.smart.action;

import java.io.IOException;
import org.smart.process.DetachedCommand;

/** Starts a service's start command detached (new session, no descriptors of SMART's), here or on a remote host. */
@FunctionalInterface
public interface ServiceLauncher {

    /**
     * Starts the command and returns at once.
     *
     * @throws IOException when it cannot be started at all, with the reason
     */
    StartedCommand launch(DetachedCommand command) throws IOException;
}
