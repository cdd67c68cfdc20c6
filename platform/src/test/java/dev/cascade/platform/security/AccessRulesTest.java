package dev.cascade.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessRulesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final LocalDate BEFORE_REFORM = LocalDate.of(2024, 12, 1);
    private final AccessRules rules = new AccessRules(GuardedService.tree(), "BGDDT", Clock.systemUTC(),
            Duration.ofSeconds(60));

    private static Caller caller(String unit, Role... roles) {
        return new Caller("u-" + unit, "U " + unit, unit, Set.of(roles));
    }

    @Test
    void aReporterActsForTheirOwnUnitOnly() {
        Grant grant = rules.actFor(caller("10507", Role.REPORTER), Role.REPORTER, "10507", DAY);
        assertThat(grant.role()).isEqualTo(Role.REPORTER);
        assertThat(grant.rule()).isEqualTo("REPORTER of unit 10507");
        assertThatThrownBy(() -> rules.actFor(caller("10507", Role.REPORTER), Role.REPORTER, "10510", BEFORE_REFORM))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("not 10510");
        assertThatThrownBy(() -> rules.actFor(caller("294", Role.REVIEWER, Role.VIEWER), Role.REPORTER, "294", DAY))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("role REPORTER");
    }

    @Test
    void aUnitMergedAwayActsOnlyForDaysBeforeItsEnd() {
        Caller merged = caller("10510", Role.REPORTER);
        assertThat(rules.actFor(merged, Role.REPORTER, "10510", BEFORE_REFORM).role()).isEqualTo(Role.REPORTER);
        assertThatThrownBy(() -> rules.actFor(merged, Role.REPORTER, "10510", DAY))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("does not exist on 2026-12-01");
    }

    @Test
    void aReviewerReviewsDirectChildrenOnly() {
        Caller district = caller("294", Role.REVIEWER);
        assertThat(rules.reviewChild(district, "10507", DAY).rule()).isEqualTo("REVIEWER of the parent of unit 10507");
        Caller province = caller("22", Role.REVIEWER);
        assertThatThrownBy(() -> rules.reviewChild(province, "10507", DAY)).isInstanceOf(AccessRefused.class);
        assertThat(rules.reviewChild(province, "294", DAY).role()).isEqualTo(Role.REVIEWER);
        assertThatThrownBy(() -> rules.reviewChild(caller("295", Role.REVIEWER), "10507", DAY))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void readingReachesOwnUnitAndBeneathForReviewersAndViewers() {
        assertThat(rules.mayRead(caller("10507", Role.REPORTER), "10507", DAY)).isTrue();
        assertThat(rules.mayRead(caller("10507", Role.REPORTER), "294", DAY)).isFalse();
        assertThat(rules.mayRead(caller("22", Role.VIEWER), "10507", DAY)).isTrue();
        assertThat(rules.mayRead(caller("BGDDT", Role.VIEWER), "00001", DAY)).isTrue();
        assertThat(rules.mayRead(caller("22", Role.PLANNER), "10507", DAY)).isFalse();
        assertThat(rules.mayRead(caller("22", Role.REVIEWER), "00001", DAY)).isFalse();
        assertThat(rules.mayRead(caller("295", Role.VIEWER), "10507", DAY)).isFalse();
        assertThat(rules.mayRead(caller(null, Role.VIEWER), "10507", DAY)).isFalse();
    }

    @Test
    void plannersAndAdminsActWithinTheirTree() {
        assertThat(rules.withinOwnTree(caller("22", Role.PLANNER), Role.PLANNER, "10507", DAY).role())
                .isEqualTo(Role.PLANNER);
        assertThat(rules.withinOwnTree(caller("22", Role.PLANNER), Role.PLANNER, "22", DAY).role())
                .isEqualTo(Role.PLANNER);
        assertThatThrownBy(() -> rules.withinOwnTree(caller("22", Role.PLANNER), Role.PLANNER, "001", DAY))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> rules.withinOwnTree(caller("294", Role.ADMIN), Role.ADMIN, "22", DAY))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void onlyTheNationalAdminIsNational() {
        assertThat(rules.nationalAdmin(caller("BGDDT", Role.ADMIN)).rule()).isEqualTo("ADMIN of the national unit BGDDT");
        assertThatThrownBy(() -> rules.nationalAdmin(caller("22", Role.ADMIN))).isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> rules.nationalAdmin(caller("BGDDT", Role.VIEWER))).isInstanceOf(AccessRefused.class);
    }

    @Test
    void aRefusalNamesItsRuleAndIsForbidden() {
        AccessRefused refused = org.junit.jupiter.api.Assertions.assertThrows(AccessRefused.class,
                () -> rules.read(caller("295", Role.VIEWER), "10507", DAY));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.properties()).containsEntry("rule",
                "any role of unit 10507, or REVIEWER or VIEWER of a unit above it");
    }
}
