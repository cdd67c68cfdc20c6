package dev.cascade.platform.kafka;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CloudEventReaderTest {

    private final CloudEventReader reader = new CloudEventReader(JsonMapper.builder().build());
    private final List<PlanIssued> issued = new ArrayList<>();
    private final List<PlanRevoked> revoked = new ArrayList<>();
    private final Consumer<Message<byte[]>> plans = reader.plans(issued::add, revoked::add);

    @Test
    void issuedAndAmendedPlansGoToTheFirstHandlerWithTheirPayload() {
        String plan = "{\"planId\":\"KH-1\",\"horizonStart\":2023,\"horizonEnd\":2025,";
        plans.accept(event(EventTypes.PLAN_ISSUED, plan + "\"version\":1}"));
        plans.accept(event(EventTypes.PLAN_AMENDED, plan + "\"version\":2,\"unknownLater\":true}"));

        assertThat(issued).extracting(PlanIssued::planId, PlanIssued::version)
                .containsExactly(tuple("KH-1", 1L), tuple("KH-1", 2L));
        assertThat(revoked).isEmpty();
    }

    @Test
    void aRevocationGoesToTheSecondHandler() {
        plans.accept(event(EventTypes.PLAN_REVOKED,
                "{\"planId\":\"KH-1\",\"issuerUnitCode\":\"294\",\"revokedOn\":\"2025-03-01\",\"version\":3}"));

        assertThat(revoked).containsExactly(new PlanRevoked("KH-1", "294", LocalDate.of(2025, 3, 1), null, null, 3));
        assertThat(issued).isEmpty();
    }

    @Test
    void anyOtherTypeOnThePlansTopicIsSkippedUnread() {
        plans.accept(event("cascade.plan.drafted", "not even json"));
        plans.accept(MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(issued).isEmpty();
        assertThat(revoked).isEmpty();
    }

    private static Message<byte[]> event(String type, String json) {
        return MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, type).build();
    }
}
