package dev.cascade.notification.delivery;

import dev.cascade.notification.obligation.ReminderKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderMailTest {

    static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);
    static final String FORM = "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813";
    static final String ROLLUP = "https://cascade.example/rollup/HD-GDNN-ANNUAL/2024/294#missing";

    static ReminderMail mail(ReminderKind kind) {
        return ReminderMail.compose(new ReminderMail.Facts(kind, DEADLINE.plusDays(kind.daysAfterDeadline()),
                "10813", "Thị trấn Thanh Hà", "294", "Huyện Thanh Hà", "HD-GDNN-ANNUAL", "HD-GDNN-ANNUAL", "2024",
                DEADLINE, kind == ReminderKind.ESCALATION_3_DAYS_OVERDUE ? ROLLUP : FORM));
    }

    @Test
    void subjectsCountTheDaysToAndPastTheDeadlineInVietnamese() {
        assertThat(mail(ReminderKind.REMINDER_7_DAYS_BEFORE).subject())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 7 ngày)");
        assertThat(mail(ReminderKind.REMINDER_3_DAYS_BEFORE).subject())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)");
        assertThat(mail(ReminderKind.REMINDER_1_DAY_BEFORE).subject())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)");
        assertThat(mail(ReminderKind.REMINDER_DUE_TODAY).subject())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (hạn cuối là hôm nay)");
        assertThat(mail(ReminderKind.OVERDUE_1_DAY).subject())
                .isEqualTo("[Cascade] Quá hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (đã quá hạn 1 ngày)");
        assertThat(mail(ReminderKind.ESCALATION_3_DAYS_OVERDUE).subject()).isEqualTo(
                "[Cascade] Đơn vị chưa gửi báo cáo: Thị trấn Thanh Hà (10813) — HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (đã quá hạn 3 ngày)");
    }

    @Test
    void bodyNamesUnitProgrammePeriodDeadlineAndLinksToTheReportFormThenRepeatsItInEnglish() {
        ReminderMail mail = mail(ReminderKind.REMINDER_3_DAYS_BEFORE);
        String body = mail.body();

        assertThat(body).startsWith("Kính gửi: Thị trấn Thanh Hà (mã đơn vị 10813),")
                .contains("đơn vị còn 3 ngày để gửi báo cáo định kỳ sau đây.",
                        "Chế độ báo cáo: HD-GDNN-ANNUAL", "Kỳ báo cáo: 2024", "Hạn gửi báo cáo: 10/12/2024 (còn 3 ngày)",
                        "\nMở biểu mẫu báo cáo: " + FORM + "\nBáo cáo gồm số liệu theo biểu mẫu và phần thuyết minh",
                        "English: Reminder: Thị trấn Thanh Hà (10813) has 3 days left to submit the report "
                                + "HD-GDNN-ANNUAL for period 2024; the deadline is 10/12/2024.",
                        "\nOpen the report form: " + FORM + "\n")
                .doesNotContain("POST", "localhost:8082");
        assertThat(body.indexOf("English:")).isGreaterThan(body.indexOf("Trân trọng,"));
        assertThat(body.indexOf("Open the report form:")).isGreaterThan(body.indexOf("English:"));
        assertThat(mail.link()).isEqualTo(FORM);
    }

    @Test
    void overdueNoticeLinksToTheReportFormToo() {
        ReminderMail mail = mail(ReminderKind.OVERDUE_1_DAY);

        assertThat(mail.body()).contains("đã quá hạn 1 ngày. Đề nghị đơn vị gửi báo cáo ngay.",
                "\nMở biểu mẫu báo cáo: " + FORM + "\n", "\nOpen the report form: " + FORM + "\n");
        assertThat(mail.link()).isEqualTo(FORM);
    }

    @Test
    void escalationIsAddressedToTheParentAndAsksItToChaseTheUnit() {
        String body = mail(ReminderKind.ESCALATION_3_DAYS_OVERDUE).body();

        assertThat(body).startsWith("Kính gửi: Huyện Thanh Hà (mã đơn vị 294),")
                .contains("đơn vị trực thuộc Thị trấn Thanh Hà (mã đơn vị 10813) chưa gửi báo cáo định kỳ sau đây, "
                                + "đã quá hạn 3 ngày.",
                        "Đề nghị quý cơ quan đôn đốc Thị trấn Thanh Hà gửi báo cáo.",
                        "English: Thị trấn Thanh Hà (10813), which reports to Huyện Thanh Hà, has not submitted the "
                                + "report HD-GDNN-ANNUAL for period 2024, due 10/12/2024: it is 3 days overdue.",
                        "Đề nghị quý cơ quan đôn đốc Thị trấn Thanh Hà gửi báo cáo.\n"
                                + "Xem danh sách các đơn vị chưa gửi báo cáo: " + ROLLUP + "\n",
                        "Please follow up with the unit.\nSee the units that have not reported: " + ROLLUP + "\n")
                .doesNotContain(FORM, "Mở biểu mẫu báo cáo");
    }

    static ReminderMail successorMail(ReminderKind kind, List<String> replaces, boolean partial) {
        return ReminderMail.compose(new ReminderMail.Facts(kind, DEADLINE.plusDays(kind.daysAfterDeadline()),
                "10813", "Thị trấn Thanh Hà", "294", "Huyện Thanh Hà", "HD-GDNN-ANNUAL", "HD-GDNN-ANNUAL", "2024",
                DEADLINE, kind == ReminderKind.ESCALATION_3_DAYS_OVERDUE ? ROLLUP : FORM, replaces, partial));
    }

    @Test
    void aSuccessorIsToldWhoseReportItOwesInBothLanguagesAndAPartialSuccessionSaysSo() {
        ReminderMail partial = successorMail(ReminderKind.REMINDER_3_DAYS_BEFORE, List.of("06808", "06814"), true);

        assertThat(partial.body()).contains(
                "Hạn gửi báo cáo: 10/12/2024 (còn 3 ngày)\n    Báo cáo thay cho: 06808, 06814 (một phần)\n",
                "the deadline is 10/12/2024. The report is owed in place of 06808, 06814 (in part: a partial merge)."
                        + " If the report has already been submitted");
        assertThat(partial.subject()).isEqualTo(mail(ReminderKind.REMINDER_3_DAYS_BEFORE).subject());

        ReminderMail full = successorMail(ReminderKind.REMINDER_3_DAYS_BEFORE, List.of("06808", "06814"), false);
        assertThat(full.body()).contains("    Báo cáo thay cho: 06808, 06814\n",
                        "The report is owed in place of 06808, 06814. If the report")
                .doesNotContain("một phần", "in part");

        assertThat(successorMail(ReminderKind.ESCALATION_3_DAYS_OVERDUE, List.of("06808"), false).body())
                .contains("    Báo cáo thay cho: 06808\n",
                        "it is 3 days overdue. The report is owed in place of 06808. Please follow up with the unit.");
        assertThat(mail(ReminderKind.REMINDER_3_DAYS_BEFORE).body()).doesNotContain("thay cho", "in place of");
    }
}
