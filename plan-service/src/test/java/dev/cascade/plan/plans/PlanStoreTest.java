package dev.cascade.plan.plans;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.plan.PlanSlices;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanActors;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.Programme;
import dev.cascade.plan.plans.domain.Revocation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plans collection against the embedded store: version-guarded writes, the unique programme code, the queries. */
@Import(PlanStore.class)
class PlanStoreTest extends PlanSlices.Store {

    static final Instant LATER = Instant.parse("2023-12-01T02:00:00Z");
    static final IndicatorDefinition ENROLLED = new IndicatorDefinition("GDNN_ENROLLED", "Tuyển sinh", "người",
            IndicatorKind.COUNT, AggregationRule.SUM, null, null);

    @Autowired
    PlanStore store;

    /** {@link PlanControllerTest#draft()} under another number and programme code. */
    static Plan draft(String number, String programmeCode) {
        PlanContent c = PlanControllerTest.draft().content();
        Programme p = c.programme();
        return Plan.draft(new PlanContent(number, c.title(), c.issuerUnitCode(), c.issueDate(), c.basis(),
                c.horizonStart(), c.horizonEnd(), c.targets(), c.tasks(), new Programme(programmeCode, p.title(),
                p.frequency(), p.indicators(), p.outline(), p.deadlines()), c.reportingUnits(), c.warnings()),
                PlanControllerTest.draft().periods(), PlanControllerTest.CREATED, "planner-30");
    }

    @Test
    void aPlanReadsBackAsWrittenThroughEveryStateItsDocumentHolds() {
        Plan draft = PlanControllerTest.draft();
        store.insert(draft);
        assertThat(store.find(draft.planId())).contains(draft);

        List<ReportingSuccession> successions = List.of(new ReportingSuccession("30", LocalDate.of(2025, 7, 1),
                SuccessionReason.MERGED, List.of(new SuccessorUnit("31", false)), "Nghị quyết 202/2025/QH15"),
                new ReportingSuccession("10816", LocalDate.of(2025, 7, 1), SuccessionReason.MERGED,
                        List.of(new SuccessorUnit("10660", true), new SuccessorUnit("10816", true)), null));
        Plan revoked = draft.issue(draft.periods(), List.of(ENROLLED), successions, LATER, "planner-30")
                .revoke(new Revocation(LocalDate.of(2024, 6, 1), "Chủ tịch UBND", "thay thế"), LATER, "planner-30");
        assertThat(store.replace(revoked, draft.version())).isTrue();

        assertThat(store.find(draft.planId())).contains(revoked);
        assertThat(store.find(draft.planId()).orElseThrow().successions()).isEqualTo(successions);
        assertThat(store.find(draft.planId()).orElseThrow().actors())
                .isEqualTo(new PlanActors("planner-30", null, "planner-30", null, "planner-30"));
        assertThat(store.issuerOf(draft.planId())).contains("30");
        assertThat(store.find("KH-30-2023-0")).isEmpty();
        assertThat(store.issuerOf("KH-30-2023-0")).isEmpty();
    }

    @Test
    void aReplaceBasedOnAnOlderVersionChangesNothing() {
        Plan draft = PlanControllerTest.draft();
        store.insert(draft);
        Plan issued = draft.issue(draft.periods(), List.of(ENROLLED), List.of(), LATER, "planner-30");
        assertThat(store.replace(issued, draft.version())).isTrue();

        Plan staleRevision = draft.revise(draft.content(), List.of(), LATER.plusSeconds(60), "planner-30");
        assertThat(store.replace(staleRevision, draft.version())).as("written on version 1, now 2").isFalse();

        Plan stored = store.find(draft.planId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PlanStatus.ISSUED);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.dataForm()).containsExactly(ENROLLED);
    }

    @Test
    void aSecondPlanWithTheSameIdOrProgrammeCodeIsAConflictNamingItsField() {
        store.insert(draft("2625/KH-UBND", "HD-GDNN-ANNUAL"));

        assertThatThrownBy(() -> store.insert(draft("2625/KH-UBND", "OTHER-CODE")))
                .isInstanceOf(PlanConflict.class).hasMessage("plan KH-30-2023-2625 already exists")
                .extracting(e -> ((PlanConflict) e).field()).isEqualTo("number");
        assertThatThrownBy(() -> store.insert(draft("118/KH-UBND", "HD-GDNN-ANNUAL")))
                .isInstanceOf(PlanConflict.class).hasMessage("programme code HD-GDNN-ANNUAL is used by another plan")
                .extracting(e -> ((PlanConflict) e).field()).isEqualTo("programme.code");
        assertThat(store.all()).extracting(Plan::planId).containsExactly("KH-30-2023-2625");
    }

    @Test
    void plansAreFoundByProgrammeCodeAndListedById() {
        store.insert(draft("300/KH-UBND", "BC-Y-TE"));
        store.insert(draft("118/KH-UBND", "HD-GDNN-ANNUAL"));

        assertThat(store.planWithProgramme("HD-GDNN-ANNUAL")).contains("KH-30-2023-118");
        assertThat(store.planWithProgramme("NOPE")).isEmpty();
        assertThat(store.all()).extracting(Plan::planId).containsExactly("KH-30-2023-118", "KH-30-2023-300");
    }

    @Test
    void issuedUnpublishedIsEveryPublishedStateNotMarkedForItsCurrentVersion() {
        Plan draftOnly = draft("1/KH", "A");
        Plan issued = draft("2/KH", "B");
        Plan published = draft("3/KH", "C");
        List.of(draftOnly, issued, published).forEach(store::insert);
        Plan issuedB = issued.issue(issued.periods(), List.of(ENROLLED), List.of(), LATER, "planner-30");
        Plan issuedC = published.issue(published.periods(), List.of(ENROLLED), List.of(), LATER, "planner-30");
        store.replace(issuedB, 1);
        store.replace(issuedC, 1);

        store.markPublished(issuedC.planId(), issuedC.version());
        store.markPublished(issuedB.planId(), 1);

        assertThat(store.issuedUnpublished()).extracting(Plan::planId).containsExactly("KH-30-2023-2");
        assertThat(store.find("KH-30-2023-3")).get().extracting(Plan::published).isEqualTo(true);
    }
}
