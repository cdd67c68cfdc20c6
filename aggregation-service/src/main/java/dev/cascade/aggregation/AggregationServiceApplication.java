package dev.cascade.aggregation;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * aggregation-service: roll-ups per (programme, period, unit) with completeness and target progress, fed by reports
 * and by the roll-ups of the units beneath.
 */
@SpringBootApplication
public class AggregationServiceApplication {

    public static void main(String[] args) {
        ServiceApplication.run(AggregationServiceApplication.class, args);
    }
}
