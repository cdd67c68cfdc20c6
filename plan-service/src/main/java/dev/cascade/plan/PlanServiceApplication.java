package dev.cascade.plan;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** plan-service: administrative units, indicator catalogue, reporting programmes and plans. */
@SpringBootApplication
public class PlanServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "plan-service";

    public static SpringApplicationBuilder builder() {
        return ServiceApplication.builder(PlanServiceApplication.class, CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
