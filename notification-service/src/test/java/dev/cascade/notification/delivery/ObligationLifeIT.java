package dev.cascade.notification.delivery;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.inbox.Inbox;
import dev.cascade.notification.inbox.InboxItem;
import dev.cascade.notification.obligation.TrackedObligation;
import dev.cascade.notification.programme.ProgrammeCatalog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.cascade.notification.ReportingSeason.HCM;
import static dev.cascade.notification.ReportingSeason.PERIOD;
import static dev.cascade.notification.ReportingSeason.PROGRAMME;
import static dev.cascade.notification.ReportingSeason.TITLE;
import static dev.cascade.notification.ReportingSeason.at;
import static dev.cascade.notification.ReportingSeason.email;
import static dev.cascade.notification.ReportingSeason.obligationId;
import static dev.cascade.notification.ReportingSeason.plan;
import static dev.cascade.notification.ReportingSeason.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An obligation's life after its opening, as report-service publishes it on {@code cascade.obligations.v1} through
 * the real broker: closed, reopened, rescheduled, and its plan revoked. Each test walks the clock at 08:00 and 10:00
 * every day, runs both dispatchers as the schedule does, and asserts exactly the mail the SMTP server received (to
 * whom, what, when). District 294 (Huyện Thanh Hà) of province 30, deadline 10/12/2024, programme TH-GDNN-ANNUAL.
 */
class ObligationLifeIT extends NotificationServiceTestSupport {

