package dev.cascade.identity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The local stack's identity provider: an OAuth 2.1 / OpenID Connect issuer (Spring Authorization Server) whose demo
 * users are made from the unit hierarchy. It runs alone ({@code java -jar identity-…-exec.jar}, compose, Kubernetes)
 * or as a Spring context of its own inside the local stack's JVM.
 * <p>
 * Its auto-configuration is a fixed list rather than everything on the class path: inside the local stack the class
 * path also holds the services' platform (its resource-server security, Kafka, MongoDB, the outbox), none of which
 * may configure the issuer. Its configuration file is {@code identity.yml}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpEncodingAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
@Import({AuthorizationServer.class, Health.class})
public class IdentityApplication {

    /** The configuration file's name, {@code identity.yml}. */
    public static final String CONFIG_NAME = "identity";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** A builder for the identity provider reading {@code identity.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IdentityApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
