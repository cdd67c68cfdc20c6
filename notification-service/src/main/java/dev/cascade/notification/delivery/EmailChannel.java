package dev.cascade.notification.delivery;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/** E-mail through SMTP ({@code spring.mail.*}): UTF-8 subject and plain-text body. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class EmailChannel implements NotificationChannel {

    static final String NOTIFICATION_ID_HEADER = "X-Cascade-Notification-Id";
    static final String KIND_HEADER = "X-Cascade-Kind";

    private final JavaMailSender mailSender;
    private final NotificationSettings settings;
    private final Clock clock;

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) {
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
        mailSender.send(message);
    }
}