    static final String CLOSED = "10813";
    static final String STAYS = "10816";
    static final String DISTRICT_OFFICE = "phong.ldtbxh@thanhha.haiduong.example";
    static final String PROVINCE_OFFICE = "so.ldtbxh@haiduong.example";
    static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);
    static final String REPORT = TITLE + " kỳ 2024 — hạn 10/12/2024";

    @Autowired
    ProgrammeCatalog programmes;
    @Autowired
    Inbox inbox;

    record Mail(String to, String subject, LocalDateTime sent) {
    }

    /** The units, the plan (for the programme's title), the contacts of two communes, the district and the province. */
    @BeforeEach
    void districtOfThanhHa() {
        clockAt("2024-12-01T09:00:00+07:00");
        Map<String, String> communes = new LinkedHashMap<>();
        communes.put(CLOSED, "Thị trấn Thanh Hà");
        communes.put(STAYS, "Xã Hồng Lạc");
        units(communes).forEach(units::apply);
        programmes.apply(plan(List.copyOf(communes.keySet())));
        communes.keySet().forEach(c -> contacts.setEmails(c, List.of(new EmailAddress(email(c)))));
        contacts.setEmails("294", List.of(new EmailAddress(DISTRICT_OFFICE)));
        contacts.setEmails("30", List.of(new EmailAddress(PROVINCE_OFFICE)));
    }

    static ObligationOpened opened(String commune, List<String> replaces, boolean partial) {
        return new ObligationOpened(obligationId(commune), "KH-294-2024", PROGRAMME, PERIOD, commune,
                UnitLevel.COMMUNE, "294", DEADLINE, dueAt(DEADLINE), 1, replaces, partial);
    }

    static Instant dueAt(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(HCM).toInstant();
    }

    static ObligationClosed closed(String commune, ClosureReason reason, long version) {
        return new ObligationClosed(obligationId(commune), "KH-294-2024", PROGRAMME, PERIOD, commune, "294", reason,
                ObligationStatus.OPEN, at("2024-12-04T10:00:00"), version);
    }

    static ObligationRescheduled rescheduled(String commune, LocalDate to, long version) {
        return new ObligationRescheduled(obligationId(commune), PROGRAMME, PERIOD, commune, "294", DEADLINE, to,
                dueAt(to), ObligationStatus.OPEN, at("2024-12-04T10:00:00"), version);
    }

    /** Publishes one event on the obligations topic (key: the unit) as report-service does. */
    void publishObligation(String commune, String type, Object event) {
        publish(Topics.OBLIGATIONS, commune, type, event);
    }

    /** Opens each commune's obligation as its own duty (it replaces no one) and waits until all are tracked. */
    void openOwnDuties(String... communes) {
        for (String commune : communes) {
            publishObligation(commune, EventTypes.OBLIGATION_OPENED, opened(commune, List.of(), false));
        }
        for (String commune : communes) {
            awaitObligation(commune, o -> true);
        }
    }

    TrackedObligation awaitObligation(String commune, Predicate<TrackedObligation> state) {
        return await().until(() -> obligations.find(obligationId(commune)).orElse(null), o -> o != null && state.test(o));
    }

    /**
     * Waits until every event published so far on the obligations topic has been consumed: one partition, so once a
     * marker obligation published after them is stored, they have all been applied (or dropped).
     */
    void awaitConsumed(String marker) {
        String id = "MARKER|2024|" + marker;
        publish(Topics.OBLIGATIONS, "99999", EventTypes.OBLIGATION_OPENED, new ObligationOpened(id, "KH-MARKER",
                "MARKER", "2024", "99999", UnitLevel.COMMUNE, null, LocalDate.of(2030, 1, 1), dueAt(LocalDate.of(2030,
                1, 1)), 1));
        await().until(() -> obligations.find(id).isPresent());
    }

    /** Walks the clock from {@code from} to {@code to} at 08:00 and 10:00, running {@code at} first, then both dispatchers. */
    void walk(String from, String to, Map<String, Runnable> at) {
        walk(LocalDate.parse(from), LocalDate.parse(to), List.of(LocalTime.of(8, 0), LocalTime.of(10, 0)),
                now -> at.getOrDefault(LocalDateTime.ofInstant(now, HCM).toString(), () -> { }).run());
    }

    static List<Mail> received() throws Exception {
        List<Mail> received = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            received.add(new Mail(message.getAllRecipients()[0].toString(), message.getSubject(),
                    LocalDateTime.ofInstant(message.getSentDate().toInstant(), HCM)));
        }
        return received;
    }

    static Mail reminder(String commune, String report, String status, String day) {
        String lead = status.startsWith("đã quá hạn") ? "[Cascade] Quá hạn báo cáo: " : "[Cascade] Nhắc hạn báo cáo: ";
        return new Mail(email(commune), lead + report + " (" + status + ")", LocalDate.parse(day).atTime(8, 0));
    }

    static Mail escalation(String commune, String name, String report, String day) {
        return new Mail(DISTRICT_OFFICE, "[Cascade] Đơn vị chưa gửi báo cáo: " + name + " (" + commune + ") — "
                + report + " (đã quá hạn 3 ngày)", LocalDate.parse(day).atTime(8, 0));
    }

    static Mail digest(String day, int missing, int of, String report, int daysLeft) {
        return digest(day, missing, of, report, daysLeft, LocalTime.of(8, 0));
    }

    static Mail digest(String day, int missing, int of, String report, int daysLeft, LocalTime sent) {
        LocalDate date = LocalDate.parse(day);
        return new Mail(PROVINCE_OFFICE, "[Cascade] Tổng hợp ngày %02d/%02d/2024: %d/%d đơn vị trực thuộc chưa gửi báo cáo %s (còn %d ngày)"
                .formatted(date.getDayOfMonth(), date.getMonthValue(), missing, of, report, daysLeft), date.atTime(sent));
    }

    /** Every reminder of an obligation left alone, from the 7-day one to the escalation. */
    static List<Mail> wholeSeason(String commune, String name) {
        return List.of(reminder(commune, REPORT, "còn 7 ngày", "2024-12-03"),
                reminder(commune, REPORT, "còn 3 ngày", "2024-12-07"),
                reminder(commune, REPORT, "còn 1 ngày", "2024-12-09"),
                reminder(commune, REPORT, "hạn cuối là hôm nay", "2024-12-10"),
                reminder(commune, REPORT, "đã quá hạn 1 ngày", "2024-12-11"),
                escalation(commune, name, REPORT, "2024-12-13"));
    }

    @Test
    void aClosedObligationGetsNoMoreRemindersNoEscalationAndNoLongerCountsInTheDigests() throws Exception {
        openOwnDuties(CLOSED, STAYS);

        walk("2024-12-02", "2024-12-14", Map.of(
                "2024-12-04T10:00", () -> {
                    publishObligation(CLOSED, EventTypes.OBLIGATION_CLOSED,
                            closed(CLOSED, ClosureReason.NO_LONGER_REQUIRED, 2));
                    awaitObligation(CLOSED, TrackedObligation::closed);
                },
                "2024-12-06T10:00", () -> { // redelivered closure, stale opening and reopening: nothing changes
                    publishObligation(CLOSED, EventTypes.OBLIGATION_CLOSED,
                            closed(CLOSED, ClosureReason.NO_LONGER_REQUIRED, 2));
                    publishObligation(CLOSED, EventTypes.OBLIGATION_OPENED, opened(CLOSED, List.of(), false));
                    publishObligation(CLOSED, EventTypes.OBLIGATION_REOPENED, new ObligationReopened(
                            obligationId(CLOSED), PROGRAMME, PERIOD, CLOSED, "294", "report-x", ObligationStatus.OPEN,
                            DEADLINE, dueAt(DEADLINE), at("2024-12-03T10:00:00"), 2));
                    awaitConsumed("closed");
                }));

        List<Mail> expected = new ArrayList<>(wholeSeason(STAYS, "Xã Hồng Lạc"));
        expected.add(reminder(CLOSED, REPORT, "còn 7 ngày", "2024-12-03"));
        expected.add(digest("2024-12-03", 2, 2, REPORT, 7));
        expected.add(digest("2024-12-04", 2, 2, REPORT, 6));
        for (int day = 5; day <= 9; day++) {
            expected.add(digest("2024-12-%02d".formatted(day), 1, 1, REPORT, 10 - day));
        }
        assertThat(received()).containsExactlyInAnyOrderElementsOf(expected);

        TrackedObligation closed = obligations.find(obligationId(CLOSED)).orElseThrow();
        assertThat(closed.status()).isEqualTo(ObligationStatus.CLOSED);
        assertThat(closed.closureReason()).isEqualTo(ClosureReason.NO_LONGER_REQUIRED);
        assertThat(closed.version()).isEqualTo(2);
        assertThat(closed.nextReminderAt()).isNull();
        assertThat(((String) mailTo(PROVINCE_OFFICE).get(2).getContent()).replace("\r\n", "\n"))
                .as("the digest of 5/12 lists the commune still owing only")
                .contains("  - Xã Hồng Lạc (mã 10816, Huyện Thanh Hà), hạn 10/12/2024\n").doesNotContain("10813");
    }

    @Test
    void aReopenedObligationGetsItsRemindersAgainWithoutTheOneSentBeforeItsReportAndSaysWhomItReplaces()
            throws Exception {
        contacts.set(CLOSED, List.of(new EmailAddress(email(CLOSED))), List.of(), List.of("reporter-10813"));
        publishObligation(CLOSED, EventTypes.OBLIGATION_OPENED, opened(CLOSED, List.of("10810", "10811"), true));
        awaitObligation(CLOSED, o -> true);

        ObligationFulfilled fulfilled = new ObligationFulfilled(obligationId(CLOSED), PROGRAMME, PERIOD, CLOSED,
                "report-1", ObligationStatus.FULFILLED_ON_TIME, at("2024-12-04T10:00:00"), 2);
        walk("2024-12-02", "2024-12-14", Map.of(
                "2024-12-04T10:00", () -> {
                    publishObligation(CLOSED, EventTypes.OBLIGATION_FULFILLED, fulfilled);
                    awaitObligation(CLOSED, TrackedObligation::fulfilled);
                },
                "2024-12-05T10:00", () -> {
                    publishObligation(CLOSED, EventTypes.OBLIGATION_REOPENED, new ObligationReopened(
                            obligationId(CLOSED), PROGRAMME, PERIOD, CLOSED, "294", "report-1", ObligationStatus.OPEN,
                            DEADLINE, dueAt(DEADLINE), at("2024-12-05T10:00:00"), 3));
                    awaitObligation(CLOSED, TrackedObligation::owed);
                },
                "2024-12-06T10:00", () -> { // the fulfilment redelivered after the reopening: stale
                    publishObligation(CLOSED, EventTypes.OBLIGATION_FULFILLED, fulfilled);
                    awaitConsumed("reopened");
                }));

        List<Mail> expected = new ArrayList<>(wholeSeason(CLOSED, "Thị trấn Thanh Hà"));
        expected.add(digest("2024-12-03", 1, 1, REPORT, 7));
        expected.add(digest("2024-12-04", 1, 1, REPORT, 6));
        // none at 08:00 on 5/12 (fulfilled then): the day's digest goes out once the obligation is owed again
        expected.add(digest("2024-12-05", 1, 1, REPORT, 5, LocalTime.of(10, 0)));
        for (int day = 6; day <= 9; day++) {
            expected.add(digest("2024-12-%02d".formatted(day), 1, 1, REPORT, 10 - day));
        }
        assertThat(received()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(subjectsTo(email(CLOSED))).filteredOn(s -> s.contains("còn 7 ngày")).hasSize(1);

        String threeDays = ((String) mailTo(email(CLOSED)).get(1).getContent()).replace("\r\n", "\n");
        assertThat(threeDays).contains("Hạn gửi báo cáo: 10/12/2024 (còn 3 ngày)\n    Báo cáo thay cho: 10810, 10811 (một phần)\n",
                "The report is owed in place of 10810, 10811 (in part: a partial merge).");
        List<InboxItem> items = inbox.of("reporter-10813", false);
        assertThat(items).hasSize(5).allSatisfy(item -> assertThat(item.text())
                .contains("Báo cáo thay cho: 10810, 10811 (một phần)"));
    }

    @Test
    void aRescheduledObligationIsRemindedAgainstItsNewDeadlineAndNeverAgainstTheOldOne() throws Exception {
        openOwnDuties(CLOSED);
        LocalDate newDeadline = LocalDate.of(2024, 12, 20);

        walk("2024-12-02", "2024-12-24", Map.of(
                "2024-12-04T10:00", () -> {
                    publishObligation(CLOSED, EventTypes.OBLIGATION_RESCHEDULED, rescheduled(CLOSED, newDeadline, 2));
                    awaitObligation(CLOSED, o -> newDeadline.equals(o.deadline()));
                },
                "2024-12-05T10:00", () -> { // redelivered, then an older version elsewhere: nothing changes
                    publishObligation(CLOSED, EventTypes.OBLIGATION_RESCHEDULED, rescheduled(CLOSED, newDeadline, 2));
                    publishObligation(CLOSED, EventTypes.OBLIGATION_RESCHEDULED,
                            rescheduled(CLOSED, LocalDate.of(2024, 12, 31), 1));
                    awaitConsumed("rescheduled");
                }));

        String moved = TITLE + " kỳ 2024 — hạn 20/12/2024";
        List<Mail> expected = new ArrayList<>(List.of(
                reminder(CLOSED, REPORT, "còn 7 ngày", "2024-12-03"),
                reminder(CLOSED, moved, "còn 7 ngày", "2024-12-13"),
                reminder(CLOSED, moved, "còn 3 ngày", "2024-12-17"),
                reminder(CLOSED, moved, "còn 1 ngày", "2024-12-19"),
                reminder(CLOSED, moved, "hạn cuối là hôm nay", "2024-12-20"),
                reminder(CLOSED, moved, "đã quá hạn 1 ngày", "2024-12-21"),
                escalation(CLOSED, "Thị trấn Thanh Hà", moved, "2024-12-23"),
                digest("2024-12-03", 1, 1, REPORT, 7),
                digest("2024-12-04", 1, 1, REPORT, 6)));
        for (int day = 13; day <= 19; day++) {
            expected.add(digest("2024-12-%02d".formatted(day), 1, 1, moved, 20 - day));
        }
        assertThat(received()).containsExactlyInAnyOrderElementsOf(expected);

        List<Delivery> sevenDays = deliveries.forUnit(CLOSED).stream()
                .filter(d -> d.kind().equals("REMINDER_7_DAYS_BEFORE")).toList();
        assertThat(sevenDays).extracting(Delivery::deadline).containsExactly(null, newDeadline);
        assertThat(sevenDays.get(0).id()).isNotEqualTo(sevenDays.get(1).id());
        List<String> ids = sevenDays.stream().map(Delivery::id).toList();
        // the first one's id is that of every 7-day reminder of this obligation's first deadline, also in the
        // other tests of this class (the topic keeps them): what counts is that both ids are there, each for it
        List<NotificationSent> published = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .map(r -> json.readValue(r.value(), NotificationSent.class))
                .filter(n -> ids.contains(n.notificationId())).toList(),
                list -> list.stream().map(NotificationSent::notificationId).distinct().count() == 2);
        assertThat(published).as("the contract's obligationId is the obligation's, whatever its deadline")
                .extracting(NotificationSent::obligationId, NotificationSent::kind).containsOnly(
                        org.assertj.core.groups.Tuple.tuple(obligationId(CLOSED), "REMINDER_7_DAYS_BEFORE"));
    }

    @Test
    void aRevokedPlanStopsRemindersAndDigestsBeforeItsClosuresArrive() throws Exception {
        openOwnDuties(CLOSED, STAYS);

        walk("2024-12-02", "2024-12-14", Map.of(
                "2024-12-04T10:00", () -> {
                    PlanRevoked revoked = new PlanRevoked("KH-294-2024", "294", LocalDate.of(2024, 12, 4),
                            "15/QĐ-UBND", "Thay thế bằng kế hoạch khác", 2);
                    publish(Topics.PLANS, "KH-294-2024", EventTypes.PLAN_REVOKED, revoked);
                    publish(Topics.PLANS, "KH-294-2024", EventTypes.PLAN_REVOKED, revoked);
                    await().until(() -> programmes.revokedPlans().contains("KH-294-2024"));
                },
                "2024-12-09T10:00", () -> { // report-service's closures, long after
                    publishObligation(CLOSED, EventTypes.OBLIGATION_CLOSED,
                            closed(CLOSED, ClosureReason.PLAN_REVOKED, 2));
                    publishObligation(STAYS, EventTypes.OBLIGATION_CLOSED,
                            closed(STAYS, ClosureReason.PLAN_REVOKED, 2));
                    awaitObligation(CLOSED, TrackedObligation::closed);
                    awaitObligation(STAYS, TrackedObligation::closed);
                }));

        assertThat(received()).containsExactlyInAnyOrder(
                reminder(CLOSED, REPORT, "còn 7 ngày", "2024-12-03"),
                reminder(STAYS, REPORT, "còn 7 ngày", "2024-12-03"),
                digest("2024-12-03", 2, 2, REPORT, 7),
                digest("2024-12-04", 2, 2, REPORT, 6));
        assertThat(obligations.find(obligationId(STAYS)).orElseThrow().closureReason())
                .isEqualTo(ClosureReason.PLAN_REVOKED);
    }
}
