package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RollUpContextTest {

    static final RevokedPlan A = new RevokedPlan("KH-A", LocalDate.of(2025, 3, 1));
    static final RevokedPlan B = new RevokedPlan("KH-B", LocalDate.of(2025, 4, 1));

    static RollUpContext naming(RevokedPlan... revoked) {
        return new RollUpContext(UnitLevel.DISTRICT, "30", 2, Map.of(), 2024, List.of(), List.of(revoked));
    }

    @Test
    void aRevokedPlanOnceNamedStaysNamedEvenWhenAnOlderSnapshotDoesNotKnowIt() {
        assertThat(naming().stillRevoking(List.of(A)).revokedPlans()).containsExactly(A);
        assertThat(naming(B).stillRevoking(List.of(A)).revokedPlans()).containsExactly(A, B);
        assertThat(naming(A).stillRevoking(List.of(A)).revokedPlans()).containsExactly(A);
        assertThat(naming(A).stillRevoking(List.of()).revokedPlans()).containsExactly(A);
        assertThat(naming().stillRevoking(List.of()).revokedPlans()).isEmpty();
    }
}
