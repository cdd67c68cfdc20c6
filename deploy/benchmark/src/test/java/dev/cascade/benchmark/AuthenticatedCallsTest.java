package dev.cascade.benchmark;

import dev.cascade.local.DemoTokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark's calls carry the right demo user's token; the probes none; the reporters log in before the burst. */
class AuthenticatedCallsTest {

    @Test
    void everyReporterLogsInOnceInParallelAndTheHeadersFollowTheCommunes() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            List<String> units = IntStream.range(0, 300).mapToObj(i -> String.valueOf(10000 + i)).toList();

            ReporterTokens tokens = ReporterTokens.fetch(new DemoTokens(fake.uri().toString()), units, 8);

            assertThat(tokens.fetched()).isEqualTo(300);
            assertThat(tokens.parallelism()).isEqualTo(8);
            assertThat(tokens.seconds()).isPositive();
            assertThat(tokens.headers()).hasSize(300);
            for (int i = 0; i < units.size(); i++) {
                assertThat(tokens.headers()[i]).isEqualTo("Bearer " + fake.tokenOf("reporter-" + units.get(i)));
            }
            assertThat(fake.tokensIssued).hasSize(300);
            assertThat(fake.tokensIssued.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(tokens.earliestExpiry()).isEqualTo(Instant.ofEpochSecond(fake.expiresAt));
            assertThat(tokens.validFor(ReporterLogins.RENEW_BEFORE_SECONDS)).isTrue();
            assertThat(tokens.validFor(7200)).isFalse();
        }
    }

    @Test
    void aLaterRunReusesTheTokensWhileTheyAreValid() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            List<Commune> communes = List.of(new Commune("10507", "294", "30"), new Commune("10813", "294", "30"));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ReporterLogins logins = new ReporterLogins(fake.uri().toString(), 4,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            ReporterLogins.Prepared first = logins.prepare(1, communes);
            ReporterLogins.Prepared second = logins.prepare(2, communes);

            assertThat(first.figures().fetched()).isEqualTo(2);
            assertThat(first.figures().reporters()).isEqualTo(2);
            assertThat(first.figures().seconds()).isNotNull();
            assertThat(second.figures().fetched()).isZero();
            assertThat(second.figures().seconds()).isNull();
            assertThat(second.figures().note()).contains("before run 1");
            assertThat(second.headers()).containsExactly(first.headers());
            assertThat(fake.tokensIssued.get("reporter-10507").get()).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Token fetch: 2 reporters' tokens in");
        }
    }

    @Test
    void anUnknownUserStopsTheFetchWithTheIdentityProvidersAnswer() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            assertThatThrownBy(() -> ReporterTokens.fetch(new DemoTokens(fake.uri().toString()),
                    List.of("10507", "nobody"), 2))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid_grant");
        }
    }

    @Test
    void eachReportOfTheBurstCarriesItsCommunesReporterToken() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            // the fake report-service takes a report only with the token of the reporter of its unit
            fake.handler = request -> {
                String unit = StackApi.JSON.readTree(request.body()).path("unitCode").asString();
                return ("Bearer " + fake.tokenOf("reporter-" + unit)).equals(request.authorization())
                        ? Map.entry(201, "{}") : Map.entry(403, "{\"rule\":\"actFor\"}");
            };
            List<Commune> communes = IntStream.range(0, 40)
                    .mapToObj(i -> new Commune(String.valueOf(20000 + i), "294", "30")).toList();
            List<byte[]> bodies = new ArrayList<>();
            for (Commune commune : communes) {
                bodies.add(StackApi.JSON.writeValueAsBytes(RequestBodies.reportBody(commune, "P-ANNUAL", "2024",
                        Map.of("GDNN_NEW_ENROLMENT", new long[] {5}))));
            }
            String[] headers = ReporterTokens.fetch(new DemoTokens(fake.uri().toString()),
                    communes.stream().map(Commune::code).toList(), 4).headers();
            int tokenRequests = fake.seen.size();
            // one report with another commune's token: refused
            String[] mixed = headers.clone();
            mixed[7] = headers[8];

            Burst burst = new Burst(fake.uri(), bodies, mixed, 4);
            burst.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> 0);

            assertThat(burst.accepted()).isEqualTo(39);
            assertThat(burst.errors()).containsExactly(Map.entry("403", 1));
            assertThat(burst.status[7]).isEqualTo(403);
            // the burst fetched no token: every request after the fetch went to /reports
            assertThat(fake.seen.subList(tokenRequests, fake.seen.size()))
                    .allSatisfy(seen -> assertThat(seen.path()).isEqualTo("/reports"))
                    .hasSize(40);
        }
    }

    @Test
    void readsGoAsTheMinistryAnalystPlansAsTheIssuersPlannerAndProbesWithoutAToken() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            fake.handler = request -> switch (request.path()) {
                case "/actuator/health" -> request.authorization() == null ? Map.entry(200, "{\"status\":\"UP\"}")
                        : Map.entry(400, "{}");
                // the probe asks for its gauge only: a whole scrape would evaluate every gauge of the service
                case "/actuator/prometheus?includedNames=jvm_memory_used_bytes" ->
                        Map.entry(200, "jvm_memory_used_bytes{area=\"heap\",id=\"G1\"} 2048.0\n");
                case "/indicators" -> Map.entry(200, "[{\"code\":\"A\",\"kind\":\"COUNT\",\"aggregation\":\"SUM\"}]");
                case "/plans" -> Map.entry(201, "{\"planId\":\"p1\"}");
                default -> Map.entry(404, "{}");
            };
            StackApi api = new StackApi(fake.uri(), fake.uri(), fake.uri(), fake.uri(),
                    new DemoTokens(fake.uri().toString()));

            assertThat(api.healthy(fake.uri())).isTrue();
            assertThat(api.heapGauge(fake.uri(), "jvm_memory_used_bytes")).isEqualTo(2048.0);
            assertThat(api.indicators()).containsExactly(new Indicator("A", false));
            assertThat(api.getOrNull(fake.uri().resolve("/aggregates/P/2024/BGDDT"))).isNull();
            api.post(fake.uri().resolve("/plans"), Map.of("issuerUnitCode", "BGDDT"), 201,
                    StackApi.planner(NationalBurst.MINISTRY));

            Map<String, String> byPath = new java.util.HashMap<>();
            fake.seen.stream().filter(s -> !s.path().equals("/oauth2/token"))
                    .forEach(s -> byPath.put(s.path(), s.authorization()));
            assertThat(byPath.get("/actuator/health")).isNull();
            assertThat(byPath).containsKey("/actuator/prometheus?includedNames=jvm_memory_used_bytes");
            assertThat(byPath.get("/actuator/prometheus?includedNames=jvm_memory_used_bytes")).isNull();
            assertThat(byPath.get("/indicators")).isEqualTo("Bearer " + fake.tokenOf("viewer-BGDDT"));
            assertThat(byPath.get("/aggregates/P/2024/BGDDT")).isEqualTo("Bearer " + fake.tokenOf("viewer-BGDDT"));
            assertThat(byPath.get("/plans")).isEqualTo("Bearer " + fake.tokenOf("planner-BGDDT"));
            // each user logged in once
            assertThat(fake.tokensIssued.keySet()).containsExactlyInAnyOrder("viewer-BGDDT", "planner-BGDDT");
            assertThat(fake.tokensIssued.get("viewer-BGDDT").get()).isEqualTo(1);
        }
    }

    @Test
    void aRefusalNamesTheUser() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            fake.handler = request -> Map.entry(403, "{\"rule\":\"read\"}");
            StackApi api = new StackApi(fake.uri(), fake.uri(), fake.uri(), fake.uri(),
                    new DemoTokens(fake.uri().toString()));
            assertThatThrownBy(() -> api.get(fake.uri().resolve("/obligations?under=BGDDT")))
                    .hasMessageContaining("as viewer-BGDDT → 403");
        }
    }

    @Test
    void theReportBodyNamesNoSubmitter() {
        Map<String, Object> body = RequestBodies.reportBody(new Commune("10507", "294", "30"), "P", "2024",
                Map.of("A", new long[] {1}));
        assertThat(body).doesNotContainKey("submittedBy").containsEntry("unitCode", "10507");
    }

    @Test
    void theSingleFileProgramGetsTokensWithTheJdkAlone() throws Exception {
        try (FakeStack fake = new FakeStack()) {
            SubmissionThroughput.Tokens tokens = new SubmissionThroughput.Tokens(fake.uri() + "/");
            assertThat(tokens.bearer("reporter-10507")).isEqualTo("Bearer " + fake.tokenOf("reporter-10507"));
            assertThat(tokens.bearer("reporter-10507")).isEqualTo("Bearer " + fake.tokenOf("reporter-10507"));
            assertThat(fake.tokensIssued.get("reporter-10507").get()).isEqualTo(1);
            assertThatThrownBy(() -> tokens.bearer("nobody-1")).hasMessageContaining("invalid_grant");
        }
    }
}
