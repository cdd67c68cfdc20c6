package dev.cascade.notification.digest;

import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.contact.SecretBox;
import dev.cascade.notification.programme.ProgrammeCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cascade.notification.ReportingSeason.DEADLINE;
import static dev.cascade.notification.ReportingSeason.HCM;
import static dev.cascade.notification.ReportingSeason.PERIOD;
import static dev.cascade.notification.ReportingSeason.PROGRAMME;
import static dev.cascade.notification.ReportingSeason.TITLE;
import static dev.cascade.notification.ReportingSeason.at;
import static dev.cascade.notification.ReportingSeason.fulfilled;
import static dev.cascade.notification.ReportingSeason.obligationId;
import static dev.cascade.notification.ReportingSeason.opened;
import static dev.cascade.notification.ReportingSeason.plan;
import static dev.cascade.notification.ReportingSeason.unit;
import static dev.cascade.notification.ReportingSeason.units;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A season whose digest run left nothing to do is not read again that day until this instance writes something that
 * could make one of its digests due, or {@code digest-recheck} (10 minutes) has passed. What another instance writes
 * is played here by a second {@link ContactBook} over the same store, as a second instance holds its own. District
 * 294 of province 30, deadline 10/12/2024; the digest day is 3 December (7 days before).
 */
class SettledSeasonIT extends NotificationServiceTestSupport {

    static final String PROVINCE_OFFICE = "so.ldtbxh@haiduong.example";
    static final String OTHER_PROVINCE_OFFICE = "so.ldtbxh@haiphong.example";
    static final String DIGEST_OF_3_DECEMBER = "[Cascade] Tổng hợp ngày 03/12/2024: ";

    @Autowired
    ProgrammeCatalog programmes;
    @Autowired
    SecretBox secrets;

    /** Another instance's contact book: its writes are not this instance's. */
    ContactBook elsewhere;

    @BeforeEach
    void twoCommunesOfThanhHa() {
        clockAt("2024-12-01T09:00:00+07:00");
        Map<String, String> communes = new LinkedHashMap<>();
        communes.put("10813", "Thị trấn Thanh Hà");
        communes.put("10816", "Xã Hồng Lạc");
        units(communes).forEach(units::apply);
        programmes.apply(plan(List.copyOf(communes.keySet())));
        elsewhere = new ContactBook(mongo, CLOCK, secrets, obligations);
    }

    @Test
    void aSettledSeasonWaitsForAChangeThroughThisInstanceOrTheRecheck() throws Exception {
        tracker.opened(opened("10813"));
        tracker.opened(opened("10816"));
        clockAt("2024-12-03T08:00:00+07:00");
        assertThat(digests.dispatchDue()).as("the province has nobody to send to: settled").isZero();

        elsewhere.setEmails("30", List.of(new EmailAddress(PROVINCE_OFFICE)));
        clockAt("2024-12-03T08:01:00+07:00");
        assertThat(digests.dispatchDue()).as("contacts another instance wrote are not seen before the recheck")
                .isZero();
        tracker.fulfilled(fulfilled("10813", at("2024-12-03T08:01:30")));
        clockAt("2024-12-03T08:05:00+07:00");
        assertThat(digests.dispatchDue()).as("a fulfilment before the deadline cannot make a digest due").isZero();
        assertThat(subjectsTo(PROVINCE_OFFICE)).isEmpty();

        clockAt("2024-12-03T08:10:00+07:00");
        assertThat(digests.dispatchDue()).as("the recheck, 10 minutes after the settled run").isEqualTo(1);
        assertThat(subjectsTo(PROVINCE_OFFICE)).containsExactly(DIGEST_OF_3_DECEMBER + "1/2 đơn vị trực thuộc chưa "
                + "gửi báo cáo " + TITLE + " kỳ 2024 — hạn 10/12/2024 (còn 7 ngày)");
    }

