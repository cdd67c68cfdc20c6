package dev.cascade.notification.delivery;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.notification.access.NotificationAccess;
import dev.cascade.notification.contact.Channel;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.web.RequestRefused;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /notifications?unit=10813}: the delivery log of a unit. */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class NotificationController {

    private final DeliveryLog deliveries;
    private final NotificationAccess access;

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

        /** Without the recipient and the last error (which may name it): for a caller who may not see contacts. */
        NotificationView withoutRecipient() {
            return new NotificationView(notificationId, kind, channel, null, unitCode, obligationId,
                    obligationUnitCode, programme, period, subject, state, attempts, claimedAt, sentAt, null);
        }
    }

    /** The notifications sent to the unit's staff or about the unit's obligations, oldest first. */
    record NotificationList(String unit, List<NotificationView> notifications) {
    }

    /**
     * Allowed to an ADMIN of the unit or above and to whoever may read the unit
     * ({@link NotificationAccess#deliveryLog}). A delivery's {@code recipient} and {@code lastError} are shown only
     * to a caller who may read the contacts of the recipients' unit ({@code unitCode}, an ADMIN of it or above);
     * others get them {@code null}: they are the same personal addresses as the contacts.
     */
    @Operation(summary = "The notification log of a unit: reminders and digests sent, by channel")
    @GetMapping("/notifications")
    NotificationList list(@RequestParam String unit, Caller caller) {
        if (unit.isBlank()) {
            throw RequestRefused.invalid("unit", "must not be blank");
        }
        access.deliveryLog(caller, unit);
        Map<String, Boolean> seesContacts = new HashMap<>();
        return new NotificationList(unit, deliveries.forUnit(unit).stream().map(d -> {
            NotificationView view = NotificationView.of(d);
            return seesContacts.computeIfAbsent(String.valueOf(d.unitCode()), u -> access.mayAdmin(caller, u))
                    ? view : view.withoutRecipient();
        }).toList());
    }
}
