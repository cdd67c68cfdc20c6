package dev.cascade.report;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * report-service: reporting obligations (who owes which report, for which period, by when) and submitted reports
 * with every revision. Consumes units and plans; publishes obligations and reports.
 */
@SpringBootApplication
public class ReportServiceApplication {

    public static void main(String[] args) {
        ServiceApplication.run(ReportServiceApplication.class, args);
    }
}
