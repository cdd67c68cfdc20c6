package dev.cascade.notification;

import dev.cascade.contracts.CascadeTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * notification-service: keeps every reporting obligation with its reminder schedule, e-mails the reminders when
 * they fall due (by the {@link Clock}) and records each delivery exactly once.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "notification-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotificationServiceApplication.class)
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

    /**
     * java.time values through the MongoDB driver's own codecs: a {@code LocalDate} is stored as midnight UTC of
     * that day whatever the JVM's default time zone (Spring Data's default converters use the JVM zone).
     */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(conversions -> conversions.useNativeDriverJavaTimeCodecs());
    }
}
