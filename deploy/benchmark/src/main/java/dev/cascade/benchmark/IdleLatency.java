package dev.cascade.benchmark;

import dev.cascade.local.DemoTokens;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A single report on an idle stack: before a run's burst, N communes spread over the country (a plan of their own,
 * issued by the ministry) each send one report, one at a time with a pause between them, and for each the benchmark
 * notes when the first aggregate of its district (where the 2025-03 ladder has one), of its province and of the
 * ministry arrived on {@code cascade.aggregates.v1} after the request was sent. Nothing else runs meanwhile, so every
 * aggregate of those units after the send is this report's.
 */
final class IdleLatency {

    /** The quiet time before each report, so that no report finds the pipeline busy with the one before. */
    static final Duration PAUSE = Duration.ofSeconds(1);
    /** How long a report may take to reach the ministry before it counts as not included. */
    static final Duration MINISTRY_WAIT = Duration.ofSeconds(30);

    private final Options options;
    private final StackApi api;
    private final PrintStream out;

    IdleLatency(Options options, StackApi api, PrintStream out) {
        this.options = options;
        this.api = api;
        this.out = out;
    }

    RunResult.IdleLatency measure(String tag, List<Indicator> indicators, List<Commune> country) throws Exception {
        List<Commune> communes = NationalBurst.spread(country, options.idleReports());
        String programme = tag + "-IDLE";
        out.printf("Idle single reports: %d communes, one at a time, %d ms apart (programme %s)%n", communes.size(),
                PAUSE.toMillis(), programme);
        try (AggregateWatcher watcher = new AggregateWatcher(options.bootstrap(), programme)) {
            watcher.start();
            PlanSetup.Prepared plan = new PlanSetup(options, api, out).prepare(tag + "I", programme, indicators,
                    communes);
            ReporterTokens tokens = ReporterTokens.fetch(new DemoTokens(options.issuer()),
                    communes.stream().map(Commune::code).toList(), options.tokenClients());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI reports = options.report().resolve("/reports");
            List<Double> response = new ArrayList<>();
            List<Double> district = new ArrayList<>();
            List<Double> province = new ArrayList<>();
            List<Double> ministry = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            int accepted = 0;
            for (int i = 0; i < communes.size(); i++) {
                Commune commune = communes.get(i);
                Map<String, long[]> values = ReportValues.draw(options.seed(), commune.code(), indicators);
                byte[] body = StackApi.JSON.writeValueAsBytes(
                        RequestBodies.reportBody(commune, programme, plan.period(), values));
                Thread.sleep(PAUSE.toMillis());
                long sent = System.nanoTime();
                HttpResponse<String> answer = http.send(Burst.submission(reports, tokens.headers()[i], body),
                        HttpResponse.BodyHandlers.ofString());
                response.add((System.nanoTime() - sent) / 1e9);
                if (answer.statusCode() != 201) {
                    errors.add(commune.code() + ": " + answer.statusCode() + " " + answer.body());
                    continue;
                }
                accepted++;
                long atMinistry = watcher.awaitMinistryReceived(accepted, MINISTRY_WAIT);
                if (atMinistry < 0) {
                    errors.add(commune.code() + ": not in the ministry aggregate after " + MINISTRY_WAIT.toSeconds() + " s");
                    continue;
                }
                ministry.add((atMinistry - sent) / 1e9);
                province.add(seconds(watcher.firstArrivalAfter(commune.provinceCode(), sent), sent));
                if (commune.districtCode() != null && !commune.districtCode().isBlank()
                        && !commune.districtCode().equals(commune.provinceCode())) {
                    district.add(seconds(watcher.firstArrivalAfter(commune.districtCode(), sent), sent));
                }
            }
            RunResult.IdleLatency result = new RunResult.IdleLatency(communes.size(), accepted, PAUSE.toMillis() / 1e3,
                    summary(response), summary(district), summary(province), summary(ministry), errors,
                    "one report at a time after a pause of " + PAUSE.toMillis() + " ms; from the moment the request "
                            + "was sent to the arrival at the benchmark's consumer of the first aggregate of that "
                            + "unit after it (district: where the commune has one on the 2025-03 ladder)");
            out.printf("Idle single report → ministry: p50 %.3f s, p95 %.3f s (district p50 %.3f s, province p50 "
                            + "%.3f s, 201 p50 %.3f s); %d of %d included%s%n",
                    result.toMinistrySeconds().p50(), result.toMinistrySeconds().p95(),
                    result.toDistrictSeconds().p50(), result.toProvinceSeconds().p50(),
                    result.httpResponseSeconds().p50(), ministry.size(), communes.size(),
                    errors.isEmpty() ? "" : "; errors: " + errors);
            return result;
        }
    }

    private static double seconds(long arrival, long sent) {
        return arrival < 0 ? Double.NaN : (arrival - sent) / 1e9;
    }

    private static Percentiles.Summary summary(List<Double> seconds) {
        return Percentiles.summary(seconds.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d))
                .toArray());
    }
}
