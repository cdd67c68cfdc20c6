package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * E-mail through SMTP ({@code spring.mail.*}): UTF-8 subject and plain-text body. Several mails are sent in SMTP
 * sessions of up to {@value #SESSION_SIZE} ({@link #sendAll}): one connection and greeting for each session, each
 * message accepted or refused on its own. No session is started once half of the claims' lease has passed: the mails
 * left are failed attempts, sent by the next dispatch, so that no claim runs out while its mail is being sent.
 */
@Component
class EmailChannel implements NotificationChannel {

    static final String NOTIFICATION_ID_HEADER = "X-Cascade-Notification-Id";
    static final String KIND_HEADER = "X-Cascade-Kind";
    static final int SESSION_SIZE = 10;

    private final JavaMailSender mailSender;
    private final NotificationSettings settings;
    private final Clock clock;

    EmailChannel(JavaMailSender mailSender, NotificationSettings settings, Clock clock) {
        MailStreams.nameProvider(); // before the first message: no class-path scan per header (MailStreams)
        this.mailSender = mailSender;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) {
        mailSender.send(message(delivery));
    }

    @Override
    public Map<String, RuntimeException> sendAll(List<Delivery> deliveries) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        Instant stopStartingAt = deliveries.stream().map(Delivery::leaseUntil).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(Instant.MAX).minus(settings.claimLease().dividedBy(2));
        for (int from = 0; from < deliveries.size(); from += SESSION_SIZE) {
            List<Delivery> session = deliveries.subList(from, Math.min(deliveries.size(), from + SESSION_SIZE));
            if (clock.instant().isAfter(stopStartingAt)) {
                session.forEach(d -> failures.put(d.id(), new MailSendException(
                        "not sent: half of its claim's lease had passed; sent by the next dispatch")));
            } else {
                failures.putAll(sendInOneSession(session));
            }
        }
        return failures;
    }

    private Map<String, RuntimeException> sendInOneSession(List<Delivery> deliveries) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        Map<MimeMessage, String> ids = new IdentityHashMap<>();
        for (Delivery delivery : deliveries) {
            try {
                ids.put(message(delivery), delivery.id());
            } catch (MailPreparationException e) {
                failures.put(delivery.id(), e);
            }
        }
        if (ids.isEmpty()) {
            return failures;
        }
        try {
            mailSender.send(ids.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // each message the server did not accept is named (all of them when the connection failed); none named:
            // every message was accepted and only closing the session failed, so they count as delivered
            e.getFailedMessages().forEach((message, cause) -> failures.put(ids.get(message),
                    new MailSendException("not accepted by the SMTP server: " + cause.getMessage(), cause)));
        } catch (MailException e) {
            ids.values().forEach(id -> failures.put(id, e)); // e.g. authentication refused: nothing was sent
        }
        return failures;
    }

    private MimeMessage message(Delivery delivery) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper mail = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            mail.setFrom(settings.mailFrom(), settings.mailFromName());
            mail.setTo(delivery.recipient());
            mail.setSubject(delivery.subject());
            mail.setText(delivery.body(), false);
            mail.setSentDate(Date.from(clock.instant()));
            message.setHeader(NOTIFICATION_ID_HEADER, delivery.id());
            message.setHeader(KIND_HEADER, delivery.kind());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException(e);
        }
        return message;
    }
}
