package dev.cascade.report.submission;

import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Role;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.GoldenFiles;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.ObligationOpening;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.unit.UnitCopy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Producer side of the contract: the events of the golden sample, built by the real code (the golden plan read as
 * a programme, its obligation opened, the request read and turned into report versions) and serialized by the
 * service's mapper, are the golden JSON.
 */
class ReportEventsGoldenIT extends ReportServiceTestSupport {

    private static final String REPORT_ID = "6f1c2a8e-3b4d-4e5f-9a7b-1c2d3e4f5a6b";

    @Autowired
    OutboxEvents events;

    private Obligation goldenObligation() {
        return goldenObligation("10813");
    }

    private Obligation goldenObligation(String unitCode) {
        PlanIssued plan = json.readValue(GoldenFiles.read(EventTypes.PLAN_ISSUED), PlanIssued.class);
        Programme programme = new Programme(plan.programme().code(), plan.planId(), plan.version(),
                plan.programme().title(), plan.programme().frequency(), plan.programme().dataForm(),
                plan.programme().outline(), plan.programme().periods(), plan.reportingUnits(),
                plan.tasks().stream().map(PlanTask::number).toList(), List.of(), null, plan.issuerUnitCode(),
                plan.successions(), plan.version());
        UnitUpserted unit = json.readValue(GoldenFiles.read(EventTypes.UNIT_UPSERTED), UnitUpserted.class);
        List<UnitCopy> units = TestData.units().stream().map(u -> new UnitCopy(u.code(), u.placements(), u.version()))
                .toList();
        return ObligationOpening.open(programme, programme.period("2024").orElseThrow(),
                        code -> code.equals("10813") ? Optional.of(new UnitCopy(unit.code(), unit.placements(),
                                unit.version())) : units.stream().filter(u -> u.code().equals(code)).findFirst(),
                        Instant.parse("2023-12-15T00:00:00Z"))
                .stream().filter(o -> o.unitCode().equals(unitCode)).findFirst().orElseThrow();
    }

    /** The request that would produce the golden event of {@code type}: its values, tasks and narrative. */
    private SubmissionRequest requestOf(String type) {
        JsonNode golden = json.readTree(GoldenFiles.read(type));
        ObjectNode request = json.createObjectNode();
        request.put("unitCode", golden.get("unitCode").asString());
        request.put("programme", golden.get("programme").asString());
        request.put("period", golden.get("period").asString());
        request.set("values", golden.get("values"));
        request.set("tasks", golden.get("tasks"));
        request.set("narrative", golden.get("narrative"));
        return json.readValue(request.toString(), SubmissionRequest.class);
    }

    /** Who submitted the golden report of {@code type}: its {@code submittedBy} is the subject of their token. */
    private Caller submitterOf(String type) {
        JsonNode golden = json.readTree(GoldenFiles.read(type));
        return new Caller(golden.get("submittedBy").asString(), "Nguyễn Văn An", golden.get("unitCode").asString(),
                Set.of(Role.REPORTER));
    }

    /** The event of {@code type} about {@code obligation}, composed as the service composes it, matches its golden. */
    private OutboxEvent obligationEventMatchingTheGolden(String type, Obligation obligation, long version,
                                                         Instant time, Object payload) {
        OutboxEvent event = events.compose(type, Topics.OBLIGATIONS, obligation.unitCode(), obligation.id(), version,
                time, payload);
        GoldenFiles.assertMatches(type, event.payloadText());
        return event;
    }

    @Test
    void reportSubmittedMatchesTheGolden() {
        Obligation obligation = goldenObligation();
        ReportVersion first = ReportVersion.of(1, requestOf(EventTypes.REPORT_SUBMITTED),
                Instant.parse("2024-12-04T02:15:00Z"), submitterOf(EventTypes.REPORT_SUBMITTED), null);
        Report report = Report.first(REPORT_ID, obligation, first);

        var event = events.compose(EventTypes.REPORT_SUBMITTED, Topics.REPORTS, report.rollUpKey(), report.id(), 1,
                first.submittedAt(), report.event(first));

        GoldenFiles.assertMatches(EventTypes.REPORT_SUBMITTED, event.payloadText());
        assertThat(event.key()).isEqualTo("294");
    }

    @Test
    void reportRevisedMatchesTheGolden() {
        Obligation obligation = goldenObligation();
        Report report = Report.first(REPORT_ID, obligation, ReportVersion.of(1,
                requestOf(EventTypes.REPORT_SUBMITTED), Instant.parse("2024-12-04T02:15:00Z"), submitterOf(EventTypes.REPORT_SUBMITTED), null));
        ReportVersion second = ReportVersion.of(2, requestOf(EventTypes.REPORT_REVISED),
                Instant.parse("2024-12-09T03:30:00Z"), submitterOf(EventTypes.REPORT_REVISED), null);

        var event = events.compose(EventTypes.REPORT_REVISED, Topics.REPORTS, report.rollUpKey(), report.id(), 2,
                second.submittedAt(), report.event(second));

        GoldenFiles.assertMatches(EventTypes.REPORT_REVISED, event.payloadText());
    }

