package dev.cascade.plan.plans;

import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.platform.kafka.ConsumerHealth;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.tracing.TraceParents;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A plan the broker refuses stays pending, visibly: named with its refusal by health component publication. */
class PlanPublicationTest {

    private final PlanStore store = mock(PlanStore.class);
    private final EventProducer producer = mock(EventProducer.class);
    private final PlanPublication publication = new PlanPublication(store, producer,
            new OutboxEvents(JsonMapper.builder().build(), mock(TraceParents.class)));

    @Test
    void aRefusedPlanIsShownByHealthUntilASendGoesThrough() {
        Plan issued = PlanControllerTest.draft().issue(PlanControllerTest.draft().periods(), List.of(), List.of(),
                Instant.parse("2024-12-01T00:00:00Z"), "planner-30");
        RecordTooLargeException tooLarge = new RecordTooLargeException("The message is 3259139 bytes when "
                + "serialized which is larger than 1048576, the value of max.request.size");
        when(producer.sendAll(anyList())).thenReturn(new EventProducer.Acks(List.of(false), tooLarge));

        assertThat(publication.publish(issued).published()).isFalse();
        verify(store, never()).markPublished(issued.planId(), issued.version());
        assertThat(publication.failing()).containsOnlyKeys(issued.planId());
        assertThat(publication.failing().get(issued.planId()).error()).contains("larger than 1048576");

        // within unhealthy-after: UP, the plan already named; beyond it: DEGRADED
        var within = new PublicationHealth(publication, Duration.ofHours(1)).health();
        assertThat(within.getStatus()).isEqualTo(Status.UP);
        assertThat(within.getDetails()).containsEntry("plansNotPublished", 1).containsKey(issued.planId());
        assertThat(new PublicationHealth(publication, Duration.ZERO.minusSeconds(1)).health().getStatus())
                .isEqualTo(ConsumerHealth.DEGRADED);

        when(producer.sendAll(anyList())).thenReturn(new EventProducer.Acks(List.of(true), null));
        assertThat(publication.publish(issued).published()).isTrue();
        verify(store).markPublished(issued.planId(), issued.version());
        assertThat(publication.failing()).isEmpty();
        var after = new PublicationHealth(publication, Duration.ZERO.minusSeconds(1)).health();
        assertThat(after.getStatus()).isEqualTo(Status.UP);
        assertThat(after.getDetails()).containsEntry("plansNotPublished", 0);
    }
}
