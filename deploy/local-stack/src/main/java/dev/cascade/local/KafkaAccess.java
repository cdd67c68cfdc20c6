package dev.cascade.local;

import dev.cascade.contracts.Topics;
import dev.cascade.local.CascadeServices.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may do what on the local broker, derived, never typed twice: each service principal gets WRITE (and DESCRIBE)
 * on the topics its {@code send} operations in {@code asyncapi.yaml} name (its dead-letter topics included, they are
 * operations of their own there), READ (and DESCRIBE) on the topics its {@code receive} operations name, and READ on
 * the consumer groups its bindings use ({@code spring.cloud.stream.bindings.*.group} in the service's own
 * {@code <service>.yml}). The {@code ministry} principal gets READ and DESCRIBE on the topic of the public
 * {@code receive} operation ({@code cascade.aggregates.v1}) and READ on groups starting with {@code ministry.}: nothing
 * else. {@code admin} and the broker are super users and need no ACL. No principal may create topics: the stack
 * creates them beforehand ({@link TopicSetup}); a service's binder only describes them (DESCRIBE is part of the grants
 * above).
 */
final class KafkaAccess {

    private static final String DOCUMENT = "asyncapi.yaml";
    private static final Pattern CHANNEL_REF = Pattern.compile("#/channels/([^/]+)$");
    private static final Pattern TOPIC_PROPERTY = Pattern.compile("\\$\\{cascade\\.topics\\.([a-z-]+)}");

    private KafkaAccess() {
    }

    /** One line of the table: principal, operation, resource type, resource name, pattern. */
    record Grant(String principal, AclOperation operation, ResourceType type, String name, PatternType pattern) {

        AclBinding binding() {
            return new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        }

        @Override
        public String toString() {
            return String.format("%-22s %-8s %-6s %s%s", principal, operation, type == ResourceType.TOPIC ? "topic"
                    : "group", name, pattern == PatternType.PREFIXED ? "*" : "");
        }
    }

    /** The whole table, from {@code asyncapi.yaml} and the services' binding configurations. */
    static List<Grant> grants() {
        Map<String, Object> document = yaml(DOCUMENT);
        Map<String, Object> channels = map(document.get("channels"), "channels");
        Map<String, Object> operations = map(document.get("operations"), "operations");
        Set<Grant> grants = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        for (Service service : Service.values()) {
            services.add(service.id);
        }
        for (Map.Entry<String, Object> entry : operations.entrySet()) {
            Map<String, Object> operation = map(entry.getValue(), entry.getKey());
            String action = String.valueOf(operation.get("action"));
            String topic = address(channels, operation, entry.getKey());
            List<String> tags = tags(operation);
            boolean send = "send".equals(action);
            if (!send && !"receive".equals(action)) {
                throw new IllegalStateException("operation " + entry.getKey() + " has action " + action);
            }
            for (String tag : tags) {
                if (services.contains(tag)) {
                    grants.add(new Grant(tag, send ? AclOperation.WRITE : AclOperation.READ, ResourceType.TOPIC, topic,
                            PatternType.LITERAL));
                    grants.add(new Grant(tag, AclOperation.DESCRIBE, ResourceType.TOPIC, topic, PatternType.LITERAL));
                }
            }
            if (!send && tags.contains("public")) {
                grants.add(new Grant(KafkaCredentials.MINISTRY, AclOperation.READ, ResourceType.TOPIC, topic,
                        PatternType.LITERAL));
                grants.add(new Grant(KafkaCredentials.MINISTRY, AclOperation.DESCRIBE, ResourceType.TOPIC, topic,
                        PatternType.LITERAL));
            }
        }
        grants.add(new Grant(KafkaCredentials.MINISTRY, AclOperation.READ, ResourceType.GROUP,
                KafkaCredentials.MINISTRY_GROUP_PREFIX, PatternType.PREFIXED));
        for (String service : services) {
            boolean receives = grants.stream().anyMatch(g -> g.principal().equals(service)
                    && g.operation() == AclOperation.READ && g.type() == ResourceType.TOPIC);
            Set<String> groups = consumerGroups(service);
            if (receives && groups.isEmpty()) {
                throw new IllegalStateException(service + " receives topics but its bindings name no group");
            }
            for (String group : groups) {
                grants.add(new Grant(service, AclOperation.READ, ResourceType.GROUP, group, PatternType.LITERAL));
            }
        }
        return List.copyOf(grants);
    }

