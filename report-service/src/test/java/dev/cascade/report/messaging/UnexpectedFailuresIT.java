package dev.cascade.report.messaging;

import dev.cascade.platform.test.PoisonRecords;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.TopicRecorder;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.Duration;
import java.util.List;

import static dev.cascade.report.TopicRecorder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * A record that throws an unexpected exception in the service (not a parse failure) on each input topic is retried
 * a bounded number of times and then dead-lettered alone within a minute; the records around it are applied. The
 * failure is injected into the real consumer path with a spy on the component the record reaches.
 */
class UnexpectedFailuresIT extends ReportServiceTestSupport {

    @MockitoSpyBean
    Units units;
    @MockitoSpyBean
    Programmes programmes;
    @Autowired
    dev.cascade.report.obligation.Obligations obligationStore;

    @Test
    void aUnitThatFailsUnexpectedlyIsDeadLetteredAloneAndTheUnitsAroundItAreApplied() {
        doThrow(PoisonRecords.unexpected()).when(units)
                .upsert(argThat((UnitUpserted u) -> u != null && u.code().equals("10898")));

        publishUnit(TestData.commune("10897", "Xã Trước", "294"));
        publishUnit(TestData.commune("10898", "Xã Hỏng", "294"));
        publishUnit(TestData.commune("10899", "Xã Sau", "294"));

        await().atMost(Duration.ofMinutes(1)).until(() -> deadLetters().records(r -> "10898".equals(r.key()))
                .size() == 1);
        assertThat(header(deadLetters().records(r -> "10898".equals(r.key())).get(0), "x-exception-message"))
                .isEqualTo(PoisonRecords.REASON);
        PoisonRecords.assertAppliedAroundThePoison(units::find, "10897", "10898", "10899");
    }

    @Test
    void aPlanThatFailsUnexpectedlyIsDeadLetteredAloneAndThePlansAroundItAreApplied() {
        at(START);
        unitsKnown();
        PlanIssued before = TestData.plan("BEFORE-POISON", List.of("10813"), TestData.annual(2024));
        PlanIssued poison = TestData.plan("POISON", List.of("10813"), TestData.annual(2024));
        PlanIssued after = TestData.plan("AFTER-POISON", List.of("10813"), TestData.annual(2024));
        doThrow(PoisonRecords.unexpected()).when(programmes)
                .record(argThat((PlanIssued p) -> p != null && p.planId().equals(poison.planId())));
        TopicRecorder plansDlq = new TopicRecorder(broker, Topics.deadLetter(Topics.PLANS));
        try {
            issue(before);
            issue(poison);
            issue(after);

            await().atMost(Duration.ofMinutes(1)).until(() -> plansDlq.records(r -> poison.planId().equals(r.key()))
                    .size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> obligationStore.find(
                    dev.cascade.report.obligation.Obligation.idOf("AFTER-POISON", "2024", "10813")).isPresent());
            assertThat(obligationStore.find(dev.cascade.report.obligation.Obligation.idOf("BEFORE-POISON", "2024",
                    "10813"))).isPresent();
            assertThat(programmes.find("POISON")).isEmpty();
            assertThat(header(plansDlq.records(r -> poison.planId().equals(r.key())).get(0), "ce_type"))
                    .isEqualTo(EventTypes.PLAN_ISSUED);
        } finally {
            plansDlq.close();
        }
    }
}
