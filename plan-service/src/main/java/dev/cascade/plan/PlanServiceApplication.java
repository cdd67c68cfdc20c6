package dev.cascade.plan;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** plan-service: administrative units, indicator catalogue, reporting programmes and plans. */
@SpringBootApplication
public class PlanServiceApplication {

    public static void main(String[] args) {
        ServiceApplication.run(PlanServiceApplication.class, args);
    }
}
