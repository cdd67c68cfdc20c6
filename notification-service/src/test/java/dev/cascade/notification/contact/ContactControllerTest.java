package dev.cascade.notification.contact;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.notification.NotificationSlices;
import dev.cascade.notification.unit.UnitCopy;
import dev.cascade.notification.unit.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code PUT/GET /contacts/{unitCode}} over MockMvc: what is validated, stored and shown. */
@NotificationSlices.Web(ContactController.class)
class ContactControllerTest extends NotificationSlices.WebTest {

    static final String UNIT = "10813";
    static final String HOOK = "https://ubnd.example/hooks/cascade";
    static final String SECRET = "0123456789abcdef-secret";
    static final Instant UPDATED = Instant.parse("2024-12-01T03:00:00Z");

    @MockitoBean
    ContactBook contacts;
    @MockitoBean
    UnitDirectory units;
    @MockitoBean
    WebhookTargets targets;
    @MockitoBean
    SecretBox secrets;

    @org.junit.jupiter.api.BeforeEach
    void webhooksMayBeStored() {
        when(secrets.available()).thenReturn(true);
    }

    void unitKnown() {
        when(units.find(UNIT)).thenReturn(Optional.of(new UnitCopy(UNIT, List.of(new UnitPlacement("2024",
                LocalDate.of(2020, 1, 1), null, "Thị trấn Thanh Hà", "TOWN", UnitLevel.COMMUNE, "294")), 3)));
    }

    static ContactBook.ContactChange changed(ContactList list) {
        return new ContactBook.ContactChange(list, 2L, 3L, !list.webhooks().isEmpty());
    }

    MvcTestResult put(String unitCode, String body) {
        return putJson(body, "/contacts/{unitCode}", unitCode);
    }

