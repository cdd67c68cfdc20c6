package dev.cascade.local;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A web application of the stack (identity provider, portal) run as a Spring context of its own in this JVM: started
 * with properties that win over its own configuration file, answering at a URL, closed with the stack.
 */
abstract class EmbeddedApplication implements AutoCloseable {

    private ConfigurableApplicationContext context;

    /** Runs it with {@code properties} as command-line arguments and answers where it listens. */
    protected final String run(SpringApplicationBuilder application, Map<String, ?> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        context = application.run(args.toArray(String[]::new));
        return url();
    }

    /** Where it answers. */
    String url() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
