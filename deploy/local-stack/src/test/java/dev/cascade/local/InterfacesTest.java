package dev.cascade.local;

import dev.cascade.contracts.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document tells the truth about what each service consumes: the topics of the bindings a service's own
 * configuration declares ({@code spring.cloud.function.definition}, each {@code <function>-in-0.destination}
 * resolved the way the service resolves it, from the contracts' {@code topics.properties}) are exactly the channels
 * of the {@code receive} operations the document tags with that service, and the dead-letter topics of those
 * topics ({@code <topic>.dlq}, where the platform's consumer error handling sends what it cannot apply) are exactly
 * the channels of its {@code send} operations to dead-letter topics.
 */
class InterfacesTest {

    private static final JsonNode ASYNCAPI = readAsyncApi();

    @ParameterizedTest
    @ValueSource(strings = {"plan-service", "report-service", "aggregation-service", "notification-service"})
    void theReceiveOperationsOfTheAsyncApiAreTheServicesBindings(String service) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (var source : new YamlPropertySourceLoader().load(service, new ClassPathResource(service + ".yml"))) {
            environment.getPropertySources().addLast(source);
        }
        environment.getPropertySources().addLast(new ResourcePropertySource(
                new ClassPathResource("dev/cascade/contracts/topics.properties")));
        String functions = environment.getProperty("spring.cloud.function.definition", "");
        Set<String> bound = Arrays.stream(functions.split(";")).map(String::trim).filter(f -> !f.isEmpty())
                .map(f -> environment.getRequiredProperty("spring.cloud.stream.bindings." + f + "-in-0.destination"))
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> documented = new TreeSet<>();
        Set<String> deadLettered = new TreeSet<>();
        ASYNCAPI.get("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            if (!operation.at("/tags/0/name").asString().equals(service)) {
                return;
            }
            String channel = operation.at("/channel/$ref").asString().replace("#/channels/", "");
            String address = ASYNCAPI.at("/channels/" + channel + "/address").asString();
            if (operation.get("action").asString().equals("receive")) {
                documented.add(address);
            } else if (address.endsWith(".dlq")) {
                deadLettered.add(address);
            }
        });

        assertThat(documented).as("topics %s receives according to asyncapi.yaml", service).isEqualTo(bound);
        assertThat(deadLettered).as("dead-letter topics %s sends to according to asyncapi.yaml", service)
                .isEqualTo(bound.stream().map(Topics::deadLetter).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static JsonNode readAsyncApi() {
        try (InputStream in = InterfacesTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            JsonMapper json = JsonMapper.builder().build();
            return json.readTree(json.writeValueAsString(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
