package org.smart.state;

/** What one recorded result did to a service's flapping state. */
public enum FlappingTransition {
    NONE, STARTED, ENDED
}
