package dev.cascade.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider booted on a random port with the bundled unit data (plan-service's lists), used over real
 * HTTP: the demo-user grant, client credentials, and a browser's authorization code flow with PKCE.
 */
@SpringBootTest(classes = IdentityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=identity", "cascade.identity.issuer="})
class IdentityProviderIT {

    /** Phường Cẩm Thượng, a commune of Thành phố Hải Dương (district 288, province 30), in the 2025-03 list. */
    static final String COMMUNE = "10507";
    /** Huyện Thanh Hà, the demo's district. */
    static final String DISTRICT = "294";
    static final String REDIRECT = "http://localhost:8080/login/oauth2/code/cascade";

    @LocalServerPort
    int port;
    String base;
    TokenClient client;

    @BeforeEach
    void setUp() {
        base = "http://localhost:" + port;
        client = new TokenClient(base);
    }

    @Test
    void aCommuneReporterGetsASignedTokenNamingTheirUnitAndRole() throws Exception {
        TokenClient.Answer answer = client.demoUserToken("reporter-" + COMMUNE, "demo");

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        assertThat(answer.body().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(answer.body().path("expires_in").asLong()).isBetween(3590L, 3600L);
        JWTClaimsSet claims = client.verified(answer.body().path("access_token").asString());
        assertThat(claims.getIssuer()).isEqualTo(base);
        assertThat(claims.getSubject()).isEqualTo("reporter-10507");
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("cascade", "cascade-cli");
        assertThat(claims.getStringClaim("cascade_unit")).isEqualTo("10507");
        assertThat(claims.getStringListClaim("cascade_roles")).containsExactly("REPORTER");
        assertThat(claims.getStringClaim("name")).isEqualTo("Cán bộ báo cáo, Phường Cẩm Thượng");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("reporter-10507");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDistrictReviewerAndTheNationalAdministrator() throws Exception {
        JWTClaimsSet reviewer = demoUsersClaims("reviewer-" + DISTRICT);
        assertThat(reviewer.getSubject()).isEqualTo("reviewer-294");
        assertPerson(reviewer, "294", "REVIEWER", "Cán bộ thẩm định, Huyện Thanh Hà");

        JWTClaimsSet admin = demoUsersClaims("admin");
        assertThat(admin.getSubject()).isEqualTo("admin");
        assertPerson(admin, "BGDDT", "ADMIN", "Quản trị hệ thống, Bộ Giáo dục và Đào tạo");

        assertPerson(demoUsersClaims("viewer-BGDDT"), "BGDDT", "VIEWER",
                "Chuyên viên phân tích, Bộ Giáo dục và Đào tạo");
        assertPerson(demoUsersClaims("planner-30"), "30", "PLANNER", "Cán bộ kế hoạch, Tỉnh Hải Dương");

        // a department of the demo seeds (a non-territorial unit) has a reporter
        assertThat(demoUsersClaims("reporter-196-PLDTBXH").getStringClaim("cascade_unit")).isEqualTo("196-PLDTBXH");
    }

    @Test
    void wrongPasswordsUnitsWithoutTheRoleAndUnknownUnitsAreInvalidGrants() throws Exception {
        for (List<String> attempt : List.of(
                List.of("reporter-" + COMMUNE, "wrong"),      // wrong password
                List.of("reviewer-" + COMMUNE, "demo"),       // communes have no reviewer
                List.of("planner-" + COMMUNE, "demo"),        // nor a planner
                List.of("reviewer-196-PLDTBXH", "demo"),      // nor does an office
                List.of("reporter-99999", "demo"),            // no such unit
                List.of("chief-294", "demo"),                 // no such role
                List.of("reporter-", "demo"))) {
            TokenClient.Answer answer = client.demoUserToken(attempt.get(0), attempt.get(1));
            assertThat(answer.status()).as(attempt + " " + answer.response().body()).isEqualTo(400);
            assertThat(answer.body().path("error").asString()).as(attempt.toString()).isEqualTo("invalid_grant");
            assertThat(answer.body().has("access_token")).isFalse();
        }
        TokenClient.Answer noPassword = client.token("cascade-cli", "cascade-cli-secret",
                Map.of("grant_type", DemoUserGrant.GRANT_TYPE, "username", "admin"));
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.body().path("error").asString()).isEqualTo("invalid_request");

        TokenClient.Answer wrongClientSecret = client.token("cascade-cli", "guess",
                Map.of("grant_type", DemoUserGrant.GRANT_TYPE, "username", "admin", "password", "demo"));
        assertThat(wrongClientSecret.status()).isEqualTo(401);
        assertThat(wrongClientSecret.body().path("error").asString()).isEqualTo("invalid_client");

        // the portal may not use the demo-user grant
        TokenClient.Answer portal = client.token("cascade-portal", "cascade-portal-secret",
                Map.of("grant_type", DemoUserGrant.GRANT_TYPE, "username", "admin", "password", "demo"));
        assertThat(portal.status()).isEqualTo(400);
        assertThat(portal.body().path("error").asString()).isEqualTo("unauthorized_client");
    }

    @Test
    void theCliClientsOwnTokenHasTheAudienceButNoPerson() throws Exception {
        TokenClient.Answer answer = client.token("cascade-cli", "cascade-cli-secret",
                Map.of("grant_type", "client_credentials"));
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JWTClaimsSet claims = client.verified(answer.body().path("access_token").asString());
        assertThat(claims.getSubject()).isEqualTo("cascade-cli");
        assertThat(claims.getAudience()).contains("cascade");
        assertThat(claims.getClaim("cascade_unit")).isNull();
        assertThat(claims.getClaim("cascade_roles")).isNull();
    }

    @Test
    void thePortalLogsAPersonInWithAnAuthorizationCodeAndPkce() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = base + "/oauth2/authorize?" + TokenClient.form(Map.of("response_type", "code",
                "client_id", "cascade-portal", "redirect_uri", REDIRECT, "scope", "openid profile", "state", "s-42",
                "code_challenge", challenge, "code_challenge_method", "S256"));

        // 1. not logged in: to the login form
        HttpResponse<String> first = get(browser, authorize);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue(base + "/login");
        HttpResponse<String> form = get(browser, base + "/login");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();

        // 2. the person logs in as the reviewer of Thanh Hà; back to the authorization request, then to the portal
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TokenClient.form(Map.of("username", "reviewer-294",
                        "password", "demo", "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String back = login.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(base + "/oauth2/authorize?");
        HttpResponse<String> redirect = get(browser, back);
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        URI toPortal = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(toPortal.toString()).startsWith(REDIRECT + "?");
        Map<String, String> query = query(toPortal);
        assertThat(query).containsEntry("state", "s-42").containsKey("code");

        // 3. the portal exchanges the code, proving it holds the verifier
        TokenClient.Answer wrongVerifier = client.token("cascade-portal", "cascade-portal-secret", Map.of(
                "grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", randomUrlSafe(32)));
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.body().path("error").asString()).isEqualTo("invalid_grant");
        // a refused exchange spends the code: the flow again, this time with the right verifier
        Map<String, String> again = query(URI.create(get(browser, authorize).headers().firstValue("Location").orElseThrow()));
        TokenClient.Answer tokens = client.token("cascade-portal", "cascade-portal-secret", Map.of(
                "grant_type", "authorization_code", "code", again.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.response().body()).isEqualTo(200);

        JWTClaimsSet access = client.verified(tokens.body().path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("reviewer-294");
        assertThat(access.getAudience()).containsExactlyInAnyOrder("cascade", "cascade-portal");
        assertThat(access.getStringClaim("cascade_unit")).isEqualTo("294");
        assertThat(access.getStringListClaim("cascade_roles")).containsExactly("REVIEWER");
        JWTClaimsSet id = client.verified(tokens.body().path("id_token").asString());
        assertThat(id.getAudience()).containsExactly("cascade-portal");
        assertThat(id.getStringClaim("cascade_unit")).isEqualTo("294");
        assertThat(id.getStringClaim("name")).isEqualTo("Cán bộ thẩm định, Huyện Thanh Hà");

        // userinfo with the access token
        HttpResponse<String> userInfo = client.http.send(HttpRequest.newBuilder(URI.create(base + "/userinfo"))
                .header("Authorization", "Bearer " + tokens.body().path("access_token").asString()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        JsonNode info = TokenClient.JSON.readTree(userInfo.body());
        assertThat(info.path("sub").asString()).isEqualTo("reviewer-294");
        assertThat(info.path("cascade_unit").asString()).isEqualTo("294");
        assertThat(info.path("cascade_roles").get(0).asString()).isEqualTo("REVIEWER");

        // a refresh keeps the person
        TokenClient.Answer refreshed = client.token("cascade-portal", "cascade-portal-secret", Map.of(
                "grant_type", "refresh_token", "refresh_token", tokens.body().path("refresh_token").asString()));
        assertThat(refreshed.status()).as(refreshed.response().body()).isEqualTo(200);
        JWTClaimsSet renewed = client.verified(refreshed.body().path("access_token").asString());
        assertThat(renewed.getSubject()).isEqualTo("reviewer-294");
        assertThat(renewed.getStringClaim("cascade_unit")).isEqualTo("294");
    }

    @Test
    void thePortalMustUsePkce() throws Exception {
        String authorize = base + "/oauth2/authorize?" + TokenClient.form(Map.of("response_type", "code",
                "client_id", "cascade-portal", "redirect_uri", REDIRECT, "scope", "openid", "state", "s-1"));
        HttpResponse<String> answer = get(client.http, authorize);
        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT);
        assertThat(query(location)).containsEntry("error", "invalid_request").doesNotContainKey("code");
    }

    @Test
    void discoveryNamesTheIssuerAndItsEndpoints() throws Exception {
        JsonNode discovery = client.getJson(base + "/.well-known/openid-configuration");
        assertThat(discovery.path("issuer").asString()).isEqualTo(base);
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(base + "/oauth2/token");
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(base + "/oauth2/jwks");
        JsonNode keys = client.getJson(base + "/oauth2/jwks").path("keys");
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
        assertThat(client.getJson(base + "/actuator/health/readiness").path("status").asString()).isEqualTo("UP");
    }

    /** The verified claims of the access token the demo-user grant gives {@code username} (password "demo"). */
    private JWTClaimsSet demoUsersClaims(String username) throws Exception {
        return client.verified(client.demoUserToken(username, "demo").body().path("access_token").asString());
    }

    /** The person a token names: their unit, their one role and their display name. */
    private static void assertPerson(JWTClaimsSet claims, String unit, String role, String name) throws Exception {
        assertThat(claims.getStringClaim("cascade_unit")).isEqualTo(unit);
        assertThat(claims.getStringListClaim("cascade_roles")).containsExactly(role);
        assertThat(claims.getStringClaim("name")).isEqualTo(name);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
