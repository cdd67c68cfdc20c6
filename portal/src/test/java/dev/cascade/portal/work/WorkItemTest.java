package dev.cascade.portal.work;

import dev.cascade.portal.api.Report;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.Q4;
import static dev.cascade.portal.Fixtures.count;
import static dev.cascade.portal.Fixtures.obligation;
import static dev.cascade.portal.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

/** A line of "my work": its status joins the obligation's with its report's review, and its rank. */
class WorkItemTest {

    @Test
    void withoutAReportTheObligationsStatusAndRank() {
        assertThat(item("OVERDUE", null)).extracting(WorkItem::status, WorkItem::rank).containsExactly("OVERDUE", 0);
        assertThat(item("OPEN", null)).extracting(WorkItem::status, WorkItem::rank).containsExactly("OPEN", 2);
    }

    @Test
    void aReturnedOrWithdrawnReportOutranksAnOpenObligation() {
        WorkItem returned = item("FULFILLED_ON_TIME", returned(reportWith("RETURNED"), "Sai mẫu số"));
        assertThat(returned).extracting(WorkItem::status, WorkItem::rank).containsExactly("RETURNED", 1);
        assertThat(returned.returnReason()).isEqualTo("Sai mẫu số");

        WorkItem withdrawn = item("FULFILLED_LATE", reportWith("WITHDRAWN"));
        assertThat(withdrawn).extracting(WorkItem::status, WorkItem::rank).containsExactly("WITHDRAWN", 1);
        assertThat(withdrawn.returnReason()).isNull();
    }

    @Test
    void aSubmittedOrAcceptedReportLeavesTheObligationsStatus() {
        assertThat(item("FULFILLED_ON_TIME", reportWith("SUBMITTED")))
                .extracting(WorkItem::status, WorkItem::rank).containsExactly("FULFILLED_ON_TIME", 3);
        assertThat(item("FULFILLED_LATE", reportWith("ACCEPTED")))
                .extracting(WorkItem::status, WorkItem::rank).containsExactly("FULFILLED_LATE", 3);
        assertThat(item("FULFILLED_LATE", reportWith("ACCEPTED")).returnReason()).isNull();
    }

    @Test
    void aReturnWithoutAReviewOnRecordHasNoReason() {
        assertThat(item("FULFILLED_ON_TIME", reportWith("RETURNED")).returnReason()).isNull();
    }

    @Test
    void theReasonIsTheLastReviews() {
        Report twice = returned(returned(reportWith("RETURNED"), "Lần 1"), "Lần 2");
        assertThat(item("FULFILLED_ON_TIME", twice).returnReason()).isEqualTo("Lần 2");
    }

    private static WorkItem item(String status, Report report) {
        return new WorkItem(obligation(Q4, status, report == null ? null : report.reportId()), report, "Chế độ",
                "Kế hoạch", 3);
    }

    private static Report reportWith(String status) {
        return report("R-Q4", Q4, status, Map.of("TE01", count("1")));
    }

    private static Report returned(Report report, String reason) {
        List<Report.Review> reviews = new java.util.ArrayList<>(report.reviews());
        reviews.add(new Report.Review(report.version(), "RETURNED", "108", "tran.thi.b",
                Instant.parse("2024-12-03T08:30:00Z"), reason));
        return new Report(report.reportId(), report.unitCode(), report.parentCode(), report.programme(),
                report.period(), report.planId(), report.obligationId(), report.late(), report.firstSubmittedAt(),
                report.version(), report.submittedBy(), report.submittedAt(), report.values(), report.tasks(),
                report.narrative(), report.versions(), report.status(), reviews, report.withdrawals());
    }
}
