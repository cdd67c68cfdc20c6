package dev.cascade.notification;

import dev.cascade.platform.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** notification-service keeps the boundary rules every service shares (platform's {@code ServiceArchitecture}). */
class ArchitectureTest {

    @Test
    void theSharedBoundaryRulesHold() {
        ServiceArchitecture.verify("dev.cascade.notification");
    }
}
