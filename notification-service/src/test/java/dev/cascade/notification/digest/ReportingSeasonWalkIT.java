package dev.cascade.notification.digest;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.cascade.notification.ReportingSeason.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole reporting season of district 294 walked by the clock: five communes, one reports before the reminders
 * start, one after the first reminder, one on the last day before the deadline, one late, one never. The test
 * asserts the exact mail the SMTP server received: to whom, what, and when.
 */
class ReportingSeasonWalkIT extends NotificationServiceTestSupport {

    static final String EARLY = "10813";
    static final String AFTER_FIRST_REMINDER = "10816";
    static final String DAY_BEFORE = "10825";
    static final String LATE = "10828";
    static final String NEVER = "10831";
    static final Map<String, String> COMMUNES = new LinkedHashMap<>();

    static {
        COMMUNES.put(EARLY, "Thị trấn Thanh Hà");
        COMMUNES.put(AFTER_FIRST_REMINDER, "Xã Hồng Lạc");
        COMMUNES.put(DAY_BEFORE, "Xã Tân Việt");
        COMMUNES.put(LATE, "Xã Cẩm Việt");
        COMMUNES.put(NEVER, "Xã Thanh An");
    }

    static final String DISTRICT_OFFICE = "phong.ldtbxh@thanhha.haiduong.example";
    static final String PROVINCE_OFFICE = "so.ldtbxh@haiduong.example";
    /** Where the province's digests link: its roll-up at the missing units. */
    static final String PROVINCE_ROLLUP = PORTAL + "/rollup/TH-GDNN-ANNUAL/2024/30#missing";

    @Autowired
    @Qualifier("planEvents")
    Consumer<Message<byte[]>> planEvents;

    record Mail(String to, String subject, LocalDateTime sent) {
    }

    @Test
    void aSeasonOfFiveCommunesSendsExactlyTheRemindersEscalationAndDigestsDueInVietnamese() throws Exception {
        clockAt("2024-11-25T09:00:00+07:00");
        units(COMMUNES).forEach(units::apply);
        COMMUNES.keySet().forEach(c -> contacts.setEmails(c, List.of(new EmailAddress(email(c)))));
        contacts.setEmails("294", List.of(new EmailAddress(DISTRICT_OFFICE)));
        contacts.setEmails("30", List.of(new EmailAddress(PROVINCE_OFFICE)));
        planEvents.accept(MessageBuilder.withPayload(json.writeValueAsBytes(plan(List.copyOf(COMMUNES.keySet()))))
                .setHeader(CloudEventHeaders.TYPE, EventTypes.PLAN_ISSUED).build());
        COMMUNES.keySet().forEach(c -> tracker.opened(opened(c)));

        Map<Instant, String> submissions = Map.of(
                at("2024-12-01T10:00:00"), EARLY,
                at("2024-12-04T10:00:00"), AFTER_FIRST_REMINDER,
                at("2024-12-09T10:00:00"), DAY_BEFORE,
                at("2024-12-11T10:00:00"), LATE);
        walk(LocalDate.of(2024, 11, 26), LocalDate.of(2024, 12, 17),
                List.of(LocalTime.of(8, 0), LocalTime.of(10, 0), LocalTime.of(16, 0)), now -> {
                    if (submissions.containsKey(now)) {
                        tracker.fulfilled(fulfilled(submissions.get(now), now));
                    }
                });

        String report = TITLE + " kỳ 2024 — hạn 10/12/2024";
        List<Mail> expected = new ArrayList<>();
        for (String commune : List.of(AFTER_FIRST_REMINDER, DAY_BEFORE, LATE, NEVER)) {
            expected.add(new Mail(email(commune), "[Cascade] Nhắc hạn báo cáo: " + report + " (còn 7 ngày)", at8("2024-12-03")));
        }
        for (String commune : List.of(DAY_BEFORE, LATE, NEVER)) {
            expected.add(new Mail(email(commune), "[Cascade] Nhắc hạn báo cáo: " + report + " (còn 3 ngày)", at8("2024-12-07")));
            expected.add(new Mail(email(commune), "[Cascade] Nhắc hạn báo cáo: " + report + " (còn 1 ngày)", at8("2024-12-09")));
        }
        for (String commune : List.of(LATE, NEVER)) {
            expected.add(new Mail(email(commune), "[Cascade] Nhắc hạn báo cáo: " + report + " (hạn cuối là hôm nay)", at8("2024-12-10")));
            expected.add(new Mail(email(commune), "[Cascade] Quá hạn báo cáo: " + report + " (đã quá hạn 1 ngày)", at8("2024-12-11")));
        }
        expected.add(new Mail(DISTRICT_OFFICE, "[Cascade] Đơn vị chưa gửi báo cáo: Xã Thanh An (10831) — " + report
                + " (đã quá hạn 3 ngày)", at8("2024-12-13")));
        int[] missing = {4, 4, 3, 3, 3, 3, 3};
        for (int i = 0; i < 7; i++) {
            LocalDate day = LocalDate.of(2024, 12, 3 + i);
            expected.add(new Mail(PROVINCE_OFFICE, "[Cascade] Tổng hợp ngày %02d/12/2024: %d/5 đơn vị trực thuộc chưa gửi báo cáo %s (còn %d ngày)"
                    .formatted(3 + i, missing[i], report, 7 - i), day.atTime(8, 0)));
        }

        List<Mail> received = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            received.add(new Mail(message.getAllRecipients()[0].toString(), message.getSubject(),
                    LocalDateTime.ofInstant(message.getSentDate().toInstant(), HCM)));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mailTo(email(EARLY))).isEmpty();

