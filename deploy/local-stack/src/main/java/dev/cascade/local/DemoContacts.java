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
 * Gives the demo's units someone to remind, as the units stand on the demo day. Before the 2025 reform: each commune
 * of the demo district gets a clerk's address, the district's labour office an address for escalations and the
 * province's department one for the daily digest. From 1 July 2025, when the district is gone and its communes were
 * merged into communes of Hai Phong: each commune and ward of Hai Phong gets a clerk's address and the city's
 * department one for escalations and the digest. The demo users of those units (reporter-&lt;commune&gt;,
 * reviewer-&lt;district or province&gt;) get the same in their portal inbox. Uses only the services' public HTTP APIs,
 * as the national administrator.
 */
final class DemoContacts {

    /** Huyen Thanh Ha (Hai Duong): the issuer of the demo plan of seed 001. */
    static final String DEMO_DISTRICT = "294";
    /** Tinh Hai Duong: its staff receive the daily digest of who is missing. */
    static final String DEMO_PROVINCE = "30";
    /** Thanh pho Hai Phong: from 1 July 2025 it holds the communes that took over the demo district's. */
    static final String SUCCESSOR_PROVINCE = "31";
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

    /**
     * The addresses registered on a demo day, in words for the console ({@code whose}), and the demo user who reviews
     * the demo plan's reports that day.
     */
    record Registered(List<String> addresses, String whose, String reviewer) {
    }

    Registered register(String planServiceUrl, String notificationServiceUrl, LocalDate asOf)
            throws IOException, InterruptedException {
        List<String> registered = new ArrayList<>();
        if (asOf.isBefore(DISTRICTS_ABOLISHED)) {
            for (String code : children(planServiceUrl, DEMO_DISTRICT, asOf)) {
                registered.add(put(notificationServiceUrl, code, "vanthu." + code + "@haiduong.example",
                        "reporter-" + code));
            }
            registered.add(put(notificationServiceUrl, DEMO_DISTRICT, "phong.ldtbxh@thanhha.haiduong.example",
                    "reviewer-" + DEMO_DISTRICT));
            registered.add(put(notificationServiceUrl, DEMO_PROVINCE, "so.ldtbxh@haiduong.example",
                    "reviewer-" + DEMO_PROVINCE));
            return new Registered(registered, "communes of district " + DEMO_DISTRICT + ", its labour office, province "
                    + DEMO_PROVINCE, "reviewer-" + DEMO_DISTRICT);
        }
        // the demo plan's obligations of 2025 and later are owed by Hai Phong's communes, to the city
        for (String code : children(planServiceUrl, SUCCESSOR_PROVINCE, asOf)) {
            registered.add(put(notificationServiceUrl, code, "vanthu." + code + "@haiphong.example", "reporter-" + code));
        }
        registered.add(put(notificationServiceUrl, SUCCESSOR_PROVINCE, "so.gddt@haiphong.example",
                "reviewer-" + SUCCESSOR_PROVINCE));
        return new Registered(registered, "communes and wards of province " + SUCCESSOR_PROVINCE + ", its department",
                "reviewer-" + SUCCESSOR_PROVINCE);
    }

    private List<String> children(String planServiceUrl, String parent, LocalDate asOf)
            throws IOException, InterruptedException {
        List<String> codes = new ArrayList<>();
        for (JsonNode child : json.readTree(get(planServiceUrl + "/units/" + parent + "/children?asOf=" + asOf))) {
            codes.add(child.path("code").asString());
        }
        return codes;
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
