package dev.cascade.plan;

import dev.cascade.contracts.CascadeTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** plan-service: administrative units, indicator catalogue, reporting programmes and plans. */
@SpringBootApplication
@EnableScheduling
public class PlanServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "plan-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PlanServiceApplication.class)
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
