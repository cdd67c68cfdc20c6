package dev.cascade.notification.digest;

import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.delivery.Delivery;
import dev.cascade.notification.programme.ProgrammeCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.cascade.notification.ReportingSeason.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One season of the demo plan (district 294 Huyện Thanh Hà, its 16 communes, province 30 Tỉnh Hải Dương) walked by
 * the clock: 6 communes report before the reminders start, 4 during the first days of the last week, 3 between the
 * 3-day and the 1-day reminder, 1 on the deadline day, 1 two days late, 1 never. Counts what the provincial and the
 * district officers (and the communes) receive, by kind; writes them to {@code target/demo-province-season.txt}.
 */
class DemoProvinceSeasonIT extends NotificationServiceTestSupport {

    static final Map<String, String> COMMUNES = new LinkedHashMap<>();

    static {
        for (String entry : ("10813=Thị trấn Thanh Hà;10816=Xã Hồng Lạc;10825=Xã Tân Việt;10828=Xã Cẩm Việt;"
                + "10831=Xã Thanh An;10834=Xã Thanh Lang;10840=Xã Tân An;10843=Xã Liên Mạc;10846=Xã Thanh Hải;"
                + "10855=Xã Thanh Xuân;10861=Xã Thanh Tân;10864=Xã An Phượng;10867=Xã Thanh Sơn;10876=Xã Thanh Quang;"
                + "10879=Xã Thanh Hồng;10882=Xã Vĩnh Cường").split(";")) {
            COMMUNES.put(entry.split("=")[0], entry.split("=")[1]);
        }
    }

    @Autowired
    ProgrammeCatalog programmes;

    @Test
    void aSeasonOfTheDemoDistrictGivesTheProvincialOfficerSevenDigestsAndTheDistrictOfficerOneEscalation() throws Exception {
        clockAt("2024-11-20T09:00:00+07:00");
        units(COMMUNES).forEach(units::apply);
        COMMUNES.keySet().forEach(c -> contacts.setEmails(c, List.of(new EmailAddress(email(c)))));
        contacts.setEmails("294", List.of(new EmailAddress("phong.ldtbxh@thanhha.haiduong.example")));
        contacts.setEmails("30", List.of(new EmailAddress("so.ldtbxh@haiduong.example")));
        programmes.apply(plan(List.copyOf(COMMUNES.keySet())));
        COMMUNES.keySet().forEach(c -> tracker.opened(opened(c)));

        List<String> codes = List.copyOf(COMMUNES.keySet());
        Map<Instant, List<String>> submissions = new TreeMap<>();
        submissions.put(at("2024-11-28T10:00:00"), codes.subList(0, 6));
        submissions.put(at("2024-12-04T10:00:00"), codes.subList(6, 8));
        submissions.put(at("2024-12-05T10:00:00"), codes.subList(8, 10));
        submissions.put(at("2024-12-08T10:00:00"), codes.subList(10, 13));
        submissions.put(at("2024-12-10T10:00:00"), codes.subList(13, 14));
        submissions.put(at("2024-12-12T10:00:00"), codes.subList(14, 15));
        walk(LocalDate.of(2024, 11, 21), LocalDate.of(2024, 12, 20),
                List.of(LocalTime.of(8, 0), LocalTime.of(10, 0), LocalTime.of(16, 0)),
                now -> submissions.getOrDefault(now, List.of()).forEach(c -> tracker.fulfilled(fulfilled(c, now))));

        Map<String, Long> province = countsByKind("30");
        Map<String, Long> district = countsByKind("294");
        Map<String, Long> communes = new TreeMap<>();
        for (String commune : codes) {
            countsByKind(commune).forEach((kind, n) -> communes.merge(kind, n, Long::sum));
        }
        assertThat(province).isEqualTo(Map.of("DIGEST", 7L));
        assertThat(district).isEqualTo(Map.of("ESCALATION_3_DAYS_OVERDUE", 1L));
        assertThat(communes).isEqualTo(Map.of("REMINDER_7_DAYS_BEFORE", 10L, "REMINDER_3_DAYS_BEFORE", 6L,
                "REMINDER_1_DAY_BEFORE", 3L, "REMINDER_DUE_TODAY", 3L, "OVERDUE_1_DAY", 2L));
        assertThat(SMTP.getReceivedMessages()).hasSize(7 + 1 + 24);

        List<String> digestSubjects = new ArrayList<>();
        for (var message : mailTo("so.ldtbxh@haiduong.example")) {
            digestSubjects.add(message.getSubject());
        }
        assertThat(digestSubjects).extracting(s -> s.substring(0, s.indexOf(" đơn vị"))).containsExactly(
                "[Cascade] Tổng hợp ngày 03/12/2024: 10/16", "[Cascade] Tổng hợp ngày 04/12/2024: 10/16",
                "[Cascade] Tổng hợp ngày 05/12/2024: 8/16", "[Cascade] Tổng hợp ngày 06/12/2024: 6/16",
                "[Cascade] Tổng hợp ngày 07/12/2024: 6/16", "[Cascade] Tổng hợp ngày 08/12/2024: 6/16",
                "[Cascade] Tổng hợp ngày 09/12/2024: 3/16");

        Path out = Path.of("target", "demo-province-season.txt");
        Files.writeString(out, """
                Demo season (plan of district 294, 16 communes, deadline 10/12/2024, province 30):
                6 report before 03/12, 4 on 04-05/12, 3 on 08/12, 1 on 10/12, 1 on 12/12 (late), 1 never.
                province 30 officer: %s
                district 294 officer: %s
                communes (16 clerks together): %s
                provincial digests: %s
                """.formatted(province, district, communes, digestSubjects), StandardCharsets.UTF_8);
    }

    private Map<String, Long> countsByKind(String unit) {
        return deliveries.forUnit(unit).stream().filter(d -> d.unitCode().equals(unit))
                .collect(Collectors.groupingBy(Delivery::kind, TreeMap::new, Collectors.counting()));
    }
}
