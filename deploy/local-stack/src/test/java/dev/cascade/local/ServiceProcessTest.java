package dev.cascade.local;

import dev.cascade.local.CascadeServices.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    @Test
    void anInstanceThatExitedIsReportedWithItsStatusAndTheEndOfItsConsoleOutput(@TempDir Path logs) throws Exception {
        // a setting the service cannot bind: its start fails before it touches the broker or the store
        ServiceProcess process = new ServiceProcess(Service.PLAN, "plan-service-7", 0,
                Map.of("spring.main.web-application-type", "no-such-type"), logs, "256m");
        assertThat(process.exitReport(20)).isEmpty();

        process.start();
        assertThatThrownBy(() -> process.awaitHealthy(Duration.ofMinutes(2)))
                .hasMessageContaining("plan-service-7 exited with");

        String report = process.exitReport(40);
        assertThat(report).startsWith("plan-service-7 exited with status 1; the last lines of "
                + logs.resolve("plan-service-7.out") + ":");
        assertThat(report).contains("no-such-type");
        assertThat(report.lines().count()).isLessThanOrEqualTo(41);
    }
}
