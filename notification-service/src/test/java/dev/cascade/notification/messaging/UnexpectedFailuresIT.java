package dev.cascade.notification.messaging;

import dev.cascade.platform.test.PoisonRecords;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.ReportingSeason;
import dev.cascade.notification.obligation.ObligationTracker;
import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.notification.unit.UnitDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * On each of notification-service's input topics, a record that throws an unexpected exception (not a parse failure)
 * is retried a bounded number of times and then dead-lettered alone within a minute, with the reason in a header;
 * the records before and after it are applied. The failure is injected with a spy on the component the record reaches.
 */
class UnexpectedFailuresIT extends NotificationServiceTestSupport {

    @MockitoSpyBean
    UnitDirectory units;
    @MockitoSpyBean
    ProgrammeCatalog programmes;
    @MockitoSpyBean
    ObligationTracker tracker;

    @Test
    void aUnitThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        doThrow(PoisonRecords.unexpected()).when(units)
                .apply(argThat((UnitUpserted u) -> u != null && u.code().equals("10898")));
        for (String code : List.of("10897", "10898", "10899")) {
            UnitUpserted unit = ReportingSeason.units(Map.of(code, "Xã " + code)).stream()
                    .filter(u -> u.code().equals(code)).findFirst().orElseThrow();
            publish(Topics.UNITS, unit.code(), EventTypes.UNIT_UPSERTED, unit);
        }

        ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.UNITS, "10898");
        assertThat(header(dead, "x-exception-message")).isEqualTo(PoisonRecords.REASON);
        PoisonRecords.assertAppliedAroundThePoison(units::find, "10897", "10898", "10899");
    }

    @Test
    void aPlanThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        PlanIssued golden = ReportingSeason.plan(List.of("10825"));
        PlanIssued before = withProgramme(golden, "BEFORE-POISON");
        PlanIssued poison = withProgramme(golden, "POISON");
        PlanIssued after = withProgramme(golden, "AFTER-POISON");
        doThrow(PoisonRecords.unexpected()).when(programmes)
                .apply(argThat((PlanIssued p) -> p != null && p.planId().equals(poison.planId())));
        for (PlanIssued plan : List.of(before, poison, after)) {
            publish(Topics.PLANS, plan.planId(), EventTypes.PLAN_ISSUED, plan);
        }

        awaitDeadLetter(Topics.PLANS, poison.planId());
        PoisonRecords.assertAppliedAroundThePoison(programmes::find, "BEFORE-POISON", "POISON", "AFTER-POISON");
    }

    @Test
    void anObligationThatFailsIsDeadLetteredAloneAndTheOthersAreApplied() {
        clockAt("2024-12-01T08:00:00+07:00");
        ObligationOpened before = ReportingSeason.opened("10897");
        ObligationOpened poison = ReportingSeason.opened("10898");
        ObligationOpened after = ReportingSeason.opened("10899");
        doThrow(PoisonRecords.unexpected()).when(tracker).changeOf(argThat(event -> event instanceof ObligationOpened o
                && o.obligationId().equals(poison.obligationId())));
        for (ObligationOpened opened : List.of(before, poison, after)) {
            publish(Topics.OBLIGATIONS, opened.unitCode(), EventTypes.OBLIGATION_OPENED, opened);
        }

        awaitDeadLetter(Topics.OBLIGATIONS, "10898");
        PoisonRecords.assertAppliedAroundThePoison(obligations::find, before.obligationId(), poison.obligationId(),
                after.obligationId());
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> records(Topics.deadLetter(topic)).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElse(null), Objects::nonNull);
    }

    private static PlanIssued withProgramme(PlanIssued plan, String code) {
        ReportingProgramme programme = plan.programme();
        return new PlanIssued("KH-" + code, plan.number(), plan.title(), plan.issuerUnitCode(), plan.issueDate(),
                plan.basis(), plan.horizonStart(), plan.horizonEnd(), plan.targets(), plan.tasks(),
                new ReportingProgramme(code, programme.title(), programme.frequency(), programme.dataForm(),
                        programme.outline(), programme.periods()), plan.reportingUnits(), plan.version());
    }
}
