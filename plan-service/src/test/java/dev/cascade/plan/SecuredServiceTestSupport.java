package dev.cascade.plan;

import dev.cascade.contracts.Topics;
import dev.cascade.plan.plans.Plans;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.BadInputCatalogue;
import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.platform.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * plan-service as {@link PlanServiceIT} starts it (demo data, embedded KRaft broker, the embedded MongoDB-wire store),
 * in a database of its own and with the clock on 1 December 2025, after the reform of 1 July 2025 that abolished the
 * districts: the context {@code AuthorizationMatrixIT} and {@code AuditTrailIT} share. Requests carry exactly the
 * token a test gives them (none: no header).
 */
@SpringBootTest(properties = {"spring.config.name=plan-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.mongodb.database=plan-service-security-test",
        "cascade.demo.enabled=true",
        "cascade.clock=2025-12-01T08:00:00+07:00",
        "cascade.publication.retry-interval=PT1H"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1"})
@EmbeddedStore
abstract class SecuredServiceTestSupport {

    static final TestIssuer ISSUER = TestIssuer.shared();

    /** The broker the demo's publications were awaited on (one per application context). */
    private static String quietOn;

    @Autowired
    MockMvc mvc;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Plans plans;
    @Autowired
    JsonMapper json;

    @BeforeEach
    void theDemoIsPublishedAndNothingMoves() {
        if (!broker.getBrokersAsString().equals(quietOn)) {
            BadInputCatalogue.awaitQuiet(this::state, Duration.ofSeconds(120));
            quietOn = broker.getBrokersAsString();
        }
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    /** Every collection of the database (count and content) and the end offsets of the units and plans topics. */
    Map<String, String> state() {
        return BadInputCatalogue.state(mongo, broker.getBrokersAsString(), Topics.UNITS, Topics.PLANS);
    }

    /** A PLANNER of {@code unit} as the rules see them (the caller a fixture is made by). */
    static Caller planner(String unit) {
        return new Caller("planner-" + unit, "planner-" + unit, unit, Set.of(Role.PLANNER));
    }

    static String bearer(String subject, String unit, Role role) {
        return ISSUER.bearer(subject, unit, role);
    }

    /**
     * A plan of {@code issuer}: of district 294 (2025-03 ladder) issued on 2024-03-01 for two of its communes, or of
     * province 31 (2025-07 ladder) issued on 2025-09-15 for commune 10813, which was 294's before the reform.
     */
    static String plan(String issuer, String number, String programme, String title) {
        boolean district = issuer.equals("294");
        return """
                {"number":"%s","title":"%s","issuerUnitCode":"%s","issueDate":"%s","basis":["21-CT/TW"],
                 "horizonStart":%d,"horizonEnd":%d,
                 "targets":[{"indicator":"GDNN_INTAKE_RATE","year":%d,"comparator":"AT_LEAST","value":50}],
                 "tasks":[{"number":"1","title":"Tuyên truyền","leadUnit":"%s","cooperatingUnits":[]}],
                 "programme":{"code":"%s","title":"Báo cáo năm","frequency":"ANNUAL",
                   "indicators":["GDNN_INTAKE_RATE"],"outline":["results"],"deadlines":%s},
                 "reportingUnits":%s}""".formatted(number, title, issuer, district ? "2024-03-01" : "2025-09-15",
                district ? 2024 : 2025, district ? 2025 : 2026, district ? 2025 : 2026, issuer, programme,
                district ? "{\"COMMUNE\":\"+2\",\"DISTRICT\":\"+4\"}" : "{\"COMMUNE\":\"+2\",\"PROVINCE\":\"+6\"}",
                district ? "[\"10813\",\"10816\"]" : "[\"10813\"]");
    }

    /** The id of {@link #plan}'s plan. */
    static String planId(String issuer, String number) {
        return "KH-" + issuer + "-" + (issuer.equals("294") ? "2024" : "2025") + "-" + number.substring(0,
                number.indexOf('/'));
    }

    /** A draft of {@link #plan}, made by a planner of its issuer; its id. */
    String draft(String issuer, String number, String programme) {
        ProposedPlan proposed = json.readValue(plan(issuer, number, programme, "Kế hoạch " + number),
                ProposedPlan.class);
        return plans.create(proposed, planner(issuer)).planId();
    }

    /** An issued plan, as {@link #draft} then issued by a planner of its issuer; its id. */
    String issued(String issuer, String number, String programme) {
        String id = draft(issuer, number, programme);
        plans.issue(id, planner(issuer));
        return id;
    }

    /** {@code method} on {@code uri} with a JSON {@code body} (or none) and {@code authorization} (or none). */
    MvcResult send(String method, String uri, String body, String authorization) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), uri);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return mvc.perform(request).andReturn();
    }
}
