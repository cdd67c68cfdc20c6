package dev.cascade.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code cascade.notifications.*}.
 *
 * @param dispatchInterval pause between two runs of the reminder dispatcher
 * @param claimLease       how long a delivery claimed by one instance stays its own before another instance may
 *                         take it over (it must exceed the SMTP time-outs)
 * @param mailFrom         sender address of every e-mail
 * @param mailFromName     sender display name
 * @param submissionUrl    where a unit submits its report, quoted in every reminder
 */
@ConfigurationProperties("cascade.notifications")
public record NotificationSettings(@DefaultValue("10s") Duration dispatchInterval,
                                   @DefaultValue("2m") Duration claimLease,
                                   @DefaultValue("no-reply@cascade.example") String mailFrom,
                                   @DefaultValue("Hệ thống Cascade") String mailFromName,
                                   @DefaultValue("http://localhost:8082/reports") String submissionUrl) {
}
