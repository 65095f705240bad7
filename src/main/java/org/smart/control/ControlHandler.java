package org.smart.control;

/** Carries out one request; may take as long as the command (a restart: up to its start timeout). */
@FunctionalInterface
public interface ControlHandler {

    ControlReply handle(ControlRequest request, Caller caller);
}
