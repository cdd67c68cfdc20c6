package dev.cascade.identity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoUsersTest {

    static final Map<String, UnitDirectory.Level> UNITS = Map.of("BGDDT", UnitDirectory.Level.MINISTRY,
            "30", UnitDirectory.Level.PROVINCE, "294", UnitDirectory.Level.DISTRICT, "10813", UnitDirectory.Level.COMMUNE,
            "294-PLDTBXH", UnitDirectory.Level.AGENCY);
    final DemoUsers users = new DemoUsers(code -> Optional.ofNullable(UNITS.get(code)));

    @Test
    void everyUnitHasAReporterViewerAndAdministrator() {
        for (String unit : UNITS.keySet()) {
            for (String prefix : List.of("reporter", "viewer", "admin")) {
                DemoUser user = users.loadUserByUsername(prefix + "-" + unit);
                assertThat(user.unitCode()).isEqualTo(unit);
                assertThat(user.roles()).containsExactly(prefix.equals("reporter") ? "REPORTER"
                        : prefix.equals("viewer") ? "VIEWER" : "ADMIN");
                assertThat(user.getPassword()).isEqualTo("{noop}demo");
            }
        }
    }

    @Test
    void reviewersAndPlannersOnlyForDistrictsProvincesAndTheMinistry() {
        for (String prefix : List.of("reviewer", "planner")) {
            assertThat(users.find(prefix + "-294")).map(DemoUser::unitCode).hasValue("294");
            assertThat(users.find(prefix + "-30")).map(DemoUser::unitCode).hasValue("30");
            assertThat(users.find(prefix + "-BGDDT")).map(DemoUser::unitCode).hasValue("BGDDT");
            assertThat(users.find(prefix + "-10813")).isEmpty();
            assertThat(users.find(prefix + "-294-PLDTBXH")).isEmpty();
        }
    }

    @Test
    void theNationalAdministratorAndNamesThatAreNoUser() {
        assertThat(users.find("admin")).map(DemoUser::unitCode).hasValue("BGDDT");
        assertThat(users.find("admin").orElseThrow().roles()).containsExactly("ADMIN");
        assertThat(users.find("reporter-294-PLDTBXH")).map(DemoUser::unitCode).hasValue("294-PLDTBXH");
        for (String nobody : List.of("reporter-99999", "reporter-", "-294", "reporter", "chief-294", "Reporter-294",
                "reporter-bgddt", "")) {
            assertThat(users.find(nobody)).as(nobody).isEmpty();
        }
        assertThatThrownBy(() -> users.loadUserByUsername("reviewer-10813"))
                .hasMessageContaining("no demo user reviewer-10813");
    }
}
