package dev.cascade.notification.obligation;

import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.ReportingSeason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A programme's own reminder policy per level, over HTTP, applied to obligations open and to come. */
class PolicyApiIT extends NotificationServiceTestSupport {

    private static final String POLICIES = "/policies/{programme}";


    @Autowired
    dev.cascade.notification.programme.ProgrammeCatalog programmes;
    @Autowired
    ReminderPolicies policies;

    @org.junit.jupiter.api.BeforeEach
    void programmeKnown() {
        programmes.apply(ReportingSeason.plan(java.util.List.of("10825")));
    }

    @Test
    void refusesAPolicyForAProgrammeNobodyKnowsAndStoresNothing() {
        var response = putJson(POLICIES, "NO-SUCH-PROGRAMME", "{\"levels\":{\"COMMUNE\":[\"REMINDER_DUE_TODAY\"]}}");

        assertThat(response).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("programme");
        assertThat(policies.override("NO-SUCH-PROGRAMME")).isEmpty();
    }

    @Test
    void aProgrammesPolicyForCommunesReschedulesItsOpenObligationsAndLeavesOtherLevelsOnTheDefaults() {
        clockAt("2024-12-01T09:00:00+07:00");
        tracker.opened(ReportingSeason.opened("10825"));
        assertThat(obligations.find(ReportingSeason.obligationId("10825")).orElseThrow().reminders()).hasSize(6);

        var response = putJson(POLICIES, ReportingSeason.PROGRAMME, """
                {"levels":{"COMMUNE":["REMINDER_3_DAYS_BEFORE","REMINDER_DUE_TODAY","ESCALATION_3_DAYS_OVERDUE"]}}""");

        assertThat(response).hasStatusOk().bodyJson().extractingPath("$.rescheduled").isEqualTo(1);
        assertThat(response).bodyJson().extractingPath("$.policy.levels.COMMUNE[*].kind").asArray()
                .containsExactly("REMINDER_3_DAYS_BEFORE", "REMINDER_DUE_TODAY", "ESCALATION_3_DAYS_OVERDUE");
        assertThat(response).bodyJson().extractingPath("$.policy.levels.COMMUNE[0].daysAfterDeadline").isEqualTo(-3);
        assertThat(response).bodyJson().extractingPath("$.policy.levels.DISTRICT").asArray().hasSize(6);
        assertThat(obligations.find(ReportingSeason.obligationId("10825")).orElseThrow().reminders())
                .extracting(Reminder::kind).containsExactly(ReminderKind.REMINDER_3_DAYS_BEFORE,
                        ReminderKind.REMINDER_DUE_TODAY, ReminderKind.ESCALATION_3_DAYS_OVERDUE);

        tracker.opened(new ObligationOpened(ReportingSeason.PROGRAMME + "|2024|294", "KH-30-2024",
                ReportingSeason.PROGRAMME, "2024", "294", UnitLevel.DISTRICT, "30", LocalDate.of(2024, 12, 15),
                Instant.parse("2024-12-15T17:00:00Z"), 1));
        assertThat(obligations.find(ReportingSeason.PROGRAMME + "|2024|294").orElseThrow().reminders()).hasSize(6);
        assertThat(mvc.get().uri("/policies/{p}", ReportingSeason.PROGRAMME)).hasStatusOk().bodyJson()
                .extractingPath("$.overridden").isEqualTo(true);
        assertThat(mvc.get().uri("/policies/{p}", "OTHER-PROGRAMME")).hasStatusOk().bodyJson()
                .extractingPath("$.overridden").isEqualTo(false);
    }

    @Test
    void refusesUnknownLevelsAndKindsNamingEachFieldAndChangesNothing() {
        var response = putJson(POLICIES, ReportingSeason.PROGRAMME, """
                {"levels":{"VILLAGE":["REMINDER_DUE_TODAY"],"COMMUNE":["REMINDER_2_DAYS_BEFORE"]},
                 "fallback":["REMINDER_DUE_TODAY","NOPE"]}""");

        assertThat(response).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("levels.VILLAGE", "levels.COMMUNE[0]", "fallback[1]");
        assertThat(putJson(POLICIES, ReportingSeason.PROGRAMME, "{}")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("levels");
        assertThat(mvc.get().uri("/policies/{p}", ReportingSeason.PROGRAMME)).bodyJson()
                .extractingPath("$.overridden").isEqualTo(false);
    }
}
