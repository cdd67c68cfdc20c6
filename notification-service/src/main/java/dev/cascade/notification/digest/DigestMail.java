package dev.cascade.notification.digest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The daily digest for a province's staff in the last week before the deadline, Vietnamese first, then English:
 * {@code [Cascade] Tổng hợp ngày 05/12/2024: 2/5 đơn vị trực thuộc chưa gửi báo cáo Báo cáo năm về giáo dục nghề
 * nghiệp kỳ 2024 — hạn 10/12/2024 (còn 5 ngày)}, with the missing units listed and a link, alone on its line, to the
 * province's roll-up at its missing units in the portal ({@code Xem danh sách các đơn vị chưa gửi báo cáo: <link>} /
 * {@code See the units that have not reported: <link>}); the same link goes with the inbox item and the webhook call.
 */
public record DigestMail(String subject, String body, String link) {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** A unit that has not reported, as listed. */
    public record MissingUnit(String code, String name, String parentName, LocalDate deadline) {
    }

    /**
     * @param expected how many units beneath the province owe this report
     * @param missing  those that have not reported yet, in the order to list
     * @param deadline the earliest deadline among the missing
     * @param link     the province's roll-up at its missing units ({@code PortalLinks#missing})
     */
    public record Facts(LocalDate day, String provinceCode, String provinceName, String programme,
                        String programmeLabel, String period, int expected, List<MissingUnit> missing,
                        LocalDate deadline, String link) {
    }

    public static DigestMail compose(Facts f) {
        long daysLeft = ChronoUnit.DAYS.between(f.day(), f.deadline());
        String deadline = DAY.format(f.deadline());
        String subject = "[Cascade] Tổng hợp ngày " + DAY.format(f.day()) + ": " + f.missing().size() + "/"
                + f.expected() + " đơn vị trực thuộc chưa gửi báo cáo " + f.programmeLabel() + " kỳ " + f.period()
                + " — hạn " + deadline + " (còn " + daysLeft + " ngày)";
        StringBuilder list = new StringBuilder();
        StringBuilder englishList = new StringBuilder();
        for (MissingUnit unit : f.missing()) {
            String where = unit.parentName() == null ? "" : ", " + unit.parentName();
            list.append("  - ").append(unit.name()).append(" (mã ").append(unit.code()).append(where)
                    .append("), hạn ").append(DAY.format(unit.deadline())).append('\n');
            englishList.append("  - ").append(unit.name()).append(" (").append(unit.code()).append(where)
                    .append("), due ").append(DAY.format(unit.deadline())).append('\n');
        }
        String body = """
                Kính gửi: %s (mã đơn vị %s),

                Tình hình gửi báo cáo %s kỳ %s tính đến ngày %s: %d trên %d đơn vị trực thuộc chưa gửi báo cáo; hạn gửi báo cáo %s (còn %d ngày).

                Các đơn vị chưa gửi báo cáo:
                %s
                Đề nghị quý cơ quan đôn đốc các đơn vị trên gửi báo cáo đúng hạn.
                Xem danh sách các đơn vị chưa gửi báo cáo: %s

                Trân trọng,
                Hệ thống Cascade (thư gửi tự động, xin không trả lời thư này)

                ----------------------------------------
                English: daily digest for %s (%s), %s: %d of %d units under you have not reported for %s, period %s; deadline %s (%s left).
                %sSee the units that have not reported: %s
                This message was sent automatically by Cascade; please do not reply.
                """.formatted(f.provinceName(), f.provinceCode(), f.programmeLabel(), f.period(), DAY.format(f.day()),
                f.missing().size(), f.expected(), deadline, daysLeft, list, f.link(), f.provinceName(),
                f.provinceCode(), DAY.format(f.day()), f.missing().size(), f.expected(), f.programmeLabel(),
                f.period(), deadline, daysLeft == 1 ? "1 day" : daysLeft + " days", englishList, f.link());
        return new DigestMail(subject, body, f.link());
    }
}
