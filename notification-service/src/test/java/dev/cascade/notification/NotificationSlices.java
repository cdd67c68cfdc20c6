package dev.cascade.notification;

import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.notification.access.NotificationAccess;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.json.StrictJson;
import dev.cascade.platform.security.CascadeSecurity;
import dev.cascade.platform.test.SliceAccess;
import dev.cascade.platform.web.ProblemBodies;
import dev.cascade.platform.web.Problems;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slices of the service's tests, without a broker: {@link Web} (with {@link WebTest}) for one controller over
 * MockMvc with the platform's error model and strict JSON as in production, {@link Store} for the stores against the
 * embedded MongoDB.
 */
public final class NotificationSlices {

    /** What the business clock of a web slice says. */
    public static final Instant NOW = Instant.parse("2024-12-07T01:00:00Z");

    private NotificationSlices() {
    }

    /**
     * {@code @WebMvcTest} of the named controllers, plus what the platform contributes to every web service in
     * production: the problem documents of {@code RefusalResponses} typed by {@code ProblemTyping} ({@link Problems})
     * and strict JSON reading ({@link StrictJson}); the resource server ({@link CascadeSecurity}: a request needs a
     * valid token of the test issuer) over a small unit tree ({@link WebBeans#PARENTS}) with the service's rules
     * ({@link NotificationAccess}); the business clock fixed at {@link #NOW}. Every request carries a real token of
     * the person who may make it ({@link FittingTokens}) unless it sets its own; the audit trail is a mock
     * ({@link WebTest#audit}).
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @WebMvcTest
    @ImportAutoConfiguration({StrictJson.class, Problems.class, CascadeSecurity.class})
    @Import(WebBeans.class)
    public @interface Web {

        /** The controllers under test. */
        @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
        Class<?>[] value();
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({NotificationSettings.class, dev.cascade.notification.inbox.InboxLimits.class})
    @Import(NotificationAccess.class)
    static class WebBeans extends SliceAccess {

        /** BGDDT › 30 › 294 › {10813, 10816, 10825}; BGDDT › 22 › 288 (any day). */
        static final Map<String, String> PARENTS = Map.of("30", "BGDDT", "22", "BGDDT", "294", "30", "288", "22",
                "10813", "294", "10816", "294", "10825", "294");

        WebBeans() {
            super(PARENTS, FittingTokens.fitting());
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    /** What a test of a {@link Web} slice works with: MockMvc, a JSON body sent as a client sends it, refusals. */
    public abstract static class WebTest {

        @Autowired
        protected MockMvcTester mvc;
        /** The audit trail (its store is not part of a web slice): tests verify what was recorded. */
        @MockitoBean
        protected AuditTrail audit;

        /** {@code PUT} of a JSON body, exchanged once (asserting on the request builder would send it again). */
        protected MvcTestResult putJson(String body, String uriTemplate, Object... uriVariables) {
            return mvc.put().uri(uriTemplate, uriVariables).contentType(MediaType.APPLICATION_JSON).content(body)
                    .exchange();
        }

        /**
         * Asserts a refusal as every service renders it: the status, a problem document with the Cascade type of that
         * status, and the fields it names in {@code errors}, in any order (none: no {@code errors} at all).
         */
        protected static void assertRefused(MvcTestResult result, HttpStatus status, String... fields) {
            assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                    .extractingPath("$.type").isEqualTo(ProblemBodies.typeOf(status.value()).toString());
            if (fields.length == 0) {
                assertThat(result).bodyJson().doesNotHavePath("$.errors");
            } else {
                assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                        .containsExactlyInAnyOrder((Object[]) fields);
            }
        }
    }

    /** {@code @DataMongoTest} against the embedded MongoDB (database of its own, emptied before each test). */
    @DataMongoTest
    public abstract static class Store {

        @Autowired
        protected MongoTemplate mongo;

        @DynamicPropertySource
        static void embeddedMongo(DynamicPropertyRegistry registry) {
            registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
            registry.add("spring.mongodb.database", () -> "cascade-notification-slice-test");
        }

        @BeforeEach
        void emptyCollections() {
            mongo.getCollectionNames().forEach(name -> mongo.getCollection(name).deleteMany(new Document()));
        }
    }
}
