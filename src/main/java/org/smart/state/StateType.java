package org.smart.state;

/**
 * Whether a state is confirmed. A problem is SOFT while it is being re-checked and becomes HARD
 * once it has been seen on {@code MAX_CHECK_ATTEMPTS} consecutive checks; OK is always HARD.
 */
public enum StateType {
    SOFT, HARD
}