        MimeMessage digestOfThe5th = mailTo(PROVINCE_OFFICE).get(2);
        assertThat(digestOfThe5th.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(((String) digestOfThe5th.getContent()).replace("\r\n", "\n")).startsWith("Kính gửi: Tỉnh Hải Dương (mã đơn vị 30),")
                .contains("3 trên 5 đơn vị trực thuộc chưa gửi báo cáo",
                        "Các đơn vị chưa gửi báo cáo:\n"
                                + "  - Xã Tân Việt (mã 10825, Huyện Thanh Hà), hạn 10/12/2024\n"
                                + "  - Xã Cẩm Việt (mã 10828, Huyện Thanh Hà), hạn 10/12/2024\n"
                                + "  - Xã Thanh An (mã 10831, Huyện Thanh Hà), hạn 10/12/2024\n",
                        "English: daily digest for Tỉnh Hải Dương (30), 05/12/2024: 3 of 5 units under you have not reported",
                        "Đề nghị quý cơ quan đôn đốc các đơn vị trên gửi báo cáo đúng hạn.\n"
                                + "Xem danh sách các đơn vị chưa gửi báo cáo: " + PROVINCE_ROLLUP + "\n",
                        "  - Xã Thanh An (10831, Huyện Thanh Hà), due 10/12/2024\n"
                                + "See the units that have not reported: " + PROVINCE_ROLLUP + "\n")
                .doesNotContain("Xã Hồng Lạc");
        var digestEvent = org.awaitility.Awaitility.await().until(() -> records(dev.cascade.contracts.Topics.NOTIFICATIONS)
                .stream().filter(r -> r.value().contains(PROVINCE_OFFICE) && r.value().contains("\"DIGEST\""))
                .findFirst().orElse(null), r -> r != null);
        assertThat(digestEvent.key()).isEqualTo("30");
        var digestSent = json.readValue(digestEvent.value(), dev.cascade.contracts.events.NotificationSent.class);
        assertThat(digestSent.obligationId()).isNull();
        assertThat(digestSent.programme()).isEqualTo(PROGRAMME);
        assertThat(digestSent.channel()).isEqualTo("EMAIL");
        assertThat(digestSent.subject()).startsWith("[Cascade] Tổng hợp ngày ");
        assertThat(deliveries.forUnit("30")).hasSize(7).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo("DIGEST");
            assertThat(d.published()).isTrue();
            assertThat(d.link()).isEqualTo(PROVINCE_ROLLUP);
        });
        String form = PORTAL + "/obligations/" + PROGRAMME + "/2024/" + NEVER;
        assertThat(mailTo(email(NEVER))).hasSize(5).allSatisfy(mail -> assertThat(((String) mail.getContent())
                .replace("\r\n", "\n")).contains("\nMở biểu mẫu báo cáo: " + form + "\n",
                        "\nOpen the report form: " + form + "\n"));
        String districtRollup = PORTAL + "/rollup/" + PROGRAMME + "/2024/294#missing";
        assertThat(((String) mailTo(DISTRICT_OFFICE).get(0).getContent()).replace("\r\n", "\n"))
                .contains("\nXem danh sách các đơn vị chưa gửi báo cáo: " + districtRollup + "\n");
    }

    static LocalDateTime at8(String day) {
        return LocalDate.parse(day).atTime(8, 0);
    }
}
