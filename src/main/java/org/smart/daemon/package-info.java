/**
 * The SMART daemon: checks every service on its own schedule, notices a dead process the moment it
 * exits, repairs what RECOVER covers within the restart guard's limits, keeps quiet about flapping
 * services and dependents of broken parents, notifies through every channel, and keeps its state on
 * disk so that a crash or restart loses nothing.
 *
 * <p>{@link org.smart.daemon.Supervisor} makes every decision, on plain values and an injected clock;
 * {@link org.smart.daemon.Daemon} runs it: the scheduler thread, the bounded check and restart pools,
 * the process watcher, the notification lanes and the housekeeping that saves state and takes
 * operator requests.
 */
package org.smart.daemon;
