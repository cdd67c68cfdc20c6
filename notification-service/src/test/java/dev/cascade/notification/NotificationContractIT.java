package dev.cascade.notification;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.GoldenFiles;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.obligation.Reminder;
import dev.cascade.notification.obligation.ReminderKind;
import dev.cascade.notification.obligation.ReminderState;
import dev.cascade.notification.obligation.TrackedObligation;
import dev.cascade.notification.unit.UnitCopy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract on real JSON: the golden events of other services fed to this service's own consumers, and the
 * NotificationSent this service publishes compared with its golden.
 */
class NotificationContractIT extends NotificationServiceTestSupport {

    static final String RECIPIENT = "vanthu.thitranthanhha@haiduong.gov.vn";
    static final String OBLIGATION = "HD-GDNN-ANNUAL|2024|10813";

    @Autowired
    @Qualifier("unitEvents")
    Consumer<Message<byte[]>> unitEvents;
    @Autowired
    @Qualifier("obligationEvents")
    Consumer<Message<List<byte[]>>> obligationEvents;
    @Autowired
    dev.cascade.notification.programme.ProgrammeCatalog programmes;
    @Autowired
    org.springframework.context.ApplicationContext context;

    static Message<byte[]> golden(String type) {
        return MessageBuilder.withPayload(GoldenFiles.read(type).getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, type).build();
    }

