package dev.cascade.report;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * report-service: reporting obligations (who owes which report, for which period, by when) and submitted reports
 * with every revision. Consumes units and plans; publishes obligations and reports.
 */
@SpringBootApplication
public class ReportServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "report-service";

    public static SpringApplicationBuilder builder() {
        return ServiceApplication.builder(ReportServiceApplication.class, CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
