package dev.cascade.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the demo's units someone to remind: each commune of the demo district gets a clerk's address, the
 * district's labour office an address for escalations and the province's department one for the daily digest; the
 * demo users of those units (reporter-&lt;commune&gt;, reviewer-294, reviewer-30) get the same in their portal inbox. Uses
 * only the services' public HTTP APIs, as the national administrator.
 */
final class DemoContacts {

    /** Huyen Thanh Ha (Hai Duong): the issuer of the demo plan of seed 001. */
    static final String DEMO_DISTRICT = "294";
    /** Tinh Hai Duong: its staff receive the daily digest of who is missing. */
    static final String DEMO_PROVINCE = "30";
    /** The day the district level was abolished (the 2025 reform). */
    static final LocalDate DISTRICTS_ABOLISHED = LocalDate.of(2025, 7, 1);

    /** The national administrator: contacts of any unit. */
    static final String ADMIN = "admin";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final DemoTokens tokens;

    DemoContacts(DemoTokens tokens) {
        this.tokens = tokens;
    }

    /** Returns the addresses registered. */
    List<String> register(String planServiceUrl, String notificationServiceUrl, LocalDate asOf)
            throws IOException, InterruptedException {
        List<String> registered = new ArrayList<>();
        // the district ended with its level on 30 June 2025: on a later demo day, its communes of that last day (they
        // owe its reports of 2024 and before; the wards and communes that took over have no contacts in the demo)
        LocalDate day = asOf.isBefore(DISTRICTS_ABOLISHED) ? asOf : DISTRICTS_ABOLISHED.minusDays(1);
        JsonNode children = json.readTree(get(planServiceUrl + "/units/" + DEMO_DISTRICT + "/children?asOf=" + day));
        for (JsonNode child : children) {
            String code = child.path("code").asString();
            registered.add(put(notificationServiceUrl, code, "vanthu." + code + "@haiduong.example", "reporter-" + code));
        }
        registered.add(put(notificationServiceUrl, DEMO_DISTRICT, "phong.ldtbxh@thanhha.haiduong.example",
                "reviewer-" + DEMO_DISTRICT));
        registered.add(put(notificationServiceUrl, DEMO_PROVINCE, "so.ldtbxh@haiduong.example",
                "reviewer-" + DEMO_PROVINCE));
        return registered;
    }

    /** Registers the unit's e-mail address and the demo user whose portal inbox gets the same notifications. */
    private String put(String notificationServiceUrl, String unitCode, String email, String inboxUser)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notificationServiceUrl + "/contacts/" + unitCode))
                .header("Content-Type", "application/json").header("Authorization", tokens.bearer(ADMIN))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"emails\":[\"" + email + "\"],\"inboxUsers\":[\"" + inboxUser
                        + "\"]}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // notification-service takes contacts only for units it knows, from an administrator of a unit it places
        // above them: right after start it may still be reading cascade.units.v1, so a 404 (the unit) or a 403 (the
        // administrator's unit not placed yet) is asked again for up to two minutes
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while ((response.statusCode() == 404 || response.statusCode() == 403) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT contacts of " + unitCode + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        return email;
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", tokens.bearer(ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
