package dev.cascade.local;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A web application of the stack (identity provider, portal) run as a Spring context of its own in this JVM. */
final class EmbeddedApplication {

    private EmbeddedApplication() {
    }

    /** Runs it with {@code properties} as command-line arguments (so they win over its own configuration file). */
    static ConfigurableApplicationContext run(SpringApplicationBuilder application, Map<String, ?> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return application.run(args.toArray(String[]::new));
    }

    /** Where it answers. */
    static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
