package dev.cascade.report;

import dev.cascade.contracts.CascadeTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * report-service: reporting obligations (who owes which report, for which period, by when) and submitted reports
 * with every revision. Consumes units and plans; publishes obligations and reports.
 */
@SpringBootApplication
@EnableScheduling
public class ReportServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "report-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ReportServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${cascade.clock:system}") String setting) {
        return CascadeTime.clock(setting);
    }
}