    /** The golden events of {@code types} as one batch, as a batch binding hands a poll's records over. */
    static Message<List<byte[]>> goldens(String... types) {
        return MessageBuilder.withPayload(Stream.of(types)
                        .map(type -> GoldenFiles.read(type).getBytes(StandardCharsets.UTF_8)).toList())
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, Stream.of(types)
                        .map(type -> Map.<String, Object>of(CloudEventHeaders.TYPE, type)).toList())
                .build();
    }

    @Test
    void planIssuedGoldenNamesTheProgrammeAndItsPeriodCutOff() {
        Consumer<Message<byte[]>> planEvents = context.getBean("planEvents", Consumer.class);
        planEvents.accept(golden(EventTypes.PLAN_ISSUED));

        assertThat(programmes.title("HD-GDNN-ANNUAL"))
                .isEqualTo("Báo cáo định kỳ hằng năm kết quả thực hiện Chỉ thị số 21-CT/TW về giáo dục nghề nghiệp");
        assertThat(programmes.placementDay("HD-GDNN-ANNUAL", "2024", LocalDate.MIN)).isEqualTo(LocalDate.of(2024, 12, 14));
        assertThat(programmes.title("UNKNOWN-PROGRAMME")).isEqualTo("UNKNOWN-PROGRAMME");
    }

    @Test
    void unitUpsertedGoldenBecomesTheUnitsCopyWithItsNamesBeforeAndAfterTheReform() {
        unitEvents.accept(golden(EventTypes.UNIT_UPSERTED));

        UnitCopy unit = units.find("10813").orElseThrow();
        assertThat(unit.version()).isEqualTo(2);
        assertThat(unit.nameOn(LocalDate.of(2024, 12, 5))).isEqualTo("Thị trấn Thanh Hà");
        assertThat(unit.placementOn(LocalDate.of(2024, 12, 5)).orElseThrow().parentCode()).isEqualTo("294");
        assertThat(unit.nameOn(LocalDate.of(2025, 12, 5))).isEqualTo("Xã Thanh Hà");
    }

    @Test
    void obligationGoldensDriveTheRemindersAndTheNotificationSentMatchesItsGolden() {
        clockAt("2024-12-02T08:00:00+07:00");
        unitEvents.accept(golden(EventTypes.UNIT_UPSERTED));
        contacts.setEmails("10813", List.of(new EmailAddress(RECIPIENT)));

        obligationEvents.accept(goldens(EventTypes.OBLIGATION_OPENED));

        TrackedObligation opened = obligations.find(OBLIGATION).orElseThrow();
        assertThat(opened.planId()).isEqualTo("KH-30-2023-2625");
        assertThat(opened.level()).isEqualTo(UnitLevel.COMMUNE);
        assertThat(opened.parentCode()).isEqualTo("294");
        assertThat(opened.deadline()).isEqualTo(LocalDate.of(2024, 12, 5));
        assertThat(opened.dueAt()).isEqualTo(Instant.parse("2024-12-05T17:00:00Z"));
        assertThat(opened.reminders()).extracting(Reminder::kind).containsExactly(
                ReminderKind.REMINDER_3_DAYS_BEFORE, ReminderKind.REMINDER_1_DAY_BEFORE,
                ReminderKind.REMINDER_DUE_TODAY, ReminderKind.OVERDUE_1_DAY, ReminderKind.ESCALATION_3_DAYS_OVERDUE);

        assertThat(reminders.dispatchDue()).isEqualTo(1);
        ConsumerRecord<String, String> sent = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .filter(r -> r.value().contains(RECIPIENT)).findFirst().orElse(null), r -> r != null);
        assertThat(sent.key()).isEqualTo("10813");
        assertThat(header(sent, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.NOTIFICATION_SENT);
        assertThat(header(sent, CloudEventHeaders.SOURCE)).isEqualTo("/cascade/notification-service");
        assertThat(header(sent, CloudEventHeaders.TIME)).isEqualTo("2024-12-02T01:00:00Z");
        GoldenFiles.assertMatches(EventTypes.NOTIFICATION_SENT, sent.value());

        obligationEvents.accept(goldens(EventTypes.OBLIGATION_FULFILLED));

        TrackedObligation fulfilled = obligations.find(OBLIGATION).orElseThrow();
        assertThat(fulfilled.fulfilled()).isTrue();
        assertThat(fulfilled.status()).isEqualTo(ObligationStatus.FULFILLED_ON_TIME);
        assertThat(fulfilled.reportId()).isEqualTo("6f1c2a8e-3b4d-4e5f-9a7b-1c2d3e4f5a6b");
        assertThat(fulfilled.fulfilledAt()).isEqualTo(Instant.parse("2024-12-04T02:15:00Z"));
        assertThat(fulfilled.reminders()).extracting(Reminder::state).containsExactly(ReminderState.SENT,
                ReminderState.CANCELLED, ReminderState.CANCELLED, ReminderState.CANCELLED, ReminderState.CANCELLED);
    }

    @Test
    void closedReopenedAndRescheduledGoldensAreReadAndAppliedByVersion() {
        clockAt("2024-12-02T08:00:00+07:00");
        String owed = "HD-GDNN-ANNUAL|2024|10507";

        obligationEvents.accept(goldens(EventTypes.OBLIGATION_RESCHEDULED));
        TrackedObligation moved = obligations.find(owed).orElseThrow();
        assertThat(moved.deadline()).isEqualTo(LocalDate.of(2024, 12, 12));
        assertThat(moved.version()).isEqualTo(2);
        assertThat(moved.owed()).isTrue();
        assertThat(moved.parentCode()).isEqualTo("288");

        obligationEvents.accept(goldens(EventTypes.OBLIGATION_REOPENED, EventTypes.OBLIGATION_RESCHEDULED));
        TrackedObligation reopened = obligations.find(owed).orElseThrow();
        assertThat(reopened.version()).as("the rescheduling (version 2) again after the reopening (3)").isEqualTo(3);
        assertThat(reopened.deadline()).isEqualTo(LocalDate.of(2024, 12, 5));
        assertThat(reopened.dueAt()).isEqualTo(Instant.parse("2024-12-05T17:00:00Z"));
        assertThat(reopened.status()).isEqualTo(ObligationStatus.OPEN);
        assertThat(reopened.reminders()).extracting(Reminder::kind).containsExactly(
                ReminderKind.REMINDER_3_DAYS_BEFORE, ReminderKind.REMINDER_1_DAY_BEFORE,
                ReminderKind.REMINDER_DUE_TODAY, ReminderKind.OVERDUE_1_DAY, ReminderKind.ESCALATION_3_DAYS_OVERDUE);

        obligationEvents.accept(goldens(EventTypes.OBLIGATION_CLOSED));
        TrackedObligation closed = obligations.find("HD-GDNN-ANNUAL|2025|10507").orElseThrow();
        assertThat(closed.closed()).isTrue();
        assertThat(closed.status()).isEqualTo(ObligationStatus.CLOSED);
        assertThat(closed.closureReason()).isEqualTo(dev.cascade.contracts.events.ClosureReason.NO_LONGER_REQUIRED);
        assertThat(closed.planId()).isEqualTo("KH-30-2023-2625");
        assertThat(closed.closedAt()).isEqualTo(Instant.parse("2025-03-12T03:00:00Z"));
        assertThat(closed.version()).isEqualTo(2);
    }

    @Test
    void planRevokedGoldenIsKeptAsARevokedPlan() {
        Consumer<Message<byte[]>> planEvents = context.getBean("planEvents", Consumer.class);
        planEvents.accept(golden(EventTypes.PLAN_REVOKED));
        planEvents.accept(golden(EventTypes.PLAN_REVOKED));

        assertThat(programmes.revokedPlans()).containsExactly("KH-30-2023-55");
    }
}
