package org.smart.process;

/** Where process snapshots come from: {@link ProcFs} on a real machine. */
@FunctionalInterface
public interface ProcessSource {

    /** The processes running now; a process that exits while it is read is left out. */
    ProcessTable snapshot();
}