    @Test
    void obligationFulfilledMatchesTheGolden() {
        Obligation obligation = goldenObligation();
        Report report = Report.first(REPORT_ID, obligation, ReportVersion.of(1,
                requestOf(EventTypes.REPORT_SUBMITTED), Instant.parse("2024-12-04T02:15:00Z"), submitterOf(EventTypes.REPORT_SUBMITTED), null));
        ObligationFulfilled fulfilment = report.fulfilment(obligation);

        OutboxEvent event = obligationEventMatchingTheGolden(EventTypes.OBLIGATION_FULFILLED, obligation,
                fulfilment.version(), fulfilment.fulfilledAt(), fulfilment);
        assertThat(event.key()).as("the report's unit, whose obligation it is").isEqualTo(report.unitCode())
                .isEqualTo("10813");
    }

    @Test
    void obligationOverdueMatchesTheGolden() {
        Obligation obligation = goldenObligation("10507");
        var overdue = obligation.overdue(obligation.dueAt());

        assertThat(obligationEventMatchingTheGolden(EventTypes.OBLIGATION_OVERDUE, obligation, overdue.version(),
                overdue.overdueSince(), overdue).key()).isEqualTo("10507");
    }

    @Test
    void reportReturnedAcceptedAndWithdrawnMatchTheGoldens() {
        Report report = Report.first(REPORT_ID, goldenObligation(), ReportVersion.of(1,
                requestOf(EventTypes.REPORT_SUBMITTED), Instant.parse("2024-12-04T02:15:00Z"), submitterOf(EventTypes.REPORT_SUBMITTED), null));
        Review returned = new Review(1, ReportStatus.RETURNED, "294", "Trần Thị Bình",
                Instant.parse("2024-12-05T02:00:00Z"), "Mẫu số tỷ lệ tuyển sinh chưa khớp số học sinh tốt nghiệp THCS");
        Review accepted = new Review(2, ReportStatus.ACCEPTED, "294", "Trần Thị Bình",
                Instant.parse("2024-12-10T02:00:00Z"), null);
        Withdrawal withdrawal = new Withdrawal(3, "Nguyễn Văn An", "10813", Instant.parse("2024-12-11T03:00:00Z"),
                "Nộp nhầm kỳ báo cáo");

        var returnedEvent = events.compose(EventTypes.REPORT_RETURNED, Topics.REPORTS, report.rollUpKey(),
                report.id(), 1, returned.reviewedAt(), report.event(returned));
        var acceptedEvent = events.compose(EventTypes.REPORT_ACCEPTED, Topics.REPORTS, report.rollUpKey(),
                report.id(), 2, accepted.reviewedAt(), report.event(accepted));
        var withdrawnEvent = events.compose(EventTypes.REPORT_WITHDRAWN, Topics.REPORTS, report.rollUpKey(),
                report.id(), 3, withdrawal.withdrawnAt(), report.event(withdrawal));

        GoldenFiles.assertMatches(EventTypes.REPORT_RETURNED, returnedEvent.payloadText());
        GoldenFiles.assertMatches(EventTypes.REPORT_ACCEPTED, acceptedEvent.payloadText());
        GoldenFiles.assertMatches(EventTypes.REPORT_WITHDRAWN, withdrawnEvent.payloadText());
        assertThat(List.of(returnedEvent.key(), acceptedEvent.key(), withdrawnEvent.key()))
                .containsOnly("294");
    }

    /** {@code o} as it would be at {@code version} with {@code status}, in {@code period}. */
    private static Obligation at(Obligation o, String period, ObligationStatus status, long version) {
        return new Obligation(Obligation.idOf(o.programme(), period, o.unitCode()), o.planId(), o.programme(), period,
                o.unitCode(), o.level(), o.parentCode(), o.ancestors(), o.deadline(), o.dueAt(), status,
                status.fulfilled() ? REPORT_ID : null, null, null, o.openedAt(), version, o.replaces(),
                o.partialSuccession(), null, null, null);
    }

    @Test
    void obligationClosedMatchesTheGolden() {
        // the golden closes 10507's 2025 obligation with its 2024 parent (288); the real 2025 parent is 31
        Obligation open = at(goldenObligation("10507"), "2025", ObligationStatus.OPEN, 1);
        var closed = open.closed(ClosureReason.NO_LONGER_REQUIRED, Instant.parse("2025-03-12T03:00:00Z"));

        assertThat(obligationEventMatchingTheGolden(EventTypes.OBLIGATION_CLOSED, open, closed.version(),
                closed.closedAt(), closed).key()).isEqualTo("10507");
    }

    @Test
    void obligationReopenedMatchesTheGolden() {
        Obligation fulfilled = at(goldenObligation("10507"), "2024", ObligationStatus.FULFILLED_ON_TIME, 2);
        // the golden names the report by its obligation's id; the service's report ids are UUIDs
        var reopened = fulfilled.reopened("HD-GDNN-ANNUAL|2024|10507", Instant.parse("2024-12-03T02:30:00Z"));

        assertThat(obligationEventMatchingTheGolden(EventTypes.OBLIGATION_REOPENED, fulfilled, reopened.version(),
                reopened.reopenedAt(), reopened).key()).isEqualTo("10507");
    }

    @Test
    void obligationRescheduledMatchesTheGolden() {
        Obligation open = goldenObligation("10507");
        var rescheduled = open.rescheduled(java.time.LocalDate.of(2024, 12, 12), Instant.parse("2024-12-02T01:00:00Z"));

        assertThat(obligationEventMatchingTheGolden(EventTypes.OBLIGATION_RESCHEDULED, open, rescheduled.version(),
                rescheduled.rescheduledAt(), rescheduled).key()).isEqualTo("10507");
    }
}
