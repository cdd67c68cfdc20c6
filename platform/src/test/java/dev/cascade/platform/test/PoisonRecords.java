package dev.cascade.platform.test;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the services' tests of unexpected failures share: a spy throws {@link #unexpected()} for one record, the
 * poison, among records sent before and after it; the poison must be dead-lettered alone with {@link #REASON} in its
 * {@code x-exception-message} header, and the records around it applied.
 */
public final class PoisonRecords {

    /** The {@code x-exception-message} of the poison's dead letter. */
    public static final String REASON = "IllegalStateException: unexpected (test)";

    private PoisonRecords() {
    }

    /** The exception the spy throws for the poison. */
    public static IllegalStateException unexpected() {
        return new IllegalStateException("unexpected (test)");
    }

    /**
     * Waits until the record sent after the poison is applied ({@code find} gives what was applied under a key),
     * then asserts that the one sent before it is applied and the poison is not.
     */
    public static void assertAppliedAroundThePoison(Function<String, Optional<?>> find, String before, String poison,
                                                    String after) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find.apply(after).isPresent());
        assertThat(find.apply(before)).isPresent();
        assertThat(find.apply(poison)).isEmpty();
    }
}
