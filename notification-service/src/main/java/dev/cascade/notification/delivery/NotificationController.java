package dev.cascade.notification.delivery;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.notification.contact.Channel;
import dev.cascade.platform.web.RequestRefused;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** {@code GET /notifications?unit=10813}: the delivery log of a unit. */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class NotificationController {

    private final DeliveryLog deliveries;

    /** One delivery as listed. */
    record NotificationView(String notificationId, String kind, Channel channel, String recipient, String unitCode,
                            String obligationId, String obligationUnitCode, String programme, String period,
                            String subject, DeliveryState state, int attempts, Instant claimedAt, Instant sentAt,
                            String lastError) {

        static NotificationView of(Delivery d) {
            return new NotificationView(d.id(), d.kind(), d.channel(), d.recipient(), d.unitCode(), d.obligationId(),
                    d.obligationUnitCode(), d.programme(), d.period(), d.subject(), d.state(), d.attempts(),
                    d.claimedAt(), d.sentAt(), d.lastError());
        }
    }

    /** The notifications sent to the unit's staff or about the unit's obligations, oldest first. */
    record NotificationList(String unit, List<NotificationView> notifications) {
    }

    @Operation(summary = "The notification log of a unit: reminders and digests sent, by channel")
    @GetMapping("/notifications")
    NotificationList list(@RequestParam String unit) {
        if (unit.isBlank()) {
            throw RequestRefused.invalid("unit", "must not be blank");
        }
        return new NotificationList(unit, deliveries.forUnit(unit).stream().map(NotificationView::of).toList());
    }
}
