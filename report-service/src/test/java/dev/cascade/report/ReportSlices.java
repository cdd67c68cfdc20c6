package dev.cascade.report;

import dev.cascade.platform.json.StrictJson;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.platform.security.CascadeSecurity;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.security.UnitHierarchy;
import dev.cascade.platform.test.TestIssuer;
import dev.cascade.report.unit.UnitCopy;
import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.platform.web.ProblemBodies;
import dev.cascade.platform.web.Problems;
import org.assertj.core.api.ObjectArrayAssert;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slices of report-service's tests, without a broker: {@link WebTest} for a controller over MockMvc, {@link Store}
 * for the stores against the embedded MongoDB.
 */
public final class ReportSlices {

    private ReportSlices() {
    }

    /**
     * The base of a {@code @WebMvcTest(SomeController.class)}: adds what the platform gives every web service in
     * production and a slice leaves out, the error model ({@link Problems}: problem documents with a Cascade
     * {@code type}) and strict JSON reading ({@link StrictJson}).
     */
    @ImportAutoConfiguration({StrictJson.class, Problems.class, CascadeSecurity.class})
    @Import(TestUnits.class)
    public abstract static class WebTest {

        /** The REPORTER of commune 10813, whose token {@link #postJson} sends unless told otherwise. */
        protected static final String REPORTER_10813 = TestIssuer.shared().bearer("reporter-10813", "10813",
                Role.REPORTER);
        /** The ministry's VIEWER, who reads every unit. */
        protected static final String MINISTRY_VIEWER = TestIssuer.shared().bearer("viewer-BGDDT", "BGDDT",
                Role.VIEWER);

        @Autowired
        protected MockMvcTester mvc;

        /**
         * {@code POST} of a JSON body with headers given as name, value, name, value, …; exchanged once. Without an
         * {@code Authorization} among them, with {@link #REPORTER_10813}'s token.
         */
        protected MvcTestResult postJson(String body, String uri, String... headers) {
            var request = mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body);
            boolean authorized = false;
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
                authorized |= headers[i].equalsIgnoreCase("Authorization");
            }
            if (!authorized) {
                request.header("Authorization", REPORTER_10813);
            }
            return request.exchange();
        }

        /** A {@code GET} with {@link #MINISTRY_VIEWER}'s token. */
        protected MockMvcTester.MockMvcRequestBuilder get(String uri, Object... variables) {
            return mvc.get().uri(uri, variables).header("Authorization", MINISTRY_VIEWER);
        }

        /**
         * Asserts {@code status}, a problem document and the platform's {@code type} for that status; returns the fields
         * named in its {@code errors}, to assert on.
         */
        protected static ObjectArrayAssert<Object> refusedFor(MvcTestResult result, HttpStatus status) {
            assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                    .extractingPath("$.type").isEqualTo(ProblemBodies.typeOf(status.value()).toString());
            return assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray();
        }
    }

    /** The units of {@link TestData} as the access rules see them (the service's {@code UnitTree} without a store). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class TestUnits {

        @Bean
        UnitHierarchy testUnits() {
            java.util.Map<String, UnitCopy> units = new java.util.HashMap<>();
            TestData.units().forEach(u -> units.put(u.code(), new UnitCopy(u.code(), u.placements(), u.version())));
            return (code, day) -> java.util.Optional.ofNullable(units.get(code)).flatMap(u -> u.placementOn(day))
                    .map(p -> new UnitHierarchy.Place(code, p.parentCode()));
        }
    }

    /**
     * {@code @DataMongoTest} on the embedded MongoDB-wire server ({@link EmbeddedStore}) with the service's conversions
     * ({@link MongoConversions}: days as ISO strings, decimals as Decimal128), in a database of its own whose
     * collections are emptied, indexes kept, before each test. The outbox relay is a mock: what a store hands it is
     * verified, nothing is sent.
     */
    @DataMongoTest(properties = "spring.mongodb.database=cascade-report-slice-test")
    @EmbeddedStore
    @Import(MongoConversions.class)
    public abstract static class Store {

        @Autowired
        protected MongoTemplate mongo;
        @MockitoBean
        protected OutboxRelay outbox;

        @BeforeEach
        void emptyTheCollections() {
            for (String collection : mongo.getCollectionNames()) {
                mongo.remove(new Query(), collection);
            }
        }
    }
}
