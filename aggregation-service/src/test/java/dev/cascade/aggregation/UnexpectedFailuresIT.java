package dev.cascade.aggregation;

import dev.cascade.platform.test.PoisonRecords;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * On aggregation-service's units and plans bindings (units in batches kept in bulk, plans one record at a time; the
 * reports and roll-ups batch bindings are covered by AggregationFlowIT), a record that throws an unexpected exception
 * is retried a bounded number of times and then dead-lettered alone within a minute with the reason in a header, and
 * the records around it are applied. The failure is injected with a spy on the component the record reaches.
 */
@TestPropertySource(properties = {
        "spring.mongodb.database=cascade-aggregation-unexpected-test",
        "cascade.aggregation.retry.max-attempts=3",
        "cascade.aggregation.retry.max-interval-ms=200"})
class UnexpectedFailuresIT extends AggregationServiceTestSupport {

    @Autowired
    UnitCopies units;
    @Autowired
    PlanCopies plans;
    @MockitoSpyBean
    UnitIntake unitIntake;
    @MockitoSpyBean
    PlanIntake planIntake;

    @Override
    List<String> watchedTopics() {
        return List.of(Topics.deadLetter(Topics.UNITS), Topics.deadLetter(Topics.PLANS));
    }

    @Test
    void aUnitThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        // the poison fails the bulk write of any batch it is in, and then itself when the batch is applied unit by unit
        doThrow(PoisonRecords.unexpected()).when(unitIntake).acceptAll(argThat((List<UnitUpserted> batch) ->
                batch != null && batch.stream().anyMatch(u -> u.code().equals("10898"))));
        doThrow(PoisonRecords.unexpected()).when(unitIntake)
                .accept(argThat((UnitUpserted u) -> u != null && u.code().equals("10898")));
        for (String code : List.of("10897", "10898", "10899")) {
            kafka.send(Topics.UNITS, code, EventTypes.UNIT_UPSERTED, json.writeValueAsBytes(new UnitUpserted(code,
                    List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Xã " + code, "Xã",
                            UnitLevel.COMMUNE, "294")), 1)));
        }

        ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.UNITS, "10898");
        assertThat(KafkaTopicProbe.header(dead, "x-exception-message"))
                .isEqualTo(PoisonRecords.REASON);
        PoisonRecords.assertAppliedAroundThePoison(units::find, "10897", "10898", "10899");
    }

    @Test
    void aPlanThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        PlanIssued golden = json.readValue(GoldenFiles.read(EventTypes.PLAN_ISSUED), PlanIssued.class);
        PlanIssued poison = withId(golden, "KH-POISON");
        doThrow(PoisonRecords.unexpected()).when(planIntake)
                .accept(argThat((PlanIssued p) -> p != null && p.planId().equals(poison.planId())));
        for (PlanIssued plan : List.of(withId(golden, "KH-BEFORE"), poison, withId(golden, "KH-AFTER"))) {
            kafka.send(Topics.PLANS, plan.planId(), EventTypes.PLAN_ISSUED, json.writeValueAsBytes(plan));
        }

        awaitDeadLetter(Topics.PLANS, poison.planId());
        await().atMost(Duration.ofSeconds(30)).until(() -> planIds().contains("KH-AFTER"));
        assertThat(planIds()).contains("KH-BEFORE").doesNotContain("KH-POISON");
    }

    private List<String> planIds() {
        return plans.issuedBy("HD-GDNN-ANNUAL", "30", LocalDate.of(2024, 12, 14)).stream().map(p -> p.planId())
                .toList();
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
