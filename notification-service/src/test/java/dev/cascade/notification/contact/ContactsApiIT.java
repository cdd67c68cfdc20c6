package dev.cascade.notification.contact;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.notification.NotificationServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContactsApiIT extends NotificationServiceTestSupport {

    private static final String CONTACTS = "/contacts/{unit}";


    @org.junit.jupiter.api.BeforeEach
    void unitKnown() {
        units.apply(new UnitUpserted("10813", List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30),
                "Thị trấn Thanh Hà", "Thị trấn", UnitLevel.COMMUNE, "294")), 1));
    }

    @Test
    void refusesContactsForAUnitNobodyKnowsAndStoresNothing() {
        var response = putJson(CONTACTS, "99990", "{\"emails\":[\"vanthu@example.org\"]}");

        assertThat(response).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response).bodyJson().extractingPath("$.errors[0].field").isEqualTo("unitCode");
        assertThat(response).bodyJson().extractingPath("$.type").isEqualTo("urn:cascade:problem:not-found");
        assertThat(contacts.find("99990")).isEmpty();
    }

    @Test
    void setsAndReadsTheEmailContactsOfAUnitNamedFromTheUnitsCopy() {
        clockAt("2024-12-01T08:00:00+07:00");
        units.apply(new UnitUpserted("10813", List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30),
                "Thị trấn Thanh Hà", "Thị trấn", UnitLevel.COMMUNE, "294")), 1));

        assertThat(putJson(CONTACTS, "10813", "{\"emails\":[\"VanThu@ThanhHa.example\",\"vanthu@thanhha.example\",\" ketoan@thanhha.example \"]}"))
                .hasStatusOk().bodyJson().isEqualTo("""
                        {"unitCode":"10813","unitName":"Thị trấn Thanh Hà",
                         "emails":["vanthu@thanhha.example","ketoan@thanhha.example"],
                         "updatedAt":"2024-12-01T01:00:00Z","webhooks":[],"inboxUsers":[]}""");
        assertThat(mvc.get().uri("/contacts/10813")).hasStatusOk().bodyJson()
                .extractingPath("$.emails").asArray().containsExactly("vanthu@thanhha.example", "ketoan@thanhha.example");
        assertThat(contacts.recipients("10813")).containsExactly(new Recipient(Channel.EMAIL, "vanthu@thanhha.example"),
                new Recipient(Channel.EMAIL, "ketoan@thanhha.example"));
        // a dispatch batch reads its units' contacts together; a unit without contacts is left out
        assertThat(contacts.recipientsOf(List.of("10813", "10816", "99999"))).containsExactly(Map.entry("10813",
                List.of(new Recipient(Channel.EMAIL, "vanthu@thanhha.example"),
                        new Recipient(Channel.EMAIL, "ketoan@thanhha.example"))));

        assertThat(putJson(CONTACTS, "10813", "{\"emails\":[]}")).hasStatusOk();
        assertThat(contacts.recipients("10813")).isEmpty();
    }

    @Test
    void refusesInvalidAddressesNamingEachFieldAndChangesNothing() {
        assertThat(putJson(CONTACTS, "10813", "{\"emails\":[\"vanthu@thanhha.example\"]}")).hasStatusOk();

        var response = putJson(CONTACTS, "10813", "{\"emails\":[\"ok@thanhha.example\",\"vanthu\",\"a@b\"]}");

        assertThat(response).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response).bodyJson().extractingPath("$.status").isEqualTo(400);
        assertThat(response).bodyJson().extractingPath("$.errors").asArray().containsExactly(
                Map.of("field", "emails[1]", "message", "not a valid e-mail address: 'vanthu'"),
                Map.of("field", "emails[2]", "message", "not a valid e-mail address: 'a@b'"));
        assertThat(contacts.recipients("10813")).containsExactly(new Recipient(Channel.EMAIL, "vanthu@thanhha.example"));
    }

    @Test
    void refusesAMissingOrMalformedBody() {
        assertThat(putJson(CONTACTS, "10813", "{}")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("emails");
        assertThat(putJson(CONTACTS, "10813", "{\"emails\":\"vanthu@thanhha.example\"}")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("emails");
        assertThat(putJson(CONTACTS, "10813", "{\"emails\":[")).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(putJson(CONTACTS, "10813 x", "{\"emails\":[]}")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("unitCode");
        assertThat(contacts.find("10813")).isEmpty();
    }

    @Test
    void unitWithoutContactsIsNotFound() {
        assertThat(mvc.get().uri("/contacts/99999")).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void notificationsListNeedsAUnit() {
        assertThat(mvc.get().uri("/notifications")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("unit");
        assertThat(mvc.get().uri("/notifications?unit=10813")).hasStatusOk().bodyJson()
                .isEqualTo("{\"unit\":\"10813\",\"notifications\":[]}");
    }
}
