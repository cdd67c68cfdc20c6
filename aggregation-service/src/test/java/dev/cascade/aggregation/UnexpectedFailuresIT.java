package dev.cascade.aggregation;

import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitIntake;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.PlanIntake;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.GoldenFiles;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * On aggregation-service's record bindings (units and plans; the batch bindings are covered by AggregationFlowIT),
 * a record that throws an unexpected exception is retried a bounded number of times and then dead-lettered alone
 * within a minute with the reason in a header, and the records around it are applied. The failure is injected with
 * a spy on the component the record reaches.
 */
@SpringBootTest(properties = {
        "spring.config.name=aggregation-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.mongodb.database=cascade-aggregation-unexpected-test",
        "cascade.aggregation.retry.max-attempts=3",
        "cascade.aggregation.retry.initial-interval-ms=100",
        "cascade.aggregation.retry.max-interval-ms=200"})
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1", "cascade.reports.v1",
        "cascade.rollup.v1", "cascade.aggregates.v1", "cascade.units.v1.dlq", "cascade.plans.v1.dlq"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedStore
class UnexpectedFailuresIT {

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JsonMapper json;
    @Autowired
    UnitCopies units;
    @Autowired
    PlanCopies plans;
    @MockitoSpyBean
    UnitIntake unitIntake;
    @MockitoSpyBean
    PlanIntake planIntake;

    KafkaTopicProbe kafka;

    @BeforeAll
    void connect() {
        kafka = new KafkaTopicProbe(broker.getBrokersAsString(),
                List.of(Topics.deadLetter(Topics.UNITS), Topics.deadLetter(Topics.PLANS)));
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    void aUnitThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        doThrow(new IllegalStateException("unexpected (test)")).when(unitIntake)
                .accept(argThat((UnitUpserted u) -> u != null && u.code().equals("10898")));
        for (String code : List.of("10897", "10898", "10899")) {
            kafka.send(Topics.UNITS, code, EventTypes.UNIT_UPSERTED, json.writeValueAsBytes(new UnitUpserted(code,
                    List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Xã " + code, "Xã",
                            UnitLevel.COMMUNE, "294")), 1)));
        }

        ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.UNITS, "10898");
        assertThat(KafkaTopicProbe.header(dead, "x-exception-message"))
                .isEqualTo("IllegalStateException: unexpected (test)");
        await().atMost(Duration.ofSeconds(30)).until(() -> units.find("10899").isPresent());
        assertThat(units.find("10897")).isPresent();
        assertThat(units.find("10898")).isEmpty();
    }

    @Test
    void aPlanThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        PlanIssued golden = json.readValue(GoldenFiles.read(EventTypes.PLAN_ISSUED), PlanIssued.class);
        PlanIssued before = withId(golden, "KH-BEFORE");
        PlanIssued poison = withId(golden, "KH-POISON");
        PlanIssued after = withId(golden, "KH-AFTER");
        doThrow(new IllegalStateException("unexpected (test)")).when(planIntake)
                .accept(argThat((PlanIssued p) -> p != null && p.planId().equals(poison.planId())));
        for (PlanIssued plan : List.of(before, poison, after)) {
            kafka.send(Topics.PLANS, plan.planId(), EventTypes.PLAN_ISSUED, json.writeValueAsBytes(plan));
        }

        awaitDeadLetter(Topics.PLANS, poison.planId());
        await().atMost(Duration.ofSeconds(30)).until(() -> planIds().contains("KH-AFTER"));
        assertThat(planIds()).contains("KH-BEFORE").doesNotContain("KH-POISON");
    }

    private List<String> planIds() {
        return plans.issuedBy("30").stream().map(p -> p.planId()).toList();
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> kafka.poll().stream()
                .filter(r -> r.topic().equals(Topics.deadLetter(topic)) && key.equals(r.key())).findFirst()
                .orElse(null), Objects::nonNull);
    }

    /** The golden plan under another id, naming no reporting unit (so that no unit has to be known first). */
    private static PlanIssued withId(PlanIssued plan, String planId) {
        return new PlanIssued(planId, plan.number(), plan.title(), plan.issuerUnitCode(), plan.issueDate(),
                plan.basis(), plan.horizonStart(), plan.horizonEnd(), plan.targets(), plan.tasks(), plan.programme(),
                List.of(), plan.version());
    }
}
