package dev.cascade.notification.inbox;

/** One more inbox stream would pass a cap of {@link InboxLimits}: refused with 429, nothing subscribed. */
public class StreamLimitReached extends RuntimeException {

    private final boolean perUser;
    private final int limit;

    StreamLimitReached(boolean perUser, int limit) {
        super(perUser ? "this user has " + limit + " inbox streams open already (at most " + limit + ")"
                : "this service has " + limit + " inbox streams open already (at most " + limit + ")");
        this.perUser = perUser;
        this.limit = limit;
    }

    /** Whether the user's cap was reached (else the service's). */
    public boolean perUser() {
        return perUser;
    }

    public int limit() {
        return limit;
    }
}
