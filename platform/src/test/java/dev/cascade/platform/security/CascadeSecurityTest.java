package dev.cascade.platform.security;

import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.platform.test.TestIssuer;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.FilterChainProxy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's resource server in a running service: 401 with a challenge and a problem document for no token and
 * for every kind of bad token, 403 naming the rule, probes and the API document open, the caller taken from the
 * token, and a state change leaving one audit entry that the unit and its ancestors can read.
 */
@SpringBootTest(classes = GuardedService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.mongodb.database=guarded")
@EmbeddedStore
class CascadeSecurityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestIssuer ISSUER = TestIssuer.shared();

    @LocalServerPort
    int port;

    @Test
    void withoutATokenTheAnswerIs401WithAChallengeAndAProblem() throws Exception {
        HttpResponse<String> response = send("GET", "/units/10507/report", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer")
                .doesNotContain("error=");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:unauthenticated");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asString()).isEqualTo("a valid bearer token is required");
    }

    @Test
    void everyKindOfBadTokenIs401InvalidToken() throws Exception {
        for (String token : new String[] {
                ISSUER.expiredToken("reporter-10507", "10507", Role.REPORTER),
                ISSUER.foreignToken("reporter-10507", "10507", Role.REPORTER),
                ISSUER.otherAudienceToken("reporter-10507", "10507", Role.REPORTER),
                ISSUER.tamperedToken("reporter-10507", "10507", "294", Role.REPORTER),
                ISSUER.strayCharacterToken("reporter-10507", "10507", Role.REPORTER),
                "not-a-jwt"}) {
            HttpResponse<String> response = send("GET", "/units/10507/report", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .startsWith("Bearer error=\"invalid_token\"");
            assertThat(JSON.readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:cascade:problem:unauthenticated");
            assertThat(response.body()).doesNotContain("java.", "dev.cascade", "Exception");
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    ObservationRegistry observations;

    @Test
    void springSecurityNeitherObservesNorDecoratesItsFilters() throws Exception {
        assertThat(observations.isNoop()).as("the service observes its requests").isFalse();
        // Spring Security's own decisions whether to wrap its filters, its authentication and its authorization for
        // observations, asked now that the registry observes: without the platform's SecurityObservationSettings each
        // is wrapped (ObservationFilterChainDecorator, ObservationAuthenticationManager, ObservationAuthorizationManager)
        assertUndecorated(ResolvableType.forClass(FilterChainProxy.FilterChainDecorator.class),
                new FilterChainProxy.VirtualFilterChainDecorator());
        assertUndecorated(ResolvableType.forClass(AuthenticationManager.class),
                (AuthenticationManager) authentication -> authentication);
        assertUndecorated(ResolvableType.forClassWithGenerics(AuthorizationManager.class, HttpServletRequest.class),
                (AuthorizationManager<HttpServletRequest>) (authentication, request) -> null);
        // the chain still guards
        assertThat(send("GET", "/units/10507/report", null).statusCode()).isEqualTo(401);
    }

    private <T> void assertUndecorated(ResolvableType type, T plain) {
        List<ObjectPostProcessor<T>> processors = context.<ObjectPostProcessor<T>>getBeanProvider(
                ResolvableType.forClassWithGenerics(ObjectPostProcessor.class, type))
                .orderedStream().toList();
        assertThat(processors).as("post-processors of %s", type).isNotEmpty();
        for (ObjectPostProcessor<T> processor : processors) {
            assertThat(processor.postProcess(plain)).as("%s post-processed", type).isSameAs(plain);
        }
    }

    @Test
    void probesAndTheApiDocumentNeedNoToken() throws Exception {
        assertThat(send("GET", "/actuator/health", null).statusCode()).isIn(200, 503);
        assertThat(send("GET", "/v3/api-docs", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCallerComesFromTheTokenAndTheRulesDecide() throws Exception {
        HttpResponse<String> own = send("GET", "/units/10507/report",
                ISSUER.token("reporter-10507", "10507", Role.REPORTER));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("reader").asString()).isEqualTo("reporter-10507");

        HttpResponse<String> province = send("GET", "/units/10507/report", ISSUER.token("viewer-22", "22", Role.VIEWER));
        assertThat(JSON.readTree(province.body()).path("role").asString()).isEqualTo("VIEWER");

        HttpResponse<String> sibling = send("GET", "/units/10507/report", ISSUER.token("viewer-295", "295", Role.VIEWER));
        assertThat(sibling.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(sibling.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:forbidden");
        assertThat(problem.path("rule").asString())
                .isEqualTo("any role of unit 10507, or REVIEWER or VIEWER of a unit above it");
    }

    @Test
    void aChangeLeavesOneAuditEntryReadableByTheUnitAndItsAncestorsOnly() throws Exception {
        HttpResponse<String> refused = send("POST", "/units/10507/report", ISSUER.token("reporter-295", "295",
                Role.REPORTER));
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> done = send("POST", "/units/10507/report",
                ISSUER.token("reporter-10507", "10507", Role.REPORTER));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        HttpResponse<String> trail = send("GET", "/audit?unit=10507", ISSUER.token("viewer-22", "22", Role.VIEWER));
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        JsonNode entries = JSON.readTree(trail.body()).path("entries");
        assertThat(entries.size()).isEqualTo(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("subject").asString()).isEqualTo("reporter-10507");
        assertThat(entry.path("actorUnit").asString()).isEqualTo("10507");
        assertThat(entry.path("role").asString()).isEqualTo("REPORTER");
        assertThat(entry.path("action").asString()).isEqualTo("report.submitted");
        assertThat(entry.path("entityId").asString()).isEqualTo("r-10507");
        assertThat(entry.path("versionAfter").asLong()).isEqualTo(1);
        assertThat(entry.path("versionBefore").isNull()).isTrue();

        assertThat(send("GET", "/audit?unit=10507", ISSUER.token("viewer-295", "295", Role.VIEWER)).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/audit?unit=10507&size=0", ISSUER.token("viewer-22", "22", Role.VIEWER))
                .statusCode()).isEqualTo(400);
        assertThat(send("GET", "/audit?unit=10507", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theTrailCanOnlyBeAppendedToAndRead() {
        String[] methods = Arrays.stream(AuditTrail.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).sorted().toArray(String[]::new);
        assertThat(methods).containsExactly("entries", "record");
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
