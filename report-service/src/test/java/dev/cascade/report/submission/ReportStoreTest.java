package dev.cascade.report.submission;

import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.report.ReportSlices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The reports collection against the embedded store: one report per obligation, and every change conditional on the
 * latest version (and status) its writer read, with its event in the same write.
 */
@Import(ReportStore.class)
class ReportStoreTest extends ReportSlices.Store {

    static final Instant LEASE = Instant.parse("2024-12-04T02:00:30Z");

    @Autowired
    ReportStore store;

    static OutboxEvent event(String id) {
        return new OutboxEvent(id, "cascade.report.submitted", "cascade.reports.v1", "294", "r-1",
                ReportControllerTest.FIRST, "{\"reportId\":\"r-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @BeforeEach
    void leases() {
        when(outbox.newLease()).thenReturn(LEASE);
    }

    @Test
    void theFirstVersionIsWrittenWithItsEventsLeasedAndHandedToTheRelay() {
        Report first = ReportControllerTest.report("r-1", "10813", 1, ReportStatus.SUBMITTED);
        List<OutboxEvent> pending = List.of(event("e-1"), event("e-2"));

        assertThat(store.insertFirst(first, pending)).isTrue();

        assertThat(store.find("r-1")).contains(first);
        assertThat(OutboxDocuments.pending(mongo, ReportStore.COLLECTION, "r-1")).isEqualTo(pending);
        assertThat(OutboxDocuments.leasedUntil(mongo, ReportStore.COLLECTION, "r-1")).isEqualTo(LEASE);
        verify(outbox).publishLeasedSoon(ReportStore.COLLECTION, "r-1", LEASE, pending);
    }

    @Test
    void aSecondFirstReportOfTheSameObligationLosesAndIsNeitherStoredNorHandedOn() {
        store.insertFirst(ReportControllerTest.report("r-1", "10813", 1, ReportStatus.SUBMITTED), List.of(event("e-1")));

        boolean raced = store.insertFirst(ReportControllerTest.report("r-2", "10813", 1, ReportStatus.SUBMITTED),
                List.of(event("e-2")));

        assertThat(raced).isFalse();
        assertThat(store.find("r-2")).isEmpty();
        assertThat(store.findFor("HD-GDNN-ANNUAL", "2024", "10813")).get().extracting(Report::id).isEqualTo("r-1");
        verify(outbox, never()).publishLeasedSoon(any(), eq("r-2"), any(), any());
    }

    @Test
    void aChangeAppliesOnlyToTheLatestVersionItsWriterReadAndCarriesItsEvent() {
        Report read = ReportControllerTest.report("r-1", "10813", 1, ReportStatus.SUBMITTED);
        store.insertFirst(read, List.of());
        ReportVersion second = ReportControllerTest.version(2);

        boolean appended = store.change(read, null, new Update().push("versions", second).set("latestVersion", 2),
                event("e-2"));
        boolean stale = store.change(read, null, new Update().push("versions", ReportControllerTest.version(3))
                .set("latestVersion", 3), event("e-3"));

        assertThat(appended).isTrue();
        assertThat(stale).as("someone else changed it first").isFalse();
        assertThat(store.find("r-1")).contains(ReportControllerTest.report("r-1", "10813", 2, ReportStatus.SUBMITTED));
        assertThat(OutboxDocuments.pending(mongo, ReportStore.COLLECTION, "r-1")).extracting(OutboxEvent::eventId)
                .containsExactly("e-2");
        verify(outbox).publishSoon(ReportStore.COLLECTION, "r-1");
    }

    @Test
    void aChangeConditionalOnAStatusDoesNothingOnceTheStatusMovedOn() {
        store.insertFirst(ReportControllerTest.report("r-1", "10813", 1, ReportStatus.SUBMITTED), List.of());
        Report reviewedMeanwhile = ReportControllerTest.report("r-1", "10813", 1, ReportStatus.ACCEPTED);
        assertThat(store.change(reviewedMeanwhile, ReportStatus.SUBMITTED,
                new Update().set("status", ReportStatus.ACCEPTED), event("e-accepted"))).isTrue();

        boolean returned = store.change(reviewedMeanwhile, ReportStatus.SUBMITTED,
                new Update().set("status", ReportStatus.RETURNED), event("e-returned"));

        assertThat(returned).isFalse();
        assertThat(store.find("r-1")).get().extracting(Report::status).isEqualTo(ReportStatus.ACCEPTED);
        assertThat(OutboxDocuments.pending(mongo, ReportStore.COLLECTION, "r-1")).extracting(OutboxEvent::eventId)
                .containsExactly("e-accepted");
    }

    @Test
    void writtenAndTheLookUpsAnswerByObligationAndId() {
        store.insertFirst(ReportControllerTest.report("r-1", "10813", 1, ReportStatus.SUBMITTED), List.of());

        assertThat(store.written("HD-GDNN-ANNUAL", "2024", "10813")).isTrue();
        assertThat(store.written("HD-GDNN-ANNUAL", "2025", "10813")).isFalse();
        assertThat(store.written("HD-GDNN-ANNUAL", "2024", "10816")).isFalse();
        assertThat(store.findFor("BC-Y-TE", "2024", "10813")).isEmpty();
        assertThat(store.get("r-1").latestVersion()).isEqualTo(1);
        assertThatThrownBy(() -> store.get("r-9")).isInstanceOfSatisfying(RequestRefused.class, refused -> {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.errors()).extracting(e -> e.field()).containsExactly("id");
        });
    }
}
