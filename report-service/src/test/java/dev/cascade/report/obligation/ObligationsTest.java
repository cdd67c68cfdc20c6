package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.test.TestClock;
import dev.cascade.platform.tracing.TraceParents;
import dev.cascade.report.ReportSlices;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.cascade.contracts.events.ObligationStatus.FULFILLED_LATE;
import static dev.cascade.contracts.events.ObligationStatus.FULFILLED_ON_TIME;
import static dev.cascade.contracts.events.ObligationStatus.OPEN;
import static dev.cascade.contracts.events.ObligationStatus.OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The obligations collection against the embedded store: the queries of {@code GET /obligations}, overdue marking and
 * fulfilment, each a conditional write with its event in the obligation's outbox. Programmes, units and the reports
 * written are mocks; obligations are stored as written by the opening.
 */
@Import({Obligations.class, ObligationOutcomes.class, ObligationsTest.RealEvents.class})
class ObligationsTest extends ReportSlices.Store {

    /** 6 December 2024, 00:30 in Hanoi: the communes' deadline day (the 5th) has just ended. */
    @TestClock
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-12-05T17:30:00Z"), ZoneOffset.UTC);

    @MockitoSpyBean
    Obligations obligations;
    @Autowired
    ObligationOutcomes outcomes;
    @MockitoBean
    Programmes programmes;
    @MockitoBean
    Units units;
    @MockitoBean
    ReportsWritten reports;

    /** Events composed as in production: payload in JSON, an id from type, obligation and version. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RealEvents {

        @Bean
        OutboxEvents outboxEvents() {
            return new OutboxEvents(JsonMapper.builder().build(), TraceParents.none());
        }
    }

    /** Stores {@code obligation} as the opening writes it (without events). */
    void stored(Obligation... opened) {
        for (Obligation o : opened) {
            mongo.insert(OutboxDocuments.withPending(mongo.getConverter(), o, List.of(), null), Obligations.COLLECTION);
        }
    }

    static Obligation of(String programme, String unitCode, String parentCode, ObligationStatus status) {
        Obligation o = ObligationControllerTest.obligation(unitCode, status, status == OPEN ? 1 : 2);
        return new Obligation(Obligation.idOf(programme, o.period(), unitCode), o.planId(), programme, o.period(),
                unitCode, o.level(), parentCode, List.of(parentCode, "30"), o.deadline(), o.dueAt(), status,
                o.reportId(), o.fulfilledAt(), o.overdueSince(), o.openedAt(), o.version(), List.of(), false, null,
                null, null);
    }

    @Test
    void byUnitAndBeneathAUnitOptionallyOfOneStatusOrderedByProgrammePeriodAndUnit() {
        stored(of("HD-GDNN-ANNUAL", "10816", "294", OPEN), of("HD-GDNN-ANNUAL", "10813", "294", FULFILLED_ON_TIME),
                of("BC-Y-TE", "10813", "294", OPEN), of("HD-GDNN-ANNUAL", "10900", "295", OPEN));

        assertThat(obligations.ofUnit("10813", null)).extracting(Obligation::id)
                .containsExactly("BC-Y-TE|2024|10813", "HD-GDNN-ANNUAL|2024|10813");
        assertThat(obligations.ofUnit("10813", OPEN)).extracting(Obligation::id)
                .containsExactly("BC-Y-TE|2024|10813");
        assertThat(obligations.under("294", OPEN)).extracting(Obligation::id)
                .containsExactly("BC-Y-TE|2024|10813", "HD-GDNN-ANNUAL|2024|10816");
        assertThat(obligations.under("30", null)).hasSize(4);
        assertThat(obligations.under("10813", null)).isEmpty();
        assertThat(obligations.find("HD-GDNN-ANNUAL|2024|10816")).contains(of("HD-GDNN-ANNUAL", "10816", "294", OPEN));
        assertThat(obligations.count(OPEN)).isEqualTo(3);
    }

    @Test
    void anOpenObligationPastItsDeadlineWithoutAReportFallsOverdueOnceWithItsEvent() {
        Obligation open = of("HD-GDNN-ANNUAL", "10813", "294", OPEN);
        Obligation reported = of("HD-GDNN-ANNUAL", "10816", "294", OPEN);
        stored(open, reported, of("HD-GDNN-ANNUAL", "10825", "294", FULFILLED_ON_TIME));
        when(reports.written("HD-GDNN-ANNUAL", "2024", "10816")).thenReturn(true);

        assertThat(outcomes.markOverdue()).isEqualTo(1);
        assertThat(outcomes.markOverdue()).as("a second run").isZero();

        Obligation overdue = obligations.find(open.id()).orElseThrow();
        assertThat(overdue.status()).isEqualTo(OVERDUE);
        assertThat(overdue.overdueSince()).isEqualTo(CLOCK.instant());
        assertThat(overdue.version()).isEqualTo(2);
        List<OutboxEvent> pending = OutboxDocuments.pending(mongo, Obligations.COLLECTION, open.id());
        assertThat(pending).extracting(OutboxEvent::type, OutboxEvent::key, OutboxEvent::subject)
                .containsExactly(tuple(EventTypes.OBLIGATION_OVERDUE, "10813", open.id()));
        assertThat(pending.get(0).eventId())
                .isEqualTo(OutboxEvents.eventId(EventTypes.OBLIGATION_OVERDUE, open.id(), 2));
        assertThat(obligations.find(reported.id())).get().extracting(Obligation::status).isEqualTo(OPEN);
        verify(outbox).publishSoon(Obligations.COLLECTION, open.id());
        verify(outbox, never()).publishSoon(Obligations.COLLECTION, reported.id());
    }

