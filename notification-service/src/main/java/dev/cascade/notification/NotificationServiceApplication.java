package dev.cascade.notification;

import dev.cascade.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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

    public static void main(String[] args) {
        ServiceApplication.run(NotificationServiceApplication.class, args);
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
