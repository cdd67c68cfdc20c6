package dev.cascade.local;

import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.MutableClock;
import dev.cascade.local.CascadeServices.Service;
import dev.cascade.notification.delivery.ReminderDispatcher;
import dev.cascade.notification.obligation.ObligationStore;
import dev.cascade.notification.unit.UnitDirectory;
import dev.cascade.notification.programme.ProgrammeCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services together on one real Kafka broker, each in its own application context with its own database,
 * talking only through Kafka: a plan is issued, obligations open, communes report over HTTP, the roll-ups reach
 * district, province and ministry with exact values on {@code cascade.aggregates.v1}, and the commune that has not
 * reported is reminded by e-mail (received by a real SMTP server) as the clock moves.
 */
class CascadeSystemIT {

    private static final String PROGRAMME = "HD-GDNN-SYSTEM";
    /** notification-service names the programme by its title (from PlanIssued) in every subject. */
    private static final String PROGRAMME_TITLE = "Báo cáo năm về giáo dục nghề nghiệp";
    /** Communes of district 294 (Huyen Thanh Ha) and 288 (TP Hai Duong), province 30 (Hai Duong), before the reform. */
    private static final String A = "10813";
    private static final String B = "10816";
    private static final String D = "10825";
    private static final String C = "10507";

    /** The local stack's broker, locked: SASL/SCRAM, the derived ACLs, each service its own principal. */
    private static KafkaBrokerProcess broker;
    private static MailCatcher mail;
    private static CascadeServices services;
    private static AggregateStream aggregates;
    private static final MutableClock clock = MutableClock.at("2024-12-07T09:00:00+07:00");
    private static IdentityProvider identity;
    private static Http http;

    @BeforeAll
    static void startCascade() throws Exception {
        broker = new KafkaBrokerProcess(java.nio.file.Files.createTempDirectory("cascade-system-kafka"),
                KafkaAclIT.freePortPair());
        broker.start(Duration.ofSeconds(90));
        TopicSetup.ensureTopics(broker.client(KafkaCredentials.ADMIN), 3);
        KafkaAccess.apply(broker.client(KafkaCredentials.ADMIN));
        mail = new MailCatcher(0, 0);
        mail.start();
        identity = new IdentityProvider();
        String issuer = identity.start(0, null, Map.of("spring.main.banner-mode", "off"));
        http = new Http(new DemoTokens(issuer));

        Map<String, Object> common = Map.of(
                "spring.cloud.stream.kafka.binder.brokers", broker.bootstrap(),
                "spring.mongodb.uri", EmbeddedMongo.uri(),
                "server.port", 0,
                "spring.main.banner-mode", "off",
                "cascade.security.issuer-uri", issuer,
                // the test drives every time-based job itself, by the clock
                "cascade.notifications.dispatch-interval", "1h",
                "cascade.obligations.open-interval", "1h",
                "cascade.obligations.overdue-interval", "1h");
        Map<Service, Map<String, ?>> specific = Map.of(
                Service.PLAN, Map.of("cascade.units.import-provinces", "30"),
                Service.NOTIFICATION, Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", mail.smtpPort()));
        ApplicationContextInitializer<ConfigurableApplicationContext> testClock =
                context -> context.getBeanFactory().registerSingleton("clock", clock);
        services = CascadeServices.start(common, broker.credentials().addTo(specific), List.of(testClock),
                List.of(Service.PLAN, Service.REPORT, Service.AGGREGATION, Service.NOTIFICATION));
        aggregates = new AggregateStream(broker.client(KafkaCredentials.MINISTRY));
    }

    @AfterAll
    static void stopCascade() throws Exception {
        if (aggregates != null) {
            aggregates.close();
        }
        if (services != null) {
            services.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (identity != null) {
            identity.close();
        }
    }

    @Test
    void reportsRollUpExactlyToTheMinistryAndTheCommuneThatHasNotReportedIsReminded() {
        String plans = services.url(Service.PLAN);
        String reports = services.url(Service.REPORT);
        String notifications = services.url(Service.NOTIFICATION);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.as("viewer-BGDDT").get(plans + "/units/" + D + "?asOf=2024-12-01").status() == 200);

        Http.Response created = http.as("planner-30").post(plans + "/plans", provincialPlan());
        assertThat(created.status()).as("create plan: %s", created.body()).isEqualTo(201);
        String planId = created.body().path("planId").asString();
        Http.Response issued = http.as("planner-30").post(plans + "/plans/" + planId + "/issue", "");
        assertThat(issued.status()).as("issue plan: %s", issued.body()).isEqualTo(200);

        for (String unit : List.of(A, B, C, D, "294")) {
            // contacts are taken for units notification-service knows: it may still be reading cascade.units.v1 (the
            // unit, 404, or the administrator's own unit, 403, not known yet)
            Http.Response contact = await().atMost(Duration.ofSeconds(60)).until(() -> http.as("admin-30").put(
                    notifications + "/contacts/" + unit, "{\"emails\":[\"vanthu." + unit + "@haiduong.example\"]}"),
                    response -> response.status() != 404 && response.status() != 403);
            assertThat(contact.status()).as("contacts of %s: %s", unit, contact.body()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode open = http.as("viewer-30").get(reports + "/obligations?under=30&status=OPEN").body();
            assertThat(open).hasSize(4);
        });
        JsonNode obligationOfA = http.as("reporter-" + A).get(reports + "/obligations?unit=" + A).body().get(0);
        assertThat(obligationOfA.path("deadline").asString()).isEqualTo("2024-12-10");
        assertThat(obligationOfA.path("parentCode").asString()).isEqualTo("294");

        submit(reports, A, 120, 200, 35);
        submit(reports, B, 90, 150, 20);
        submit(reports, C, 50, 100, 10);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            aggregates.poll();
            assertThat(received("BGDDT")).isEqualTo(3);
            assertThat(received("30")).isEqualTo(3);
            assertThat(received("294")).isEqualTo(2);
            assertThat(received("288")).isEqualTo(1);
        });

