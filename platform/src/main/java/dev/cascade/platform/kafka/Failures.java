package dev.cascade.platform.kafka;

import java.util.Set;

/**
 * Tells a failure of the service's surroundings (the store or the broker away or too slow) from a failure of one
 * record. The first is retried for as long as it lasts, since dead-lettering a good record because MongoDB was down
 * would lose it; the second is retried a bounded number of times and then dead-lettered, so that it never holds back
 * the records after it.
 */
public final class Failures {

    /** Exception types, by name so that no driver is needed on the class path, that mean "the surroundings failed". */
    private static final Set<String> INFRASTRUCTURE = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.RecoverableDataAccessException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "java.net.ConnectException",
            "java.net.SocketTimeoutException");

    private static final int MAX_REASON = 500;

    private Failures() {
    }

    /** Whether {@code error}, or any of its causes, is a failure of the store or the broker rather than of a record. */
    public static boolean isInfrastructure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (INFRASTRUCTURE.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code error}, or any of its causes, says "not yet" ({@link RetryLater}). */
    public static boolean isRetryLater(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryLater) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's type and message, cut to 500 characters: what a health page or a header may show. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