    @Test
    void putReplacesEveryContactOfAKnownUnitAndShowsThemWithoutTheSecret() {
        unitKnown();
        when(contacts.replace(anyString(), anyList(), anyList(), anyList())).thenReturn(changed(new ContactList(UNIT,
                List.of("vanthu@thanhha.example"), UPDATED, List.of(new Webhook(HOOK, SECRET)), List.of("nguyen.van.an"))));

        var response = put(UNIT, """
                {"emails":[" VanThu@ThanhHa.example "],"webhooks":[{"url":"%s","secret":"%s"}],
                 "inboxUsers":["nguyen.van.an"]}""".formatted(HOOK, SECRET));

        assertThat(response).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"unitCode":"10813","unitName":"Thị trấn Thanh Hà","emails":["vanthu@thanhha.example"],
                 "updatedAt":"2024-12-01T03:00:00Z","webhooks":[{"url":"%s","secretSet":true}],
                 "inboxUsers":["nguyen.van.an"]}""".formatted(HOOK));
        assertThat(response).bodyJson().doesNotHavePath("$.webhooks[0].secret");
        verify(contacts).replace(UNIT, List.of(new EmailAddress("vanthu@thanhha.example")),
                List.of(new Webhook(HOOK, SECRET)), List.of("nguyen.van.an"));
    }

    @Test
    void omittedWebhooksAndInboxUsersAreClearedNotKept() {
        unitKnown();
        when(contacts.replace(anyString(), anyList(), anyList(), anyList()))
                .thenReturn(changed(new ContactList(UNIT, List.of(), UPDATED, List.of(), List.of())));

        assertThat(put(UNIT, "{\"emails\":[]}")).hasStatusOk().bodyJson().extractingPath("$.emails").asArray()
                .isEmpty();

        verify(contacts).replace(UNIT, List.of(), List.of(), List.of());
    }

    @Test
    void refusesAUnitNobodyKnowsWith404AndChangesNothing() {
        when(units.find(UNIT)).thenReturn(Optional.empty());

        assertRefused(put(UNIT, "{\"emails\":[\"vanthu@thanhha.example\"]}"), HttpStatus.NOT_FOUND, "unitCode");
        verifyNoInteractions(contacts);
    }

    @Test
    void refusesInvalidEmailAddressesNamingEachOneAndChangesNothing() {
        unitKnown();

        var response = put(UNIT, "{\"emails\":[\"vanthu@thanhha.example\",\"not an address\",\"a@b\"]}");

        assertRefused(response, HttpStatus.BAD_REQUEST, "emails[1]", "emails[2]");
        assertThat(response).bodyJson().extractingPath("$.errors[*].message").asArray()
                .contains("not a valid e-mail address: 'not an address'");
        verifyNoInteractions(contacts);
    }

    @Test
    void refusesBadWebhooksAndInboxUsersNamingEachFieldAndChangesNothing() {
        unitKnown();

        var response = put(UNIT, """
                {"emails":[],"webhooks":[{"url":"ftp://ubnd.example/x","secret":"short"},null],
                 "inboxUsers":["nguyen van an"]}""");

        assertRefused(response, HttpStatus.BAD_REQUEST,
                "webhooks[0].url", "webhooks[0].secret", "webhooks[1]", "inboxUsers[0]");
        verify(contacts, never()).replace(any(), any(), any(), any());
    }

    @Test
    void refusesAWebhookTargetTheRulesRefuseWith422NamingItsFieldAndClassAndStoresNothing() {
        unitKnown();
        when(targets.refusalAtWrite("https://ok.example/hook")).thenReturn(Optional.empty());
        when(targets.refusalAtWrite("https://10.1.2.3/hook")).thenReturn(Optional.of(
                new WebhookTargets.Refusal("private", "address 10.1.2.3, a private address; webhooks may only call "
                        + "public addresses")));

        var response = put(UNIT, """
                {"emails":[],"webhooks":[{"url":"https://ok.example/hook","secret":"%s"},
                 {"url":"https://10.1.2.3/hook","secret":"%s"}]}""".formatted(SECRET, SECRET));

        assertRefused(response, HttpStatus.UNPROCESSABLE_CONTENT, "webhooks[1].url");
        assertThat(response).bodyJson().extractingPath("$.addressClasses").asArray().containsExactly("private");
        assertThat(response).bodyJson().extractingPath("$.errors[0].message").asString()
                .startsWith("address 10.1.2.3, a private address");
        verifyNoInteractions(contacts);
    }

    @Test
    void webhooksAreRefusedWith503WhenNoKeyCanSealTheirSecretsButEmailsStillWork() {
        unitKnown();
        when(secrets.available()).thenReturn(false);
        when(contacts.replace(anyString(), anyList(), anyList(), anyList()))
                .thenReturn(changed(new ContactList(UNIT, List.of(), UPDATED, List.of(), List.of())));

        var refused = put(UNIT, """
                {"emails":[],"webhooks":[{"url":"https://ok.example/hook","secret":"%s"}]}""".formatted(SECRET));
        assertThat(refused).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:cascade:problem:unavailable");
        verify(contacts, never()).replace(any(), any(), any(), any());

        assertThat(put(UNIT, "{\"emails\":[]}")).hasStatusOk();
    }

    @Test
    void refusesARequestWithoutEmailsAndTooManyAddresses() {
        unitKnown();
        String tooMany = "\"a@thanhha.example\",".repeat(ContactController.MAX_EMAILS) + "\"b@thanhha.example\"";

        assertRefused(mvc.put().uri("/contacts/{unitCode}", UNIT).exchange(), HttpStatus.BAD_REQUEST, "emails");
        var response = put(UNIT, "{\"emails\":[" + tooMany + "]}");
        assertRefused(response, HttpStatus.BAD_REQUEST, "emails");
        assertThat(response).bodyJson().extractingPath("$.errors[0].message").isEqualTo("at most 20 addresses per unit");
        verifyNoInteractions(contacts);
    }

    @Test
    void readsTheBodyStrictlyAsEveryServiceDoes() {
        unitKnown();

        var twice = put(UNIT, "{\"emails\":[],\"emails\":[\"vanthu@thanhha.example\"]}");
        var number = put(UNIT, "{\"emails\":[42]}");

        assertRefused(twice, HttpStatus.BAD_REQUEST, "emails");
        assertThat(twice).bodyJson().extractingPath("$.title").isEqualTo("Malformed request body");
        assertRefused(number, HttpStatus.BAD_REQUEST, "emails[0]");
        assertThat(number).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must be a string");
        verifyNoInteractions(contacts);
    }

    @Test
    void refusesAMalformedUnitCodeBeforeLookingAnythingUp() {
        assertRefused(mvc.get().uri("/contacts/{unitCode}", "x".repeat(33)).exchange(), HttpStatus.BAD_REQUEST,
                "unitCode");
        assertRefused(put("10813 ", "{\"emails\":[]}"), HttpStatus.BAD_REQUEST, "unitCode");
        verifyNoInteractions(contacts, units);
    }

    @Test
    void getShowsTheStoredContactsEvenOfAUnitNotInTheUnitsCopy() {
        when(contacts.find(UNIT)).thenReturn(Optional.of(new ContactList(UNIT, List.of("vanthu@thanhha.example"),
                UPDATED, List.of(), List.of())));
        when(units.find(UNIT)).thenReturn(Optional.empty());

        assertThat(mvc.get().uri("/contacts/{unitCode}", UNIT)).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"unitCode":"10813","unitName":null,"emails":["vanthu@thanhha.example"],"webhooks":[],
                 "inboxUsers":[]}""");
    }

    @Test
    void getOfAUnitWithoutContactsIsAProblemDocument404() {
        when(contacts.find("10825")).thenReturn(Optional.empty());

        var response = mvc.get().uri("/contacts/{unitCode}", "10825").exchange();

        assertRefused(response, HttpStatus.NOT_FOUND);
        assertThat(response).bodyJson().extractingPath("$.detail").isEqualTo("No contacts are set for unit 10825");
    }
}
