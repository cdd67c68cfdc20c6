package dev.cascade.platform;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defaults every service shares, added last so that a service's own configuration and the environment override
 * them: health shows its components and details, the status {@code DEGRADED} answers 200 and ranks between
 * {@code OUT_OF_SERVICE} and {@code UP}, readiness includes the consumers, and Spring MVC answers its own refusals
 * (404, 405, 415, …) with problem documents, consumed records continue their trace, and spans are exported to
 * Zipkin only when {@code CASCADE_ZIPKIN_ENDPOINT} names one (sampling: {@code CASCADE_TRACE_SAMPLING}, 0.1), without
 * Spring Security's own observations.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "cascadePlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
        // a mapping of one's own replaces Boot's defaults: name them all
        defaults.put("management.endpoint.health.status.http-mapping.DOWN", "503");
        defaults.put("management.endpoint.health.status.http-mapping.OUT_OF_SERVICE", "503");
        defaults.put("management.endpoint.health.status.http-mapping.DEGRADED", "200");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,consumers");
        defaults.put("management.endpoint.health.group.readiness.show-details", "always");
        // the binder's own health component (binders) asks the broker for the partitions in use and waits up to 60 s
        // by default: with the broker away, every health request of a consuming service hung for that long
        defaults.put("spring.cloud.stream.kafka.binder.health-timeout", "3");
        defaults.put("spring.mvc.problemdetails.enabled", "true");
        // a consumer failure is logged once, without its stack, by the platform's error handling: the binder's error
        // channel would log the same failure again with the whole stack at every attempt
        defaults.put("logging.level.org.springframework.integration.handler.LoggingHandler", "OFF");
        defaults.put("cascade.consumer.instance-id", "${CASCADE_INSTANCE_ID:}");
        defaults.put("spring.mvc.throw-exception-if-no-handler-found", "true");
        // the OpenAPI document and Swagger UI are served on purpose (springdoc warns when they are on by default)
        defaults.put("springdoc.api-docs.enabled", "true");
        defaults.put("springdoc.swagger-ui.enabled", "true");
        // histogram buckets for the p95 panels of the Grafana dashboard (deploy/grafana)
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.cascade.rollup.latency", "true");
        // every consumed record continues the trace of its traceparent header (record bindings; batches: TraceParents)
        defaults.put("spring.cloud.stream.kafka.binder.enable-observation", "true");
        defaults.put("management.tracing.sampling.probability", "${CASCADE_TRACE_SAMPLING:0.1}");
        // no observation (timer and span) of Spring Security's own: each of its ~15 filters, the authentication and
        // the authorization were observed on every request: 7 % of report-service's CPU samples in a JFR profile of a
        // burst (issue 16). The request's own observation (http.server.requests) and its trace are unchanged.
        defaults.put("management.observations.enable.spring.security", "false");
        // spans go to Zipkin only where one is named: a missing collector must not fill the log with failed exports
        String zipkin = environment.getProperty("CASCADE_ZIPKIN_ENDPOINT", "");
        defaults.put("management.tracing.export.zipkin.enabled", String.valueOf(!zipkin.isBlank()));
        if (!zipkin.isBlank()) {
            defaults.put("management.tracing.export.zipkin.endpoint", zipkin);
        }
        // one variable points every service at its OpenID Connect issuer
        String issuer = environment.getProperty("CASCADE_ISSUER_URI", "");
        if (!issuer.isBlank()) {
            defaults.put("cascade.security.issuer-uri", issuer);
        }
        kafkaCredentials(environment, defaults);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    /**
     * With {@code CASCADE_KAFKA_USERNAME} and {@code CASCADE_KAFKA_PASSWORD} set, the service authenticates to Kafka as
     * that principal (SASL/SCRAM-SHA-512 over SASL_PLAINTEXT): the binder's client configuration, which platform's
     * own clients (outbox relay, dead-letter producer, admin) copy through {@code BinderClientSettings}. Unset:
     * plaintext, no authentication.
     */
    static void kafkaCredentials(ConfigurableEnvironment environment, Map<String, Object> defaults) {
        String username = environment.getProperty("CASCADE_KAFKA_USERNAME", "");
        String password = environment.getProperty("CASCADE_KAFKA_PASSWORD", "");
        if (username.isBlank() || password.isEmpty()) {
            return;
        }
        String prefix = "spring.cloud.stream.kafka.binder.configuration.";
        defaults.put(prefix + "security.protocol", "SASL_PLAINTEXT");
        defaults.put(prefix + "sasl.mechanism", "SCRAM-SHA-512");
        defaults.put(prefix + "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + jaasQuoted(username.strip()) + "\" password=\"" + jaasQuoted(password) + "\";");
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
