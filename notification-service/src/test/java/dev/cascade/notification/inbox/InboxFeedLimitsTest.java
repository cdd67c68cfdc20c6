package dev.cascade.notification.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** The caps of {@link InboxFeed}: per user, per instance, and the gauge of open streams. */
class InboxFeedLimitsTest {

    final MeterRegistry meters = new SimpleMeterRegistry();
    final InboxFeed feed = new InboxFeed(mock(Inbox.class), new InboxLimits(2, 3),
            new StaticListableBeanFactory(Map.of("meters", meters)).getBeanProvider(MeterRegistry.class));

    double gauge() {
        return meters.get("cascade.notifications.inbox.streams").gauge().value();
    }

    @Test
    void capsPerUserAndPerInstanceAndCountsOpenStreams() {
        Runnable a1 = feed.subscribe("a", item -> true, List.of());
        feed.subscribe("a", item -> true, List.of());
        assertThatThrownBy(() -> feed.subscribe("a", item -> true, List.of()))
                .isInstanceOfSatisfying(StreamLimitReached.class, e -> {
                    assertThat(e.perUser()).isTrue();
                    assertThat(e.limit()).isEqualTo(2);
                });
        feed.subscribe("b", item -> true, List.of());
        assertThat(gauge()).isEqualTo(3.0);
        assertThatThrownBy(() -> feed.subscribe("c", item -> true, List.of()))
                .isInstanceOfSatisfying(StreamLimitReached.class, e -> {
                    assertThat(e.perUser()).isFalse();
                    assertThat(e.limit()).isEqualTo(3);
                });
        assertThat(feed.openStreams("c")).isZero();

        a1.run();
        a1.run();
        assertThat(feed.openStreams()).as("closing twice counts once").isEqualTo(2);
        feed.subscribe("c", item -> true, List.of());
        assertThat(gauge()).isEqualTo(3.0);
    }

    @Test
    void aStreamThatFailsToSendIsDroppedAndFreesItsPlace() {
        feed.subscribe("a", item -> false, List.of());
        feed.subscribe("a", item -> true, List.of());
        feed.push("a", new InboxController.ItemView("n-1", "K", "u", null, null, "p", "2024", "s", "t",
                null, java.time.Instant.EPOCH, false, null));
        assertThat(feed.openStreams("a")).isEqualTo(1);
        assertThat(gauge()).isEqualTo(1.0);
    }
}
