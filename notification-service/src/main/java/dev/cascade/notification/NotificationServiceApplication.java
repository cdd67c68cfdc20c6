package dev.cascade.notification;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.time.Clock;

/**
 * notification-service: keeps every reporting obligation with its reminder schedule, e-mails the reminders when
 * they fall due (by the {@link Clock}) and records each delivery exactly once.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    /** The configuration file name, so that four services can share one classpath (the local stack). */
    public static final String CONFIG_NAME = "notification-service";

    public static SpringApplicationBuilder builder() {
        return ServiceApplication.builder(NotificationServiceApplication.class, CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
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
