package dev.cascade.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** How every service is started, alone or beside the others in one JVM (the local stack). */
public final class ServiceApplication {

    private ServiceApplication() {
    }

    /**
     * @param application the service's {@code @SpringBootApplication} class
     * @param configName  its configuration file name ({@code <configName>.yml}), so that four services can share one
     *                    classpath
     */
    public static SpringApplicationBuilder builder(Class<?> application, String configName) {
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + configName);
    }
}