    @Test
    void anObligationNotYetDueStaysOpen() {
        Obligation open = of("HD-GDNN-ANNUAL", "10813", "294", OPEN);
        Obligation later = new Obligation(open.id(), open.planId(), open.programme(), open.period(), open.unitCode(),
                open.level(), open.parentCode(), open.ancestors(), open.deadline().plusDays(1),
                open.dueAt().plusSeconds(86_400), OPEN, null, null, null, open.openedAt(), 1, List.of(), false, null,
                null, null);
        stored(later);

        assertThat(outcomes.markOverdue()).isZero();
        assertThat(obligations.find(open.id())).contains(later);
    }

    @Test
    void aFulfilmentAppliesOnceToAnOpenOrOverdueObligationAndNeverLowersTheVersion() {
        Obligation open = of("HD-GDNN-ANNUAL", "10813", "294", OPEN);
        Obligation overdue = of("HD-GDNN-ANNUAL", "10816", "294", OVERDUE);
        stored(open, overdue);
        Instant at = CLOCK.instant();

        outcomes.applyFulfilment(new ObligationFulfilled(open.id(), "HD-GDNN-ANNUAL", "2024", "10813", "r-1",
                FULFILLED_ON_TIME, at, 2));
        outcomes.applyFulfilment(new ObligationFulfilled(open.id(), "HD-GDNN-ANNUAL", "2024", "10813", "r-2",
                FULFILLED_LATE, at.plusSeconds(60), 2));
        // composed from version 1 while the overdue job made it version 2 (the narrow race): it still applies
        outcomes.applyFulfilment(new ObligationFulfilled(overdue.id(), "HD-GDNN-ANNUAL", "2024", "10816", "r-3",
                FULFILLED_LATE, at, 2));

        Obligation fulfilled = obligations.find(open.id()).orElseThrow();
        assertThat(fulfilled).extracting(Obligation::status, Obligation::reportId, Obligation::fulfilledAt,
                Obligation::version).containsExactly(FULFILLED_ON_TIME, "r-1", at, 2L);
        assertThat(obligations.find(overdue.id()).orElseThrow()).extracting(Obligation::status,
                Obligation::reportId, Obligation::version).containsExactly(FULFILLED_LATE, "r-3", 2L);
    }

    @Test
    void anOpenObligationAtTheVersionItsFulfilmentWasComposedFromIsFulfilledWithoutBeingReadFirst() {
        Obligation open = of("HD-GDNN-ANNUAL", "10813", "294", OPEN);
        stored(open);
        clearInvocations(obligations);

        outcomes.applyFulfilment(new ObligationFulfilled(open.id(), "HD-GDNN-ANNUAL", "2024", "10813", "r-1",
                FULFILLED_ON_TIME, CLOCK.instant(), open.version() + 1));

        verify(obligations, never()).find(any());
        assertThat(obligations.find(open.id()).orElseThrow()).extracting(Obligation::status, Obligation::reportId,
                Obligation::version).containsExactly(FULFILLED_ON_TIME, "r-1", open.version() + 1);
    }

    @Test
    void aFulfilmentComposedBeforeTheObligationWasReopenedDoesNotFulfilItAgain() {
        // reopened (version 3) after its report was withdrawn; the first fulfilment (version 2) is sent again late
        Obligation reopened = of("HD-GDNN-ANNUAL", "10813", "294", OPEN);
        Obligation atVersion3 = new Obligation(reopened.id(), reopened.planId(), reopened.programme(),
                reopened.period(), reopened.unitCode(), reopened.level(), reopened.parentCode(), reopened.ancestors(),
                reopened.deadline(), reopened.dueAt(), OVERDUE, null, null, CLOCK.instant(), reopened.openedAt(), 3,
                List.of(), false, null, null, 3);
        stored(atVersion3);

        outcomes.applyFulfilment(new ObligationFulfilled(reopened.id(), "HD-GDNN-ANNUAL", "2024", "10813", "r-1",
                FULFILLED_ON_TIME, CLOCK.instant().minusSeconds(86_400), 2));
        assertThat(obligations.find(reopened.id())).contains(atVersion3);

        outcomes.applyFulfilment(new ObligationFulfilled(reopened.id(), "HD-GDNN-ANNUAL", "2024", "10813", "r-1",
                FULFILLED_LATE, CLOCK.instant(), 4));
        assertThat(obligations.find(reopened.id()).orElseThrow()).extracting(Obligation::status,
                Obligation::reportId, Obligation::version).containsExactly(FULFILLED_LATE, "r-1", 4L);
    }
}
