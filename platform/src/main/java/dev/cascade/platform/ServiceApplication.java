package dev.cascade.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.Locale;

/**
 * How every service is started, alone or beside the others in one JVM (the local stack). A service's configuration
 * file is named after its application class ({@code ReportServiceApplication} reads {@code report-service.yml}), so
 * that four services can share one classpath.
 */
public final class ServiceApplication {

    private static final String SUFFIX = "Application";

    private ServiceApplication() {
    }

    /** Starts the service of {@code application}, its {@code @SpringBootApplication} class. */
    public static void run(Class<?> application, String... args) {
        builder(application).run(args);
    }

    /** A builder for the service of {@code application}, reading its own configuration file. */
    public static SpringApplicationBuilder builder(Class<?> application) {
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + configName(application));
    }

    /** {@code ReportServiceApplication} → {@code report-service}: the service's id and configuration file name. */
    public static String configName(Class<?> application) {
        String name = application.getSimpleName();
        if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
            throw new IllegalArgumentException(name + " is not named <Service>" + SUFFIX);
        }
        return name.substring(0, name.length() - SUFFIX.length())
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
