package dev.cascade.notification.delivery;

import dev.cascade.notification.obligation.ReminderKind;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The e-mail of one reminder: Vietnamese first, with an English paragraph below, each with {@code link} (the page of
 * the portal where the reader acts, see {@link PortalLinks}) on a line of its own: the obligation's report form in a
 * reminder or an overdue notice ({@code Mở biểu mẫu báo cáo: <link>} / {@code Open the report form: <link>}), the
 * parent's roll-up at its missing units in an escalation ({@code Xem danh sách các đơn vị chưa gửi báo cáo: <link>} /
 * {@code See the units that have not reported: <link>}). The same link goes with the inbox item and the webhook call.
 *
 * <p>Subjects, for programme {@code HD-GDNN-ANNUAL}, period {@code 2024}, deadline 10/12/2024:
 * <ul>
 * <li>before the deadline: {@code [Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)}</li>
 * <li>on the deadline day: {@code [Cascade] Nhắc hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (hạn cuối là hôm nay)}</li>
 * <li>overdue: {@code [Cascade] Quá hạn báo cáo: HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (đã quá hạn 1 ngày)}</li>
 * <li>escalation to the parent: {@code [Cascade] Đơn vị chưa gửi báo cáo: Thị trấn Thanh Hà (10813) — HD-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (đã quá hạn 3 ngày)}</li>
 * </ul>
 * The day count is the reminder's own day against the deadline, so a retried send says the same as the first try.
 * A unit that owes the report in place of others (the 2025 reform) is told so in the details, in both languages:
 * {@code Báo cáo thay cho: 06808, 06814 (một phần)} / {@code The report is owed in place of 06808, 06814 (in part: a
 * partial merge).}
 */
public record ReminderMail(String subject, String body, String link) {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /**
     * What a reminder is about.
     *
     * @param programmeLabel the programme's title when known, else its code
     * @param reminderDay    the day the reminder is for (its due day in Asia/Ho_Chi_Minh)
     * @param link           where the reader acts: the obligation's report form ({@link PortalLinks#obligation}),
     *                       for an escalation the parent's roll-up at its missing units ({@link PortalLinks#missing})
     * @param replaces       the units whose report the unit owes in their place (the 2025 reform); empty: its own
     * @param partial        it replaces only a part of one of them (a partial merge)
     */
    public record Facts(ReminderKind kind, LocalDate reminderDay, String unitCode, String unitName, String parentCode,
                        String parentName, String programme, String programmeLabel, String period,
                        LocalDate deadline, String link, List<String> replaces, boolean partial) {

        public Facts {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reminderDay, "reminderDay");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(link, "link");
            replaces = replaces == null ? List.of() : List.copyOf(replaces);
        }

