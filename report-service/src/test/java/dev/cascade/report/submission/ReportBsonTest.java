package dev.cascade.report.submission;

import dev.cascade.contracts.events.TaskProgress;
import dev.cascade.contracts.events.TaskStatus;
import dev.cascade.platform.test.SpringDataMapping;
import dev.cascade.report.ReportSlices;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A report document as {@link ReportBson} writes it is the document Spring Data's mapping writes, with this service's
 * conversions (the application's own converter): the same BSON, field by field and in the same order, so that the
 * mapping reads it and documents stored before and after are alike.
 */
class ReportBsonTest extends ReportSlices.Store {

    @Test
    void writesTheReportSpringDataWritesFieldByField() {
        for (Report report : List.of(full(), sparse(), ReportControllerTest.report("r-3", "10813", 3,
                ReportStatus.SUBMITTED))) {
            Document bySpring = new Document();
            mongo.getConverter().write(report, bySpring);

            // extended JSON names every BSON type: an int64 where Spring wrote an int32 is a difference
            assertThat(ReportBson.write(report).toJson(SpringDataMapping.EXACT))
                    .isEqualTo(bySpring.toJson(SpringDataMapping.EXACT));
            assertThat(mongo.getConverter().read(Report.class, ReportBson.write(report))).isEqualTo(report);
        }
    }

    @Test
    void aVersionPushedAsWrittenByHandReadsBackAsTheVersion() {
        Report first = ReportControllerTest.report("r-1", "10813", 1, ReportStatus.SUBMITTED);
        mongo.insert(ReportBson.write(first), ReportStore.COLLECTION);
        ReportVersion second = version(2, new BigDecimal("0.1"), "key-2");
        ReportVersion third = version(3, null, null);

        for (ReportVersion next : List.of(second, third)) {
            mongo.updateFirst(query(where("_id").is("r-1")), new Update().push("versions", ReportBson.version(next))
                    .set("latestVersion", next.version()), Report.class, ReportStore.COLLECTION);
        }

        Report read = mongo.findById("r-1", Report.class, ReportStore.COLLECTION);
        assertThat(read.versions()).containsExactly(first.latest(), second, third);
        Document stored = mongo.findById("r-1", Document.class, ReportStore.COLLECTION);
        Document bySpring = new Document();
        mongo.getConverter().write(new Report("r-1", first.programme(), first.period(), first.unitCode(),
                first.parentCode(), first.planId(), first.obligationId(), false, first.firstSubmittedAt(), 3,
                List.of(first.latest(), second, third), ReportStatus.SUBMITTED, List.of(), List.of()), bySpring);
        assertThat(stored.toJson(SpringDataMapping.EXACT)).isEqualTo(bySpring.toJson(SpringDataMapping.EXACT));
    }

    /** Every field and list filled: a withdrawn, re-submitted and reviewed report. */
    private static Report full() {
        Instant at = Instant.parse("2024-12-05T02:15:03.120Z");
        return new Report("r-1", "HD-GDNN-ANNUAL", "2024", "10813", "294", "KH-30-2023-2625", "o-1", true, at, 3,
                List.of(version(1, new BigDecimal("35"), "key-1"), version(3, new BigDecimal("1E+3"), null)),
                ReportStatus.RETURNED,
                List.of(new Review(3, ReportStatus.RETURNED, "294", "reviewer-294", at.plusSeconds(60), "thiếu số liệu"),
                        new Review(1, ReportStatus.ACCEPTED, "294", "reviewer-294", at.plusSeconds(30), null)),
                List.of(new Withdrawal(2, "reporter-10813", "10813", at.plusSeconds(10), "nhầm kỳ")));
    }

    /** Absent values left out: no parent, plan, times, tasks or narrative. */
    private static Report sparse() {
        return new Report("r-2", "HD-GDNN-ANNUAL", "2024", "31", null, null, "o-2", false, null, 1,
                List.of(new ReportVersion(1, null, null, List.of(new ReportedValue("GDNN_ENROLLED", null, null, null)),
                        null, null, null, null, null)),
                null, null, null);
    }

    private static ReportVersion version(int n, BigDecimal value, String key) {
        return new ReportVersion(n, "reporter-10813", Instant.parse("2024-12-04T02:00:00Z").plusSeconds(n),
                List.of(new ReportedValue("GDNN_ENROLLED", value, null, null),
                        new ReportedValue("GDNN_DROPOUT_RATE", new BigDecimal("6.0"), new BigDecimal("12"),
                                new BigDecimal("200"))),
                List.of(new TaskProgress("1", TaskStatus.IN_PROGRESS, "đang tuyển"),
                        new TaskProgress("2", TaskStatus.DONE, null)),
                List.of(new NarrativeSection("results", "Đạt kế hoạch")), "10813", "reporter-10813", key);
    }
}