    /** The consumer groups of {@code <service>.yml}'s bindings ({@code spring.cloud.stream.bindings.*.group}). */
    static Set<String> consumerGroups(String service) {
        return consumerInputs(service).keySet();
    }

    /**
     * The topics each consumer group of {@code <service>.yml}'s bindings reads ({@code group} and
     * {@code destination} of {@code spring.cloud.stream.bindings.*}; a destination is {@code ${cascade.topics.<key>}}
     * or a plain name).
     */
    static Map<String, Set<String>> consumerInputs(String service) {
        Map<String, Object> config = yaml(service + ".yml");
        Map<String, Set<String>> inputs = new TreeMap<>();
        Object bindings = path(config, "spring", "cloud", "stream", "bindings");
        if (bindings instanceof Map<?, ?> all) {
            for (Map.Entry<?, ?> binding : all.entrySet()) {
                if (binding.getValue() instanceof Map<?, ?> properties && properties.get("group") != null) {
                    String group = String.valueOf(properties.get("group"));
                    if (group.contains("${")) {
                        throw new IllegalStateException(service + ": group " + group + " is not a plain name");
                    }
                    inputs.computeIfAbsent(group, g -> new TreeSet<>())
                            .add(topic(service, binding.getKey(), properties.get("destination")));
                }
            }
        }
        return inputs;
    }

    private static String topic(String service, Object binding, Object destination) {
        String name = String.valueOf(destination);
        Matcher property = TOPIC_PROPERTY.matcher(name);
        if (property.matches()) {
            return Topics.named(property.group(1));
        }
        if (destination == null || name.contains("${")) {
            throw new IllegalStateException(service + ": binding " + binding + " has destination " + name
                    + ", neither ${cascade.topics.<key>} nor a plain name");
        }
        return name;
    }

