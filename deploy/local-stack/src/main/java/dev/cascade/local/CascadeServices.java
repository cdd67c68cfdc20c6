package dev.cascade.local;

import dev.cascade.aggregation.AggregationServiceApplication;
import dev.cascade.notification.NotificationServiceApplication;
import dev.cascade.plan.PlanServiceApplication;
import dev.cascade.platform.ServiceApplication;
import dev.cascade.report.ReportServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services, each in its own Spring application context with its own configuration file, port and
 * database, sharing one JVM. They talk to each other only through Kafka.
 */
final class CascadeServices implements RunningServices {

    enum Service {
        PLAN(PlanServiceApplication.class),
        REPORT(ReportServiceApplication.class),
        AGGREGATION(AggregationServiceApplication.class),
        NOTIFICATION(NotificationServiceApplication.class);

        final String id;
        final Class<?> application;

        Service(Class<?> application) {
            this.id = ServiceApplication.configName(application);
            this.application = application;
        }
    }

    private final Map<Service, ConfigurableApplicationContext> contexts = new EnumMap<>(Service.class);

    private CascadeServices() {
    }

    /**
     * Starts the services in order. Properties are passed as command-line arguments, so they win over each
     * service's own configuration file and environment defaults.
     *
     * @param common       properties for every service
     * @param specific     extra properties per service
     * @param initializers run on every context before it refreshes (e.g. to register a test clock)
     */
    static CascadeServices start(Map<String, ?> common, Map<Service, Map<String, ?>> specific,
                                 List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers,
                                 List<Service> order) {
        CascadeServices services = new CascadeServices();
        try {
            for (Service service : order) {
                Map<String, Object> properties = new LinkedHashMap<>(common);
                properties.putAll(specific.getOrDefault(service, Map.of()));
                List<String> args = new ArrayList<>();
                properties.forEach((key, value) -> args.add("--" + key + "=" + value));
                SpringApplicationBuilder builder = ServiceApplication.builder(service.application);
                initializers.forEach(builder::initializers);
                services.contexts.put(service, builder.run(args.toArray(String[]::new)));
            }
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    ConfigurableApplicationContext context(Service service) {
        return contexts.get(service);
    }

    int port(Service service) {
        return ((WebServerApplicationContext) contexts.get(service)).getWebServer().getPort();
    }

    @Override
    public String url(Service service) {
        return "http://localhost:" + port(service);
    }

    @Override
    public void close() {
        List<Service> reverse = new ArrayList<>(contexts.keySet());
        java.util.Collections.reverse(reverse);
        for (Service service : reverse) {
            contexts.remove(service).close();
        }
    }
}