        assertAggregate("294", "60.00", 210, 350, 55, 3, 2);
        assertAggregate("288", "50.00", 50, 100, 10, 1, 1);
        assertAggregate("30", "57.78", 260, 450, 65, 4, 3);
        assertAggregate("BGDDT", "57.78", 260, 450, 65, 4, 3);

        JsonNode provinceTarget = aggregates.get(key("30")).path("targets").get(0);
        assertThat(provinceTarget.path("indicator").asString()).isEqualTo("GDNN_INTAKE_RATE");
        assertThat(provinceTarget.path("met").asBoolean()).isFalse();
        assertThat(provinceTarget.path("gap").decimalValue()).isEqualByComparingTo("2.78");

        JsonNode ministryOverHttp = http.as("viewer-BGDDT").get(services.url(Service.AGGREGATION) + "/aggregates/" + PROGRAMME
                + "/2024/BGDDT").body();
        assertThat(ministryOverHttp.path("values").path("GDNN_INTAKE_RATE").path("value").decimalValue())
                .isEqualByComparingTo("57.78");
        assertThat(ministryOverHttp.path("version").asLong()).isEqualTo(aggregates.get(key("BGDDT")).path("version").asLong());

        // one submission followed through every hop by its trace: the client's traceparent on POST /reports is on the
        // report's event and on the aggregates of the district, the province and the ministry that it changed
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Http.Response revised = http.as("reporter-" + C).post(reports + "/reports", reportBody(C, 55, 100, 10),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(revised.status()).as("traced revision: %s", revised.body()).isEqualTo(201);
        assertThat(revised.body().path("version").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            aggregates.poll();
            assertThat(aggregates.get(key("BGDDT")).path("values").path("GDNN_INTAKE_RATE").path("numerator")
                    .longValue()).isEqualTo(265);
            assertThat(aggregates.get(key("30")).path("values").path("GDNN_INTAKE_RATE").path("numerator")
                    .longValue()).isEqualTo(265);
        });
        assertThat(aggregates.get(key("288")).path("values").path("GDNN_INTAKE_RATE").path("numerator").longValue())
                .isEqualTo(55);
        for (String unit : List.of("288", "30", "BGDDT")) {
            assertThat(aggregates.traceparent(key(unit))).as("trace of the aggregate of %s", unit)
                    .startsWith("00-" + traceId + "-");
        }
        assertThat(TopicTraces.of(broker.client(KafkaCredentials.ADMIN), Topics.REPORTS, "\"unitCode\":\"" + C + "\"",
                "\"reportVersion\":2")).as("trace of the revised report's event").startsWith("00-" + traceId + "-");

