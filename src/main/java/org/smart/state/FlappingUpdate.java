package org.smart.state;

/**
 * The outcome of recording one result: the history to keep and what changed.
 *
 * @param history    the new history (persist it)
 * @param percent    the flapping value after this result
 * @param transition whether flapping started or ended with this result
 */
public record FlappingUpdate(FlappingHistory history, double percent, FlappingTransition transition) {

    public boolean flapping() {
        return history.flapping();
    }
}
