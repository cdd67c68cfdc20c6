package dev.cascade.plan;

import dev.cascade.platform.json.StrictJson;
import dev.cascade.platform.security.CascadeSecurity;
import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.platform.test.SliceAccess;
import dev.cascade.platform.test.TestClock;
import dev.cascade.platform.web.ProblemBodies;
import dev.cascade.platform.web.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

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
 * The slices of plan-service's tests, without a broker: {@link Web} with {@link WebTest} for controllers over MockMvc,
 * refusing as in production, and {@link Store} for the stores against the embedded MongoDB.
 */
public final class PlanSlices {

    /** The business clock of a web slice: 10 March 2025, 01:30 in Hanoi, still the 9th in UTC. */
    public static final Instant NOW = Instant.parse("2025-03-09T18:30:00Z");

    private PlanSlices() {
    }

    /**
     * {@code @WebMvcTest} of the named controllers with what the platform gives every web service in production and a
     * slice leaves out: the error model ({@link Problems}), strict JSON reading ({@link StrictJson}) and the resource
     * server ({@link CascadeSecurity}: a request needs a valid token of the test issuer), over a small unit tree
     * ({@link SliceSecurity}). Every request carries a real token of the person who may make it
     * ({@link FittingTokens}) unless it sets its own. {@code PlanRefusals}, a controller advice, is part of every
     * slice.
     */
    @WebMvcTest
    @ImportAutoConfiguration({StrictJson.class, Problems.class, CascadeSecurity.class})
    @Import(SliceSecurity.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Web {

        /** The controllers under test. */
        @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
        Class<?>[] value();
    }

    /**
     * The units of a web slice's access rules: BGDDT › 30 › {294 › {10813, 10816}, 288}; BGDDT › 22 (the 2025-03
     * ladder, on any day), and the requests' tokens ({@link FittingTokens}).
     */
    // not a @Configuration: the services' own contexts scan this package and must not find it
    public static class SliceSecurity extends SliceAccess {

        static final Map<String, String> PARENTS = Map.of("30", "BGDDT", "22", "BGDDT", "294", "30", "288", "30",
                "10813", "294", "10816", "294");

        SliceSecurity() {
            super(PARENTS, FittingTokens.fitting());
        }
    }

    /** A {@link Web} test: MockMvc, the clock fixed at {@link #NOW}, and how a refusal looks. */
    public abstract static class WebTest {

        @TestClock
        static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

        @Autowired
        protected MockMvcTester mvc;

        /** {@code method} of a JSON body, exchanged once. */
        protected MvcTestResult send(HttpMethod method, String body, String uri,
                                     Object... variables) {
            return mvc.method(method).uri(uri, variables).contentType(MediaType.APPLICATION_JSON).content(body)
                    .exchange();
        }

        /**
         * A problem document of {@code status} with the platform's type for it, naming exactly {@code fields} (in any
         * order) in {@code errors}.
         */
        protected static void assertProblem(MvcTestResult result, HttpStatus status, String... fields) {
            assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ProblemBodies.typeOf(status.value())
                    .toString());
            assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                    .containsExactlyInAnyOrder((Object[]) fields);
        }
    }

    /**
     * {@code @DataMongoTest} on the embedded MongoDB-wire server ({@link EmbeddedStore}), in a database of its own;
     * every collection is emptied (its indexes kept) before each test.
     */
    @DataMongoTest(properties = "spring.mongodb.database=cascade-plan-slice-test")
    @EmbeddedStore
    public abstract static class Store {

        @Autowired
        protected MongoTemplate mongo;

        @BeforeEach
        void emptyEveryCollection() {
            mongo.getCollectionNames().forEach(collection -> mongo.remove(new Query(), collection));
        }
    }
}
