package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSlices;
import dev.cascade.notification.contact.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code GET /notifications?unit=}: the delivery log of a unit over MockMvc. */
@NotificationSlices.Web(NotificationController.class)
class NotificationControllerTest extends NotificationSlices.WebTest {

    @MockitoBean
    DeliveryLog deliveries;

    @Test
    void listsTheUnitsDeliveriesAsTheLogHoldsThemWithoutTheirBodies() {
        Instant sent = Instant.parse("2024-12-07T01:00:02Z");
        when(deliveries.forUnit("10813")).thenReturn(List.of(
                new Delivery("n-1", "HD-GDNN-ANNUAL|2024|10813", "REMINDER_3_DAYS_BEFORE", Channel.EMAIL,
                        "vanthu@thanhha.example", "10813", "10813", "HD-GDNN-ANNUAL", "2024", "Nhắc hạn", "body",
                        "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813", DeliveryState.SENT, "token", sent, sent.plusSeconds(120), 1, sent, null, true, sent, null),
                new Delivery("n-2", "HD-GDNN-ANNUAL|2024|10813", "REMINDER_3_DAYS_BEFORE", Channel.WEBHOOK,
                        "https://ubnd.example/hooks", "10813", "10813", "HD-GDNN-ANNUAL", "2024", "Nhắc hạn", "body",
                        "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813", DeliveryState.GAVE_UP, "token", sent, sent.plusSeconds(120), 5, null, "HTTP 503", false, sent,
                        null)));

        var response = mvc.get().uri("/notifications?unit=10813").exchange();

        assertThat(response).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"unit":"10813","notifications":[
                  {"notificationId":"n-1","channel":"EMAIL","recipient":"vanthu@thanhha.example","state":"SENT",
                   "attempts":1,"sentAt":"2024-12-07T01:00:02Z","lastError":null},
                  {"notificationId":"n-2","channel":"WEBHOOK","state":"GAVE_UP","attempts":5,"sentAt":null,
                   "lastError":"HTTP 503"}]}""");
        assertThat(response).bodyJson().doesNotHavePath("$.notifications[0].body");
        assertThat(response).bodyJson().doesNotHavePath("$.notifications[0].claimToken");
        verify(deliveries).forUnit("10813");
    }

    @Test
    void theUnitParameterIsRequiredAndMayNotBeBlank() {
        var missing = mvc.get().uri("/notifications").exchange();
        var blank = mvc.get().uri("/notifications").param("unit", "  ").exchange();

        assertRefused(missing, HttpStatus.BAD_REQUEST, "unit");
        assertThat(missing).bodyJson().extractingPath("$.errors[0].message").isEqualTo("is required");
        assertRefused(blank, HttpStatus.BAD_REQUEST, "unit");
        assertThat(blank).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must not be blank");
        verifyNoInteractions(deliveries);
    }
}