    @Test
    void contactsGivenThroughThisInstanceAreServedAtOnce() throws Exception {
        tracker.opened(opened("10813"));
        clockAt("2024-12-03T08:00:00+07:00");
        assertThat(digests.dispatchDue()).isZero();

        clockAt("2024-12-03T08:01:00+07:00");
        contacts.setEmails("30", List.of(new EmailAddress(PROVINCE_OFFICE)));
        assertThat(digests.dispatchDue()).isEqualTo(1);
        assertThat(subjectsTo(PROVINCE_OFFICE)).containsExactly(DIGEST_OF_3_DECEMBER + "1/1 đơn vị trực thuộc chưa "
                + "gửi báo cáo " + TITLE + " kỳ 2024 — hạn 10/12/2024 (còn 7 ngày)");
    }

    @Test
    void anObligationOpenedThroughThisInstanceIsServedAtOnce() throws Exception {
        List.of(unit("31", "Thành phố Hải Phòng", UnitLevel.PROVINCE, "BGDDT"),
                unit("303", "Huyện An Lão", UnitLevel.DISTRICT, "31"),
                unit("11362", "Xã An Thắng", UnitLevel.COMMUNE, "303")).forEach(units::apply);
        tracker.opened(opened("10813"));
        clockAt("2024-12-03T08:00:00+07:00");
        contacts.setEmails("30", List.of(new EmailAddress(PROVINCE_OFFICE)));
        elsewhere.setEmails("31", List.of(new EmailAddress(OTHER_PROVINCE_OFFICE)));
        assertThat(digests.dispatchDue()).as("province 31 has nothing missing yet").isEqualTo(1);

        clockAt("2024-12-03T09:00:00+07:00");
        tracker.opened(openedIn("11362", "303", DEADLINE));
        assertThat(digests.dispatchDue()).as("province 30's digest of the day went out at 08:00, once").isEqualTo(1);
        assertThat(subjectsTo(PROVINCE_OFFICE)).hasSize(1);
        assertThat(subjectsTo(OTHER_PROVINCE_OFFICE)).containsExactly(DIGEST_OF_3_DECEMBER + "1/1 đơn vị trực "
                + "thuộc chưa gửi báo cáo " + TITLE + " kỳ 2024 — hạn 10/12/2024 (còn 7 ngày)");
    }

    /**
     * An obligation whose deadline has passed holds its province's earliest deadline out of the window: no digest.
     * Fulfilled late, it no longer does, and the next deadline's digest goes out at once, not at the recheck.
     */
    @Test
    void aLateFulfilmentThatUnblocksTheProvinceIsServedAtOnce() throws Exception {
        LocalDate overdue = LocalDate.of(2024, 12, 2);
        LocalDate next = LocalDate.of(2024, 12, 8);
        tracker.opened(openedIn("10813", "294", overdue));
        tracker.opened(openedIn("10816", "294", next));
        clockAt("2024-12-03T08:00:00+07:00");
        contacts.setEmails("30", List.of(new EmailAddress(PROVINCE_OFFICE)));
        assertThat(digests.dispatchDue()).as("the earliest missing deadline, 2 December, has passed").isZero();

        clockAt("2024-12-03T08:02:00+07:00");
        tracker.fulfilled(fulfilled("10813", at("2024-12-03T08:01:00")));
        assertThat(digests.dispatchDue()).isEqualTo(1);
        assertThat(subjectsTo(PROVINCE_OFFICE)).containsExactly(DIGEST_OF_3_DECEMBER + "1/2 đơn vị trực thuộc chưa "
                + "gửi báo cáo " + TITLE + " kỳ 2024 — hạn 08/12/2024 (còn 5 ngày)");
    }

    static ObligationOpened openedIn(String commune, String district, LocalDate deadline) {
        return new ObligationOpened(obligationId(commune), "KH-294-2024", PROGRAMME, PERIOD, commune,
                UnitLevel.COMMUNE, district, deadline, deadline.plusDays(1).atStartOfDay(HCM).toInstant(), 1);
    }
}
