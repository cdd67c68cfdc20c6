package dev.cascade.aggregation.rollup.engine;

/**
 * An input of a batch failed with an unexpected exception. The inputs of the batch that could be applied were; the
 * binding retries this one with back-off and, if it keeps failing, sends it alone to its dead-letter topic.
 */
public class InputFailedException extends RuntimeException {

    private final int index;

    InputFailedException(int index, String input, RuntimeException cause) {
        super("input #" + index + " of the batch (" + input + ") failed: " + cause.getMessage(), cause);
        this.index = index;
    }

    /** Its position in the batch it was delivered in. */
    public int index() {
        return index;
    }
}
