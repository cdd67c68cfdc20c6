package dev.cascade.portal.api;

import dev.cascade.portal.PortalProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The four services' HTTP APIs as the portal uses them, each call with the signed-in person's own access token
 * (token relay through the OAuth2 client: refreshed when it runs out). A refusal arrives as a {@link ServiceProblem}
 * with the service's problem document, a service that does not answer as {@link ServiceUnavailable}.
 */
@Component
public class CascadeApi {

    private static final ParameterizedTypeReference<List<Obligation>> OBLIGATIONS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<PlanSummary>> PLANS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Unit>> UNITS = new ParameterizedTypeReference<>() {
    };

    private final RestClient plan;
    private final RestClient report;
    private final RestClient aggregation;
    private final RestClient notification;
    private final JsonMapper json;

    CascadeApi(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, PortalProperties properties,
               JsonMapper json) {
        this.json = json;
        OAuth2ClientHttpRequestInterceptor tokens = new OAuth2ClientHttpRequestInterceptor(clients);
        tokens.setClientRegistrationIdResolver(request -> PortalTokens.REGISTRATION);
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.callTimeout()).build());
        requests.setReadTimeout(properties.callTimeout());
        RestClient.Builder base = builder.clone().requestFactory(requests).requestInterceptor(tokens)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problem(response.getStatusCode().value(), response.getBody().readAllBytes());
                });
        this.plan = base.clone().baseUrl(properties.services().plan().toString()).build();
        this.report = base.clone().baseUrl(properties.services().report().toString()).build();
        this.aggregation = base.clone().baseUrl(properties.services().aggregation().toString()).build();
        this.notification = base.clone().baseUrl(properties.services().notification().toString()).build();
    }

    // report-service

    /** Every obligation of a unit, all programmes and periods. */
    public List<Obligation> obligationsOf(String unit) {
        return call("report-service", () -> report.get().uri("/obligations?unit={u}", unit).retrieve().body(OBLIGATIONS));
    }

    /** Every obligation beneath a unit (its own included), filtered by what the person may read. */
    public List<Obligation> obligationsUnder(String unit) {
        return call("report-service", () -> report.get().uri("/obligations?under={u}", unit).retrieve().body(OBLIGATIONS));
    }

    public Report report(String reportId) {
        return call("report-service", () -> report.get().uri("/reports/{id}", reportId).retrieve().body(Report.class));
    }

    /** Submits (or revises: the same unit, programme and period again) and answers the new version. */
    public Submitted submit(Map<String, Object> body, String idempotencyKey) {
        return call("report-service", () -> report.post().uri("/reports").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).body(body).retrieve().body(Submitted.class));
    }

    public Submitted withdraw(String reportId, String reason) {
        Map<String, Object> body = reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason);
        return call("report-service", () -> report.post().uri("/reports/{id}/withdrawal", reportId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(Submitted.class));
    }

    /** Accepts or returns (with a reason) the given version of a child's report. */
    public void review(String reportId, String decision, String reason, int version) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("decision", decision);
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason);
        }
        body.put("version", version);
        call("report-service", () -> report.post().uri("/reports/{id}/review", reportId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    /** What {@code POST /reports} and a withdrawal answer. */
    public record Submitted(String reportId, int version, boolean late) {
    }

    // plan-service

    public List<PlanSummary> plans() {
        return call("plan-service", () -> plan.get().uri("/plans").retrieve().body(PLANS));
    }

    public Plan plan(String planId) {
        return call("plan-service", () -> plan.get().uri("/plans/{id}", planId).retrieve().body(Plan.class));
    }

    /** The plan that sets up a programme (a programme belongs to exactly one plan), or null. */
    public Plan planOfProgramme(String programme) {
        return plans().stream().filter(p -> programme.equals(p.programme())).findFirst()
                .map(p -> plan(p.planId())).orElse(null);
    }

    public Unit unit(String code, LocalDate asOf) {
        return call("plan-service", () -> plan.get().uri("/units/{c}?asOf={d}", code, asOf).retrieve().body(Unit.class));
    }

    public List<Unit> children(String code, LocalDate asOf) {
        return call("plan-service", () -> plan.get().uri("/units/{c}/children?asOf={d}", code, asOf).retrieve()
                .body(UNITS));
    }

    /** The unit and every unit above it up to the ministry, the unit first. */
    public List<Unit> path(String code, LocalDate asOf) {
        return call("plan-service", () -> plan.get().uri("/units/{c}/path?asOf={d}", code, asOf).retrieve()
                .body(UNITS));
    }

    // aggregation-service

    public Aggregate aggregate(String programme, String period, String unit, boolean restate) {
        return call("aggregation-service", () -> aggregation.get()
                .uri("/aggregates/{p}/{period}/{u}?restate={r}", programme, period, unit, restate).retrieve()
                .body(Aggregate.class));
    }

    public MissingUnits missing(String programme, String period, String unit) {
        return call("aggregation-service", () -> aggregation.get()
                .uri("/aggregates/{p}/{period}/{u}/missing", programme, period, unit).retrieve()
                .body(MissingUnits.class));
    }

    // notification-service

    public Inbox inbox(String user) {
        return call("notification-service", () -> notification.get().uri("/inbox/{u}?unread=false", user).retrieve()
                .body(Inbox.class));
    }

    public void markRead(String user, String itemId, boolean read) {
        call("notification-service", () -> notification.post().uri("/inbox/{u}/items/{id}/" + (read ? "read" : "unread"),
                user, itemId).retrieve().toBodilessEntity());
    }

    private <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailable(service, e);
        }
    }

    private ServiceProblem problem(int status, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            List<ServiceProblem.FieldError> errors = new ArrayList<>();
            for (JsonNode error : node.path("errors")) {
                errors.add(new ServiceProblem.FieldError(error.path("field").asString(""),
                        error.path("message").asString("")));
            }
            return new ServiceProblem(status, text(node, "type"), text(node, "title"), text(node, "detail"),
                    text(node, "rule"), errors);
        } catch (RuntimeException notJson) {
            return new ServiceProblem(status, null, null, null, null, List.of());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