        // the three communes that reported are fulfilled in notification-service; the fourth is not
        ObligationStore obligations = services.context(Service.NOTIFICATION).getBean(ObligationStore.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(A, B, C).stream()
                .allMatch(unit -> obligations.find(PROGRAMME + "|2024|" + unit).map(o -> o.fulfilled()).orElse(false)));
        ProgrammeCatalog programmes = services.context(Service.NOTIFICATION).getBean(ProgrammeCatalog.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> programmes.find(PROGRAMME).isPresent());
        // the mails name the units: notification-service's copy of the units (from cascade.units.v1) must have them
        UnitDirectory units = services.context(Service.NOTIFICATION).getBean(UnitDirectory.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(D, "294").stream()
                .allMatch(unit -> units.find(unit).isPresent()));
        ReminderDispatcher dispatcher = services.context(Service.NOTIFICATION).getBean(ReminderDispatcher.class);

        dispatcher.dispatchDue();
        assertThat(mail.messages()).extracting(m -> m.get("to"), m -> m.get("subject")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("vanthu." + D + "@haiduong.example"),
                        "[Cascade] Nhắc hạn báo cáo: " + PROGRAMME_TITLE + " kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)"));

        clock.set(OffsetDateTime.parse("2024-12-09T09:00:00+07:00").toInstant());
        dispatcher.dispatchDue();
        clock.set(OffsetDateTime.parse("2024-12-13T09:00:00+07:00").toInstant());
        dispatcher.dispatchDue();

        assertThat(mail.messages()).extracting(m -> m.get("to"), m -> m.get("subject")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("vanthu." + D + "@haiduong.example"),
                        "[Cascade] Nhắc hạn báo cáo: " + PROGRAMME_TITLE + " kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)"),
                org.assertj.core.groups.Tuple.tuple(List.of("vanthu." + D + "@haiduong.example"),
                        "[Cascade] Nhắc hạn báo cáo: " + PROGRAMME_TITLE + " kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)"),
                org.assertj.core.groups.Tuple.tuple(List.of("vanthu.294@haiduong.example"),
                        "[Cascade] Đơn vị chưa gửi báo cáo: Xã Tân Việt (" + D + ") — " + PROGRAMME_TITLE
                                + " kỳ 2024 — hạn 10/12/2024 (đã quá hạn 3 ngày)"));
        assertThat((String) mail.messages().get(0).get("body")).contains("Xã Tân Việt");

        // without a token nothing is taken; a commune's clerk cannot report for another commune
        assertThat(http.post(reports + "/reports", reportBody(D, 1, 2, 3)).status()).isEqualTo(401);
        Http.Response foreign = http.as("reporter-" + A).post(reports + "/reports", reportBody(D, 1, 2, 3));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().path("rule").asString()).isEqualTo("REPORTER of unit " + D);
        // a refused submission, so that its counter exists too; then every metric and label the dashboard and the
        // alert rules use is one the services expose (cascade_consumer_*: platform's ConsumerFaultsTest, with faults)
        assertThat(http.as("reporter-" + D).post(reports + "/reports",
                reportBody(D, 1, 1_000_000_000_001L, 3)).status()).isEqualTo(422);
        assertDashboardAndAlertsUseExposedMetrics();
    }

    private static void assertDashboardAndAlertsUseExposedMetrics() {
        StringBuilder exposed = new StringBuilder();
        for (Service service : Service.values()) {
            exposed.append(http.text(services.url(service) + "/actuator/prometheus"));
        }
        Map<String, java.util.Set<String>> labels = new java.util.HashMap<>();
        java.util.regex.Matcher series = java.util.regex.Pattern.compile("(?m)^([a-z_]+)(?:\\{([^}]*)})? ")
                .matcher(exposed);
        while (series.find()) {
            java.util.Set<String> names = labels.computeIfAbsent(series.group(1), k -> new java.util.TreeSet<>());
            if (series.group(2) != null) {
                java.util.regex.Matcher label = java.util.regex.Pattern.compile("([a-z_]+)=\"").matcher(series.group(2));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        List<String> wrong = new java.util.ArrayList<>();
        for (String file : List.of("../prometheus/alerts.yml", "../grafana/dashboards/cascade.json")) {
            String text;
            try {
                text = java.nio.file.Files.readString(java.nio.file.Path.of(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            java.util.regex.Matcher expr = java.util.regex.Pattern.compile("expr\"?: \"?([^\"\n]+)").matcher(text);
            while (expr.find()) {
                String query = expr.group(1);
                java.util.Set<String> used = new java.util.TreeSet<>();
                java.util.regex.Matcher by = java.util.regex.Pattern.compile("by \\(([^)]*)\\)").matcher(query);
                while (by.find()) {
                    Arrays.stream(by.group(1).split(",")).map(String::trim).forEach(used::add);
                }
                java.util.regex.Matcher metric = java.util.regex.Pattern.compile(
                        "\\b((?:cascade|http|jvm|kafka|spring)_[a-z_]+)\\b").matcher(query);
                while (metric.find()) {
                    String name = metric.group(1);
                    if (name.startsWith("cascade_consumer_")) {
                        continue;
                    }
                    if (!labels.containsKey(name)) {
                        wrong.add(file + ": " + name + " is not exposed");
                    } else if (!labels.get(name).containsAll(used)) {
                        wrong.add(file + ": " + name + " has labels " + labels.get(name) + ", the query uses " + used);
                    }
                }
            }
        }
        assertThat(wrong).as("metrics and labels of the dashboard and the alert rules").isEmpty();
    }

    private static void submit(String reports, String unit, long numerator, long denominator, long enrolments) {
        Http.Response response = http.as("reporter-" + unit).post(reports + "/reports",
                reportBody(unit, numerator, denominator, enrolments));
        assertThat(response.status()).as("report of %s: %s", unit, response.body()).isEqualTo(201);
        assertThat(response.body().path("version").asInt()).isEqualTo(1);
        assertThat(response.body().path("late").asBoolean()).isFalse();
    }

    private static String reportBody(String unit, long numerator, long denominator, long enrolments) {
        return """
                {"unitCode":"%s","programme":"%s","period":"2024",
                 "values":{"GDNN_INTAKE_RATE":{"numerator":%d,"denominator":%d},"GDNN_NEW_ENROLMENT":{"value":%d}},
                 "tasks":[{"task":"1","status":"IN_PROGRESS","text":"Tư vấn hướng nghiệp cho học sinh lớp 9"}],
                 "narrative":{"results":"Kết quả đạt được","shortcomings":"Hạn chế","difficulties":"Khó khăn",
                              "proposals":"Kiến nghị"}}
                """.formatted(unit, PROGRAMME, numerator, denominator, enrolments);
    }

    private static String key(String unit) {
        return PROGRAMME + "|2024|" + unit;
    }

    private static int received(String unit) {
        JsonNode aggregate = aggregates.get(key(unit));
        return aggregate == null ? -1 : aggregate.path("completeness").path("received").asInt();
    }

    private static void assertAggregate(String unit, String rate, long numerator, long denominator, long enrolments,
                                        int expected, int received) {
        JsonNode aggregate = aggregates.get(key(unit));
        JsonNode ratio = aggregate.path("values").path("GDNN_INTAKE_RATE");
        assertThat(ratio.path("value").decimalValue()).as(unit).isEqualByComparingTo(new BigDecimal(rate));
        assertThat(ratio.path("numerator").longValue()).as(unit).isEqualTo(numerator);
        assertThat(ratio.path("denominator").longValue()).as(unit).isEqualTo(denominator);
        assertThat(aggregate.path("values").path("GDNN_NEW_ENROLMENT").path("value").longValue()).as(unit)
                .isEqualTo(enrolments);
        JsonNode completeness = aggregate.path("completeness");
        assertThat(completeness.path("expected").asInt()).as(unit).isEqualTo(expected);
        assertThat(completeness.path("received").asInt()).as(unit).isEqualTo(received);
        assertThat(completeness.path("onTime").asInt()).as(unit).isEqualTo(received);
        assertThat(completeness.path("late").asInt()).as(unit).isZero();
    }

    private static String provincialPlan() {
        return """
                {"number":"99/KH-UBND","title":"Kế hoạch thử nghiệm hệ thống: phân luồng học sinh vào giáo dục nghề nghiệp",
                 "issuerUnitCode":"30","issueDate":"2024-01-15","basis":["21-CT/TW"],
                 "horizonStart":2024,"horizonEnd":2030,
                 "targets":[{"indicator":"GDNN_INTAKE_RATE","year":2030,"comparator":"RANGE","value":50,"upper":55}],
                 "tasks":[{"number":"1","title":"Tư vấn hướng nghiệp","leadUnit":"30","cooperatingUnits":[]}],
                 "programme":{"code":"%s","title":"Báo cáo năm về giáo dục nghề nghiệp","frequency":"ANNUAL",
                    "indicators":["GDNN_INTAKE_RATE","GDNN_NEW_ENROLMENT"],
                    "outline":["results","shortcomings","difficulties","proposals"],
                    "deadlines":{"COMMUNE":"12-10","DISTRICT":"12-15","PROVINCE":"12-20","MINISTRY":"12-25"}},
                 "reportingUnits":["%s","%s","%s","%s"]}
                """.formatted(PROGRAMME, A, B, D, C);
    }
}
