package dev.cascade.aggregation;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * aggregation-service: roll-ups per (programme, period, unit) with completeness and target progress, fed by reports
 * and by the roll-ups of the units beneath.
 */
@SpringBootApplication
public class AggregationServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "aggregation-service";

    public static SpringApplicationBuilder builder() {
        return ServiceApplication.builder(AggregationServiceApplication.class, CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
