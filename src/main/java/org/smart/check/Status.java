package org.smart.check;

/**
 * The original SMART's five statuses, as its article defines them, with one addition: status 2 also
 * takes a Nagios plugin's WARNING, which is a responding service in a degraded state too.
 */
public enum Status {
    /** Responding in time, process count within bounds, pid file correct or not defined. */
    OK(0, State.OK),
    /** Responding, count within bounds, but the defined pid file is missing or wrong. */
    PID_FILE_WRONG(1, State.OK),
    /**
     * Responding, but degraded: the process count is outside its bounds (an overloaded but working
     * server), or its plugin said WARNING.
     */
    DEGRADED(2, State.WARN),
    /** Count outside its bounds and no tool to check whether the service works. */
    NOT_RUNNING(3, State.DOWN),
    /** Not responding within the defined time. */
    NOT_RESPONDING(4, State.DOWN);

    private final int code;
    private final State state;

    Status(int code, State state) {
        this.code = code;
        this.state = state;
    }

    public int code() {
        return code;
    }

    public State state() {
        return state;
    }

    public static Status ofCode(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be 0-4, not " + code);
    }
}
