package dev.cascade.notification.delivery;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.Recipient;
import dev.cascade.notification.contact.SecretBox;
import dev.cascade.notification.obligation.ReminderPolicy;
import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.notification.ReportingSeason;
import dev.cascade.notification.obligation.Reminder;
import dev.cascade.notification.obligation.ReminderState;
import dev.cascade.notification.obligation.TrackedObligation;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

class ReminderDeliveryIT extends NotificationServiceTestSupport {

    static final String OBLIGATION = "HD-GDNN-ANNUAL|2024|10813";
    static final String CONTACT = "vanthu@thanhha.example";
    static final String DISTRICT_CONTACT = "phongldtbxh@thanhha.example";
    static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);

    @Autowired
    ApplicationContext context;

    static ObligationOpened opened(String obligationId, long version) {
        return new ObligationOpened(obligationId, "KH-294-2024", "HD-GDNN-ANNUAL", "2024", "10813", UnitLevel.COMMUNE,
                "294", DEADLINE, Instant.parse("2024-12-10T17:00:00Z"), version);
    }

    void unitsAndContactsOfThanhHa() {
        publish(Topics.UNITS, "10813", EventTypes.UNIT_UPSERTED, new UnitUpserted("10813", List.of(
                new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Thị trấn Thanh Hà", "Thị trấn",
                        UnitLevel.COMMUNE, "294")), 1));
        publish(Topics.UNITS, "294", EventTypes.UNIT_UPSERTED, new UnitUpserted("294", List.of(
                new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Huyện Thanh Hà", "Huyện",
                        UnitLevel.DISTRICT, "30")), 1));
        await().until(() -> units.find("10813").isPresent() && units.find("294").isPresent());
        putContacts("10813", CONTACT);
        putContacts("294", DISTRICT_CONTACT);
    }

    void putContacts(String unit, String email) {
        if (units.find(unit).isEmpty()) { // contacts are only taken for known units
            boolean district = unit.length() == 3;
            units.apply(new UnitUpserted(unit, List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30),
                    "Đơn vị " + unit, district ? "Huyện" : "Xã", district ? UnitLevel.DISTRICT : UnitLevel.COMMUNE,
                    district ? "30" : "294")), 1));
        }
        assertThat(mvc.put().uri("/contacts/{unit}", unit).contentType(MediaType.APPLICATION_JSON)
                .content("{\"emails\":[\"" + email + "\"]}")).hasStatusOk();
    }

    /** Each commune gets an e-mail contact ({@code vanthu<code>@thanhha.example}) and an open obligation for 2024. */
    void contactsAndObligationsOf(List<String> communes) {
        for (String commune : communes) {
            putContacts(commune, "vanthu" + commune + "@thanhha.example");
            tracker.opened(new ObligationOpened("HD-GDNN-ANNUAL|2024|" + commune, "KH-294-2024", "HD-GDNN-ANNUAL",
                    "2024", commune, UnitLevel.COMMUNE, "294", DEADLINE, Instant.parse("2024-12-10T17:00:00Z"), 1));
        }
    }

    TrackedObligation awaitObligation(String id, boolean fulfilled) {
        return await().until(() -> obligations.find(id).orElse(null), o -> o != null && o.fulfilled() == fulfilled);
    }

    @Test
    void remindsTheCommuneThreeDaysAndOneDayBeforeTheDeadlineAndStopsOnceTheReportArrives() throws Exception {
        clockAt("2024-12-07T09:00:00+07:00");
        unitsAndContactsOfThanhHa();

        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));
        assertThat(awaitObligation(OBLIGATION, false).reminders()).extracting(Reminder::kind).extracting(Enum::name)
                .containsExactly("REMINDER_3_DAYS_BEFORE", "REMINDER_1_DAY_BEFORE", "REMINDER_DUE_TODAY",
                        "OVERDUE_1_DAY", "ESCALATION_3_DAYS_OVERDUE");

        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(reminders.dispatchDue()).isZero();

        List<MimeMessage> mails = mailTo(CONTACT);
        assertThat(mails).hasSize(1);
        MimeMessage first = mails.get(0);
        assertThat(first.getSubject())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)");
        assertThat(first.getHeader("X-Cascade-Kind")).containsExactly("REMINDER_3_DAYS_BEFORE");
        assertThat(first.getFrom()[0].toString()).contains("no-reply@cascade.example");
        String form = ReportingSeason.PORTAL + "/obligations/HD-GDNN-ANNUAL/2024/10813";
        assertThat(((String) first.getContent()).replace("\r\n", "\n"))
                .startsWith("Kính gửi: Thị trấn Thanh Hà (mã đơn vị 10813),")
                .contains("Hạn gửi báo cáo: 10/12/2024 (còn 3 ngày)", "English: Reminder: Thị trấn Thanh Hà (10813)",
                        "\nMở biểu mẫu báo cáo: " + form + "\n", "\nOpen the report form: " + form + "\n");
        assertThat(deliveries.forUnit("10813")).extracting(Delivery::link).containsExactly(form);
        assertThat(first.getContentType()).containsIgnoringCase("charset=UTF-8");

        clockAt("2024-12-09T08:00:00+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(mailTo(CONTACT)).hasSize(2);
        assertThat(mailTo(CONTACT).get(1).getSubject())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)");

        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_FULFILLED, new ObligationFulfilled(OBLIGATION,
                "HD-GDNN-ANNUAL", "2024", "10813", "report-1", ObligationStatus.FULFILLED_ON_TIME,
                Instant.parse("2024-12-09T03:00:00Z"), 2));
        assertThat(awaitObligation(OBLIGATION, true).reminders()).extracting(Reminder::state).containsExactly(
                ReminderState.SENT, ReminderState.SENT, ReminderState.CANCELLED, ReminderState.CANCELLED,
                ReminderState.CANCELLED);

        for (String later : List.of("2024-12-10T09:00:00+07:00", "2024-12-11T09:00:00+07:00", "2024-12-13T09:00:00+07:00")) {
            clockAt(later);
            assertThat(reminders.dispatchDue()).isZero();
        }
        assertThat(SMTP.getReceivedMessages()).hasSize(2);

        List<ConsumerRecord<String, String>> sent = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .filter(r -> r.value().contains(CONTACT)).toList(), list -> list.size() >= 2);
        assertThat(sent).hasSize(2);
        NotificationSent threeDays = json.readValue(sent.get(0).value(), NotificationSent.class);
        assertThat(sent.get(0).key()).isEqualTo("10813");
        assertThat(header(sent.get(0), CloudEventHeaders.TYPE)).isEqualTo("cascade.notification.sent");
        assertThat(header(sent.get(0), CloudEventHeaders.ID)).isEqualTo(threeDays.notificationId());
        assertThat(threeDays).isEqualTo(new NotificationSent(threeDays.notificationId(), "REMINDER_3_DAYS_BEFORE",
                "EMAIL", CONTACT, "10813", OBLIGATION, "HD-GDNN-ANNUAL", "2024",
                "[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)",
                Instant.parse("2024-12-07T02:00:00Z")));
        NotificationSent oneDay = json.readValue(sent.get(1).value(), NotificationSent.class);
        assertThat(oneDay.kind()).isEqualTo("REMINDER_1_DAY_BEFORE");
        assertThat(oneDay.sentAt()).isEqualTo(Instant.parse("2024-12-09T01:00:00Z"));
        assertThat(sent.get(1).key()).isEqualTo("10813");

        assertThat(mvc.get().uri("/notifications?unit=10813")).hasStatusOk().bodyJson()
                .extractingPath("$.notifications[*].kind").asArray()
                .containsExactly("REMINDER_3_DAYS_BEFORE", "REMINDER_1_DAY_BEFORE");
        assertThat(mvc.get().uri("/notifications?unit=10813")).bodyJson()
                .extractingPath("$.notifications[*].state").asArray().containsExactly("SENT", "SENT");
    }

    @Test
    void escalatesToTheParentUnitsContactsThreeDaysOverdue() throws Exception {
        clockAt("2024-12-13T08:30:00+07:00");
        unitsAndContactsOfThanhHa();

        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));
        awaitObligation(OBLIGATION, false);

        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(mailTo(CONTACT)).isEmpty();
        List<MimeMessage> mails = mailTo(DISTRICT_CONTACT);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("[Cascade] Đơn vị chưa gửi báo cáo: Thị trấn Thanh Hà (10813)"
                + " — HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (đã quá hạn 3 ngày)");
        String rollup = ReportingSeason.PORTAL + "/rollup/HD-GDNN-ANNUAL/2024/294#missing";
        assertThat(((String) mails.get(0).getContent()).replace("\r\n", "\n"))
                .startsWith("Kính gửi: Huyện Thanh Hà (mã đơn vị 294),")
                .contains("\nXem danh sách các đơn vị chưa gửi báo cáo: " + rollup + "\n",
                        "\nSee the units that have not reported: " + rollup + "\n");
        assertThat(deliveries.forUnit("294")).extracting(Delivery::link).containsExactly(rollup);

        ConsumerRecord<String, String> event = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .filter(r -> r.value().contains(DISTRICT_CONTACT)).findFirst().orElse(null), r -> r != null);
        assertThat(event.key()).isEqualTo("294");
        NotificationSent escalation = json.readValue(event.value(), NotificationSent.class);
        assertThat(escalation.kind()).isEqualTo("ESCALATION_3_DAYS_OVERDUE");
        assertThat(escalation.unitCode()).isEqualTo("294");
        assertThat(escalation.obligationId()).isEqualTo(OBLIGATION);

        assertThat(mvc.get().uri("/notifications?unit=294")).bodyJson()
                .extractingPath("$.notifications[0].obligationUnitCode").isEqualTo("10813");
    }

    @Test
    void failedSendIsRetriedOnTheNextDispatchAndDeliveredOnce() throws Exception {
        clockAt("2024-12-10T10:00:00+07:00");
        unitsAndContactsOfThanhHa();
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));
        awaitObligation(OBLIGATION, false);
        mailSender.failNext(1);

        assertThat(reminders.dispatchDue()).isZero();
        assertThat(mailTo(CONTACT)).isEmpty();
        assertThat(mvc.get().uri("/notifications?unit=10813")).bodyJson()
                .extractingPath("$.notifications[0].state").isEqualTo("FAILED");

        clockAt("2024-12-10T10:00:10+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(subjectsTo(CONTACT)).containsExactly("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (hạn cuối là hôm nay)");
        var log = mvc.get().uri("/notifications?unit=10813");
        assertThat(log).bodyJson().extractingPath("$.notifications[0].state").isEqualTo("SENT");
        assertThat(log).bodyJson().extractingPath("$.notifications[0].attempts").isEqualTo(2);
        assertThat(obligations.find(OBLIGATION).orElseThrow().reminders()).extracting(Reminder::state)
                .containsExactly(ReminderState.SENT, ReminderState.PENDING, ReminderState.PENDING);
    }

    @Test
    void aDueReminderWaitsForContactsWhileItIsCurrentAndIsNeverSentLate() throws Exception {
        clockAt("2024-12-09T08:30:00+07:00");
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));
        awaitObligation(OBLIGATION, false);

        assertThat(reminders.dispatchDue()).isZero();
        putContacts("10813", CONTACT);
        clockAt("2024-12-09T12:00:00+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(subjectsTo(CONTACT)).containsExactly(
                "[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)");

        // the service is down from the deadline day until after the first overdue reminder's day has passed
        clockAt("2024-12-12T09:00:00+07:00");
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(obligations.find(OBLIGATION).orElseThrow().reminders()).extracting(Reminder::state)
                .containsExactly(ReminderState.SENT, ReminderState.EXPIRED, ReminderState.EXPIRED,
                        ReminderState.PENDING);
    }

    @Test
    void aReminderWithNobodyToGoToIsPutAsideUntilItsUnitGetsContactsOrTheRecheck() throws Exception {
        clockAt("2024-12-09T08:30:00+07:00");
        Instant now = Instant.parse("2024-12-09T01:30:00Z");
        String other = "HD-GDNN-ANNUAL|2024|10816";
        String contact = "vanthu.aside@thanhha.example";
        tracker.opened(opened(OBLIGATION, 1));
        tracker.opened(new ObligationOpened(other, "KH-294-2024", "HD-GDNN-ANNUAL", "2024", "10816",
                UnitLevel.COMMUNE, "294", DEADLINE, Instant.parse("2024-12-10T17:00:00Z"), 1));

        assertThat(reminders.dispatchDue()).isZero();

        // put aside: the next runs do not read them, until the recheck (10 minutes) or their unit's contacts change
        for (String id : List.of(OBLIGATION, other)) {
            org.bson.Document stored = mongo.findById(id, org.bson.Document.class, "obligations");
            assertThat(stored.get("waitingFor")).isEqualTo(id.substring(id.lastIndexOf('|') + 1));
            assertThat(stored.getDate("nextReminderAt").toInstant()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        }
        try (var due = obligations.withReminderDue(now)) {
            assertThat(due.toList()).isEmpty();
        }

        // contacts given through the service wake the unit's obligation at once, on the same instant
        putContacts("10813", contact); // an address of its own: other tests count what CONTACT got
        assertThat(mongo.findById(OBLIGATION, org.bson.Document.class, "obligations")).doesNotContainKey("waitingFor");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(subjectsTo(contact)).containsExactly(
                "[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)");

        // contacts written otherwise (straight into the store) are found at the recheck
        mongo.getCollection("contacts").insertOne(new org.bson.Document("_id", "10816")
                .append("emails", List.of("vanthu10816@thanhha.example")).append("version", 1L));
        assertThat(reminders.dispatchDue()).isZero();
        clockAt("2024-12-09T08:39:59+07:00");
        assertThat(reminders.dispatchDue()).isZero();
        clockAt("2024-12-09T08:40:00+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(mailTo("vanthu10816@thanhha.example")).hasSize(1);
        assertThat(obligations.find(other).orElseThrow().reminders()).extracting(Reminder::state)
                .startsWith(ReminderState.SENT);
    }

    /**
     * Contacts given while a run composes (after it read the unit's contacts, before it put the obligation aside): their
     * wake found nothing put aside, so the run looks again once it has put aside and wakes the unit itself; the
     * reminder goes out on the next run, not at the recheck 10 minutes later.
     */
    @Test
    void contactsGivenWhileARunComposesEndTheWaitAtOnce() throws Exception {
        clockAt("2024-12-09T08:30:00+07:00");
        String contact = "vanthu.race@thanhha.example";
        tracker.opened(opened(OBLIGATION, 1));
        ContactBook racing = new ContactBook(mongo, CLOCK, context.getBean(SecretBox.class), obligations) {
            boolean read;

            @Override
            public Map<String, List<Recipient>> recipientsOf(Collection<String> unitCodes) {
                Map<String, List<Recipient>> found = super.recipientsOf(unitCodes);
                if (!read) {
                    read = true;
                    putContacts("10813", contact); // through the service, right after the run read none
                }
                return found;
            }
        };
        ReminderDispatcher run = new ReminderDispatcher(obligations, context.getBean(Deliverer.class), racing, units,
                context.getBean(ProgrammeCatalog.class), context.getBean(ReminderPolicy.class),
                context.getBean(PortalLinks.class), CLOCK, context.getBean(NotificationSettings.class));
        try {
            assertThat(run.dispatchDue()).isZero();
        } finally {
            run.destroy();
        }

        org.bson.Document stored = mongo.findById(OBLIGATION, org.bson.Document.class, "obligations");
        assertThat(stored).doesNotContainKey("waitingFor");
        assertThat(stored.getDate("nextReminderAt").toInstant()).isEqualTo(CLOCK.instant());
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(subjectsTo(contact)).containsExactly(
                "[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)");
    }

    @Test
    void notificationSentNotAcknowledgedIsPublishedAgainWithTheSameEventId() throws Exception {
        clockAt("2024-12-10T10:00:00+07:00");
        putContacts("10813", CONTACT);
        tracker.opened(opened(OBLIGATION, 1));
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        String id = deliveries.forUnit("10813").get(0).id();
        // as if the process had died between the SMTP send and the broker's acknowledgement
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("published", false), "deliveries");

        assertThat(reminders.dispatchDue()).isZero();

        assertThat(deliveries.find(id).orElseThrow().published()).isTrue();
        List<ConsumerRecord<String, String>> events = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .filter(r -> id.equals(header(r, CloudEventHeaders.ID))).toList(), list -> list.size() == 2);
        assertThat(events).extracting(ConsumerRecord::value).containsOnly(events.get(0).value());
        assertThat(mailTo(CONTACT)).hasSize(1);
    }

    @Test
    void twoDispatchersRunningAtOnceSendEachReminderExactlyOnce() throws Exception {
        clockAt("2024-12-07T09:00:00+07:00");
        List<String> communes = IntStream.rangeClosed(1, 8).mapToObj(i -> "1090" + i).toList();
        contactsAndObligationsOf(communes);
        ReminderDispatcher otherInstance = context.getAutowireCapableBeanFactory().createBean(ReminderDispatcher.class);

        var first = CompletableFuture.supplyAsync(reminders::dispatchDue);
        var second = CompletableFuture.supplyAsync(otherInstance::dispatchDue);

        assertThat(first.get() + second.get()).isEqualTo(communes.size());
        for (String commune : communes) {
            assertThat(subjectsTo("vanthu" + commune + "@thanhha.example")).containsExactly(
                    "[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)");
        }
        assertThat(reminders.dispatchDue() + otherInstance.dispatchDue()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(communes.size());
    }

    @Test
    void manyRemindersGoOutInSharedSmtpSessionsAndAMailTheServerRefusesIsRetriedAloneOnTheNextDispatch()
            throws Exception {
        clockAt("2024-12-07T09:00:00+07:00");
        List<String> communes = IntStream.rangeClosed(10, 34).mapToObj(i -> "109" + i).toList();
        contactsAndObligationsOf(communes);
        String refused = "vanthu10917@thanhha.example";
        mailSender.refuse(refused);

        assertThat(reminders.dispatchDue()).isEqualTo(24);

        // 25 mails in one batch: three SMTP sessions of at most ten, not 25 connections
        assertThat(mailSender.sessions()).isEqualTo(3);
        for (String commune : communes) {
            String address = "vanthu" + commune + "@thanhha.example";
            assertThat(mailTo(address)).hasSize(address.equals(refused) ? 0 : 1);
        }
        assertThat(deliveries.forUnit("10917")).extracting(Delivery::state).containsExactly(DeliveryState.FAILED);
        assertThat(deliveries.forUnit("10917").get(0).lastError()).contains("550 mailbox unavailable");
        assertThat(deliveries.forUnit("10916")).extracting(Delivery::published).containsExactly(true);
        assertThat(obligations.find("HD-GDNN-ANNUAL|2024|10917").orElseThrow().reminders().get(0).state())
                .isEqualTo(ReminderState.PENDING);
        assertThat(obligations.find("HD-GDNN-ANNUAL|2024|10916").orElseThrow().reminders().get(0).state())
                .isEqualTo(ReminderState.SENT);
        List<String> published = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .map(ConsumerRecord::key).filter(communes::contains).toList(), keys -> keys.size() >= 24);
        assertThat(published).hasSize(24).doesNotHaveDuplicates().doesNotContain("10917");

        mailSender.failNext(0); // the server takes mail for that address again
        clockAt("2024-12-07T09:00:10+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(mailTo(refused)).hasSize(1);
        assertThat(SMTP.getReceivedMessages()).hasSize(communes.size());
        assertThat(deliveries.forUnit("10917")).extracting(Delivery::state, Delivery::attempts)
                .containsExactly(tuple(DeliveryState.SENT, 2));
    }

    @Test
    void staleAndRepeatedObligationEventsChangeNothing() {
        clockAt("2024-12-01T09:00:00+07:00");
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));
        awaitObligation(OBLIGATION, false);
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_FULFILLED, new ObligationFulfilled(OBLIGATION,
                "HD-GDNN-ANNUAL", "2024", "10813", "report-1", ObligationStatus.FULFILLED_LATE,
                Instant.parse("2024-12-11T03:00:00Z"), 2));
        awaitObligation(OBLIGATION, true);
        String marker = "HD-GDNN-ANNUAL|2024|10814";

        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_FULFILLED, new ObligationFulfilled(OBLIGATION,
                "HD-GDNN-ANNUAL", "2024", "10813", "report-1", ObligationStatus.FULFILLED_LATE,
                Instant.parse("2024-12-11T03:00:00Z"), 2));
        publish(Topics.OBLIGATIONS, "10814", EventTypes.OBLIGATION_OPENED, opened(marker, 1));
        awaitObligation(marker, false); // one partition: everything before the marker has been applied

        TrackedObligation fulfilled = obligations.find(OBLIGATION).orElseThrow();
        assertThat(fulfilled.fulfilled()).isTrue();
        assertThat(fulfilled.status()).isEqualTo(ObligationStatus.FULFILLED_LATE);
        assertThat(fulfilled.version()).isEqualTo(2);
        assertThat(fulfilled.revision()).isEqualTo(1);
        assertThat(fulfilled.nextReminderAt()).isNull();
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheRecordsAfterItAreApplied() {
        clockAt("2024-12-01T09:00:00+07:00");
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, "{\"obligationId\": [not json");
        publish(Topics.OBLIGATIONS, "10813", EventTypes.OBLIGATION_OPENED, opened(OBLIGATION, 1));

        awaitObligation(OBLIGATION, false);
        ConsumerRecord<String, String> dead = await().until(() -> records(Topics.deadLetter(Topics.OBLIGATIONS))
                .stream().filter(r -> r.value().contains("[not json")).findFirst().orElse(null), r -> r != null);
        assertThat(dead.key()).isEqualTo("10813");
    }
}
