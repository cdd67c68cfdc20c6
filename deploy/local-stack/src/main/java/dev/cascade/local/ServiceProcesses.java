package dev.cascade.local;

import dev.cascade.local.CascadeServices.Service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four services, each in a JVM of its own (the deployment shape), started side by side. */
final class ServiceProcesses implements RunningServices {

    static final Map<Service, Integer> DEFAULT_PORTS = Map.of(Service.PLAN, 8081, Service.REPORT, 8082,
            Service.AGGREGATION, 8083, Service.NOTIFICATION, 8084);

    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);

    /**
     * Starts every service with {@code common} and its {@code specific} properties on its port, each named
     * {@code <service>-1}, and waits until all answer their health endpoint.
     */
    static ServiceProcesses start(Map<String, ?> common, Map<Service, Map<String, ?>> specific,
                                  Map<Service, Integer> ports, Path logs, String heap, Duration timeout)
            throws IOException, InterruptedException {
        ServiceProcesses services = new ServiceProcesses();
        try {
            for (Service service : List.of(Service.REPORT, Service.AGGREGATION, Service.NOTIFICATION, Service.PLAN)) {
                Map<String, Object> properties = new LinkedHashMap<>(common);
                properties.putAll(specific.getOrDefault(service, Map.of()));
                ServiceProcess process = new ServiceProcess(service, service.id + "-1", ports.get(service), properties,
                        logs, heap);
                services.processes.put(service, process);
                process.start();
            }
            for (ServiceProcess process : services.processes.values()) {
                process.awaitHealthy(timeout);
            }
            return services;
        } catch (IOException | InterruptedException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    ServiceProcess process(Service service) {
        return processes.get(service);
    }

    @Override
    public String url(Service service) {
        return processes.get(service).url();
    }

    @Override
    public void close() {
        for (ServiceProcess process : processes.values()) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