        /** A report the unit owes for itself. */
        public Facts(ReminderKind kind, LocalDate reminderDay, String unitCode, String unitName, String parentCode,
                     String parentName, String programme, String programmeLabel, String period, LocalDate deadline,
                     String link) {
            this(kind, reminderDay, unitCode, unitName, parentCode, parentName, programme, programmeLabel, period,
                    deadline, link, List.of(), false);
        }
    }

    public static ReminderMail compose(Facts f) {
        long daysLeft = ChronoUnit.DAYS.between(f.reminderDay(), f.deadline());
        String deadline = DAY.format(f.deadline());
        String report = f.programmeLabel() + " kỳ " + f.period();
        String status = daysLeft > 0 ? "còn " + daysLeft + " ngày"
                : daysLeft == 0 ? "hạn cuối là hôm nay" : "đã quá hạn " + -daysLeft + " ngày";
        boolean escalation = f.kind().audience() == ReminderKind.Audience.PARENT;

        String subject = escalation
                ? "[Cascade] Đơn vị chưa gửi báo cáo: " + f.unitName() + " (" + f.unitCode() + ") — " + report
                + " — hạn " + deadline + " (" + status + ")"
                : "[Cascade] " + (daysLeft >= 0 ? "Nhắc hạn báo cáo: " : "Quá hạn báo cáo: ") + report
                + " — hạn " + deadline + " (" + status + ")";

        // a successor of the 2025 reform is told whose report it owes: "Báo cáo thay cho: 06808, 06814 (một phần)"
        String inPlaceOf = f.replaces().isEmpty() ? ""
                : String.join(", ", f.replaces()) + (f.partial() ? " (một phần)" : "");
        String details = """
                    Chế độ báo cáo: %s
                    Kỳ báo cáo: %s
                    Hạn gửi báo cáo: %s (%s)
                """.formatted(f.programmeLabel(), f.period(), deadline, status)
                + (inPlaceOf.isEmpty() ? "" : "    Báo cáo thay cho: " + inPlaceOf + "\n");
        String inPlaceOfEnglish = f.replaces().isEmpty() ? "" : " The report is owed in place of "
                + String.join(", ", f.replaces()) + (f.partial() ? " (in part: a partial merge)" : "") + ".";
        // the link alone on its line, nothing after it, so that every mail client makes it clickable as a whole
        String howToSubmit = "Mở biểu mẫu báo cáo: " + f.link() + "\nBáo cáo gồm số liệu theo biểu mẫu và phần "
                + "thuyết minh (kết quả đạt được; tồn tại, hạn chế; khó khăn, vướng mắc; kiến nghị, đề xuất).";

        String vietnamese;
        String english;
        if (escalation) {
            vietnamese = """
                    Kính gửi: %s (mã đơn vị %s),

                    Hệ thống Cascade xin thông báo: đơn vị trực thuộc %s (mã đơn vị %s) chưa gửi báo cáo định kỳ sau đây, đã quá hạn %d ngày.
                    %s
                    Đề nghị quý cơ quan đôn đốc %s gửi báo cáo.
                    Xem danh sách các đơn vị chưa gửi báo cáo: %s
                    """.formatted(f.parentName(), f.parentCode(), f.unitName(), f.unitCode(), -daysLeft, details,
                    f.unitName(), f.link());
            english = ("%s (%s), which reports to %s, has not submitted the report %s for period %s, due %s: it is %s "
                    + "overdue.%s Please follow up with the unit.\nSee the units that have not reported: %s")
                    .formatted(f.unitName(), f.unitCode(), f.parentName(), f.programmeLabel(), f.period(), deadline,
                            days(-daysLeft), inPlaceOfEnglish, f.link());
        } else {
            String lead = daysLeft > 0
                    ? "Hệ thống Cascade xin nhắc: đơn vị còn " + daysLeft + " ngày để gửi báo cáo định kỳ sau đây."
                    : daysLeft == 0
                    ? "Hệ thống Cascade xin nhắc: hôm nay là hạn cuối để đơn vị gửi báo cáo định kỳ sau đây."
                    : "Hệ thống Cascade xin thông báo: đơn vị chưa gửi báo cáo định kỳ sau đây, đã quá hạn "
                    + -daysLeft + " ngày. Đề nghị đơn vị gửi báo cáo ngay.";
            vietnamese = """
                    Kính gửi: %s (mã đơn vị %s),

                    %s
                    %s
                    %s
                    Nếu đơn vị đã gửi báo cáo, xin vui lòng bỏ qua thư này.
                    """.formatted(f.unitName(), f.unitCode(), lead, details, howToSubmit);
            String when = daysLeft > 0 ? "has " + days(daysLeft) + " left to submit"
                    : daysLeft == 0 ? "must submit today" : "is " + days(-daysLeft) + " late with";
            english = ("Reminder: %s (%s) %s the report %s for period %s; the deadline is %s.%s If the report has "
                    + "already been submitted, please ignore this message.\nOpen the report form: %s")
                    .formatted(f.unitName(), f.unitCode(), when, f.programmeLabel(), f.period(), deadline,
                            inPlaceOfEnglish, f.link());
        }
        String body = vietnamese + """

                Trân trọng,
                Hệ thống Cascade (thư gửi tự động, xin không trả lời thư này)

                ----------------------------------------
                English: %s
                This message was sent automatically by Cascade; please do not reply.
                """.formatted(english);
        return new ReminderMail(subject, body, f.link());
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
