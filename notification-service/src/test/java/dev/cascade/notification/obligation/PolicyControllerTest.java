package dev.cascade.notification.obligation;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationSlices;
import dev.cascade.notification.programme.Programme;
import dev.cascade.notification.programme.ProgrammeCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.cascade.notification.obligation.ReminderKind.ESCALATION_3_DAYS_OVERDUE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_1_DAY_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_3_DAYS_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_DUE_TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code PUT/GET /policies/{programme}} over MockMvc: what is validated, saved, rescheduled and shown. */
@NotificationSlices.Web(PolicyController.class)
class PolicyControllerTest extends NotificationSlices.WebTest {

    static final String PROGRAMME = "HD-GDNN-ANNUAL";

    @MockitoBean
    ReminderPolicies policies;
    @MockitoBean
    ObligationTracker tracker;
    @MockitoBean
    ProgrammeCatalog programmes;

    /** The mocked policies answer defaults and per-level kinds as the real ones do (they read nothing stored). */
    @BeforeEach
    void policiesAnswerAsTheRealOnes() {
        ReminderPolicies real = new ReminderPolicies(null, ReminderPolicy.defaults());
        when(policies.defaults()).thenReturn(real.defaults());
        when(policies.kinds(any(), any())).thenAnswer(call -> real.kinds(call.getArgument(0), call.getArgument(1)));
        when(policies.override(anyString())).thenReturn(Optional.empty());
        when(policies.save(any())).thenAnswer(call -> new ReminderPolicies.Saved(call.getArgument(0), 1L, 2L));
    }

    void programmeKnown() {
        when(programmes.find(PROGRAMME)).thenReturn(Optional.of(new Programme(PROGRAMME,
                "Báo cáo năm về giáo dục nghề nghiệp", Map.of(), "KH-30-2024", 1, Instant.EPOCH, List.of("30"))));
    }

    MvcTestResult put(String programme, String body) {
        return putJson(body, "/policies/{programme}", programme);
    }

    @Test
    void savesTheOverrideAtTheClocksTimeReschedulesAndShowsThePolicyInForce() {
        programmeKnown();
        PolicyOverride expected = new PolicyOverride(PROGRAMME,
                Map.of("COMMUNE", List.of(REMINDER_DUE_TODAY, REMINDER_3_DAYS_BEFORE)), List.of(REMINDER_1_DAY_BEFORE),
                NotificationSlices.NOW);
        when(policies.override(PROGRAMME)).thenReturn(Optional.of(expected));
        when(tracker.reschedule(PROGRAMME)).thenReturn(3);

        var response = put(PROGRAMME, """
                {"levels":{"COMMUNE":["REMINDER_DUE_TODAY","REMINDER_3_DAYS_BEFORE","REMINDER_DUE_TODAY"]},
                 "fallback":["REMINDER_1_DAY_BEFORE"]}""");

        assertThat(response).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"rescheduled":3,"policy":{"programme":"HD-GDNN-ANNUAL","overridden":true,"levels":{
                  "COMMUNE":[{"kind":"REMINDER_3_DAYS_BEFORE","daysAfterDeadline":-3,"audience":"UNIT"},
                             {"kind":"REMINDER_DUE_TODAY","daysAfterDeadline":0,"audience":"UNIT"}],
                  "DISTRICT":[{"kind":"REMINDER_1_DAY_BEFORE","daysAfterDeadline":-1,"audience":"UNIT"}]}}}""");
        verify(policies).save(expected);
        verify(tracker).reschedule(PROGRAMME);
    }

    @Test
    void aProgrammeNobodyKnowsIsA404AndNothingIsSavedOrRescheduled() {
        when(programmes.find("NO-SUCH")).thenReturn(Optional.empty());

        assertRefused(put("NO-SUCH", "{\"levels\":{}}"), HttpStatus.NOT_FOUND, "programme");
        verify(policies, never()).save(any());
        verifyNoInteractions(tracker);
    }

    @Test
    void refusesUnknownLevelsKindsAndANullListNamingEachFieldAndSavesNothing() {
        programmeKnown();

        var response = put(PROGRAMME, """
                {"levels":{"VILLAGE":["REMINDER_DUE_TODAY"],"COMMUNE":["REMINDER_2_DAYS_BEFORE"],"DISTRICT":null},
                 "fallback":["REMINDER_DUE_TODAY","NOPE"]}""");

        assertRefused(response, HttpStatus.BAD_REQUEST,
                "levels.VILLAGE", "levels.COMMUNE[0]", "levels.DISTRICT", "fallback[1]");
        verify(policies, never()).save(any());
        verifyNoInteractions(tracker);
    }

    @Test
    void levelsAreRequiredAndAKindMustBeAString() {
        programmeKnown();

        assertRefused(put(PROGRAMME, "{\"fallback\":[]}"), HttpStatus.BAD_REQUEST, "levels");
        var number = put(PROGRAMME, "{\"levels\":{\"COMMUNE\":[3]}}");
        assertRefused(number, HttpStatus.BAD_REQUEST, "levels.COMMUNE[0]");
        assertThat(number).bodyJson().extractingPath("$.title").isEqualTo("Malformed request body");
        verify(policies, never()).save(any());
        verifyNoInteractions(tracker);
    }

    @Test
    void getShowsTheDefaultsForEveryLevelWhenTheProgrammeHasNoOverride() {
        var response = mvc.get().uri("/policies/{programme}", "OTHER-PROGRAMME").exchange();

        assertThat(response).hasStatusOk().bodyJson().extractingPath("$.overridden").isEqualTo(false);
        for (UnitLevel level : UnitLevel.values()) {
            assertThat(response).bodyJson().extractingPath("$.levels." + level + "[*].kind").asArray()
                    .containsExactly((Object[]) java.util.Arrays.stream(ReminderKind.values()).map(Enum::name)
                            .toArray(String[]::new));
        }
        assertThat(response).bodyJson().extractingPath("$.levels.COMMUNE[5]").isEqualTo(
                Map.of("kind", ESCALATION_3_DAYS_OVERDUE.name(), "daysAfterDeadline", 3, "audience", "PARENT"));
        verify(policies).override("OTHER-PROGRAMME");
    }

    static Stream<String> malformedProgrammes() {
        return Stream.of("HD GDNN", "HD+GDNN", "BÁO-CÁO", "p".repeat(65));
    }

    @ParameterizedTest
    @MethodSource("malformedProgrammes")
    void aMalformedProgrammeCodeIsRefusedBeforeAnythingIsLookedUp(String programme) {
        assertRefused(put(programme, "{\"levels\":{}}"), HttpStatus.BAD_REQUEST, "programme");
        assertRefused(mvc.get().uri("/policies/{programme}", programme).exchange(), HttpStatus.BAD_REQUEST,
                "programme");
        verifyNoInteractions(programmes, tracker, policies);
    }
}