    /**
     * Makes the broker's ACLs for the managed principals (the services and the ministry) exactly {@link #grants()}:
     * adds what is missing, removes what is no longer derived. Returns the table.
     */
    static List<Grant> apply(Map<String, Object> adminClient) throws Exception {
        List<Grant> grants = grants();
        Set<AclBinding> wanted = new LinkedHashSet<>();
        grants.forEach(grant -> wanted.add(grant.binding()));
        Set<String> managed = new TreeSet<>();
        for (Service service : Service.values()) {
            managed.add("User:" + service.id);
        }
        managed.add("User:" + KafkaCredentials.MINISTRY);
        try (Admin admin = Admin.create(adminClient)) {
            Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            List<AclBindingFilter> stale = new ArrayList<>();
            for (AclBinding binding : existing) {
                if (managed.contains(binding.entry().principal()) && !wanted.contains(binding)) {
                    stale.add(new AclBindingFilter(new ResourcePatternFilter(binding.pattern().resourceType(),
                            binding.pattern().name(), binding.pattern().patternType()),
                            new AccessControlEntryFilter(binding.entry().principal(), binding.entry().host(),
                                    binding.entry().operation(), binding.entry().permissionType())));
                }
            }
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            List<AclBinding> missing = wanted.stream().filter(binding -> !existing.contains(binding)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
        return grants;
    }

    /**
     * The same table as a shell script for a broker this program does not start (compose's {@code kafka-init},
     * Kubernetes' init Job): SCRAM users from environment variables, then the ACLs. Written to
     * {@code deploy/k8s/kafka-security.sh} by {@code main}; {@code KafkaAccessScriptTest} keeps that file equal to this.
     */
    static String script() {
        StringBuilder sh = new StringBuilder();
        sh.append("""
                #!/bin/sh
                # GENERATED from asyncapi.yaml and the services' bindings by dev.cascade.local.KafkaAccess (do not edit;
                # regenerate: java -cp deploy/local-stack/target/cascade-local-stack.jar dev.cascade.local.KafkaAccess
                # > deploy/k8s/kafka-security.sh; KafkaAccessScriptTest fails when it is stale).
                # Creates the SCRAM-SHA-512 users of the four services and the ministry and grants each exactly what it
                # uses; 'admin' is a super user of the broker and needs no ACL. Runs in the apache/kafka image.
                #   CASCADE_KAFKA_BOOTSTRAP        broker list (required)
                #   CASCADE_KAFKA_CLIENT_CONFIG    client properties of the admin principal (passed as --command-config)
                #   CASCADE_KAFKA_PASSWORD_<NAME>  each principal's password, e.g. CASCADE_KAFKA_PASSWORD_PLAN_SERVICE,
                #                                  CASCADE_KAFKA_PASSWORD_MINISTRY
                set -eu
                bin="${KAFKA_BIN:-/opt/kafka/bin}"
                bootstrap="${CASCADE_KAFKA_BOOTSTRAP:?CASCADE_KAFKA_BOOTSTRAP is required}"
                config="${CASCADE_KAFKA_CLIENT_CONFIG:?CASCADE_KAFKA_CLIENT_CONFIG is required}"
                user() {
                  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$config" --alter \
                    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=4096,password=$2]"
                }
                acl() {
                  principal="$1"; shift
                  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config" --add \
                    --allow-principal "User:$principal" "$@" >/dev/null
                }
                """);
        List<String> principals = new ArrayList<>();
        for (Service service : Service.values()) {
            principals.add(service.id);
        }
        principals.add(KafkaCredentials.MINISTRY);
        for (String principal : principals) {
            String variable = "CASCADE_KAFKA_PASSWORD_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            sh.append("user ").append(principal).append(" \"${").append(variable).append(":?").append(variable)
                    .append(" is required}\"\n");
        }
        for (Grant grant : grants()) {
            String operation = grant.operation().name().charAt(0) + grant.operation().name().substring(1).toLowerCase(
                    java.util.Locale.ROOT);
            sh.append("acl ").append(grant.principal()).append(" --operation ").append(operation)
                    .append(grant.type() == ResourceType.TOPIC ? " --topic " : " --group ").append(grant.name());
            if (grant.pattern() == PatternType.PREFIXED) {
                sh.append(" --resource-pattern-type prefixed");
            }
            sh.append('\n');
        }
        sh.append("echo \"").append(principals.size()).append(" users and ").append(grants().size())
                .append(" ACLs in place\"\n");
        return sh.toString();
    }

    /** Prints {@link #script()}. */
    public static void main(String[] args) {
        System.out.print(script());
    }

    private static String address(Map<String, Object> channels, Map<String, Object> operation, String name) {
        Object ref = map(operation.get("channel"), name + ".channel").get("$ref");
        Matcher matcher = CHANNEL_REF.matcher(String.valueOf(ref));
        if (!matcher.find()) {
            throw new IllegalStateException("operation " + name + " names no channel: " + ref);
        }
        Object address = map(channels.get(matcher.group(1)), "channel " + matcher.group(1)).get("address");
        if (address == null) {
            throw new IllegalStateException("channel " + matcher.group(1) + " has no address");
        }
        return String.valueOf(address);
    }

    private static List<String> tags(Map<String, Object> operation) {
        List<String> names = new ArrayList<>();
        if (operation.get("tags") instanceof List<?> tags) {
            for (Object tag : tags) {
                if (tag instanceof Map<?, ?> named && named.get("name") != null) {
                    names.add(String.valueOf(named.get("name")));
                }
            }
        }
        return names;
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalStateException(what + " is not a mapping");
        }
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> yaml(String resource) {
        ClassLoader loader = KafkaAccess.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
