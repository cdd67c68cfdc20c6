package dev.cascade.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceApplicationTest {

    static class ReportServiceApplication {
    }

    static class Application {
    }

    static class ReportService {
    }

    @Test
    void aServiceReadsTheConfigurationFileNamedAfterItsApplicationClass() {
        assertThat(ServiceApplication.configName(ReportServiceApplication.class)).isEqualTo("report-service");
    }

    @Test
    void aClassNotNamedAfterTheConventionIsRefused() {
        assertThatThrownBy(() -> ServiceApplication.configName(Application.class))
                .hasMessageContaining("Application is not named <Service>Application");
        assertThatThrownBy(() -> ServiceApplication.configName(ReportService.class))
                .hasMessageContaining("ReportService is not named");
    }
}
