package dev.cascade.local;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.local.CascadeServices.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack in the deployment shape, under the control of a fault test: a Kafka broker, the embedded store and
 * the SMTP server in this JVM's care, each service in a JVM of its own, and the means to break them: kill -9 a
 * service and start it again, start a second instance of a service, restart the broker, restart the store. Ports of
 * its own (base + offsets) so it runs beside a local stack on the default ports. Used by the chaos command
 * ({@code deploy/chaos.sh}).
 */
public final class ChaosStack implements AutoCloseable {

    /**
     * The services' JVMs start with C1 only and the serial collector: on two cores that halves the CPU of a start,
     * which a run of 20+ restarts needs; the heap is the deployment's.
     */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path home;
    private final int base;
    private final Map<String, Object> common = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
    private KafkaBrokerProcess broker;
    private EmbeddedStore store;
    private MailCatcher mail;
    private IdentityProvider identity;
    private DemoTokens tokens;

    /**
     * @param home where the broker and the store keep their data and the services their logs
     * @param base first port: broker base, its controller base+1, store base+2, SMTP base+3, mail listing base+4,
     *             identity provider base+5,
     *             services base+11.. (plan, report, aggregation, notification), second instances base+21..
     */
    public ChaosStack(Path home, int base) {
        this.home = home;
        this.base = base;
    }

    public String bootstrap() {
        return "localhost:" + base;
    }

    /** Tokens of the stack's identity provider's demo users. */
    public DemoTokens tokens() {
        return tokens;
    }

    /** The broker's principals and passwords. */
    public KafkaCredentials kafkaCredentials() {
        return broker.credentials();
    }

    /** Settings for a Kafka client of the fault test (bootstrap and the broker's {@code admin} credential). */
    public Map<String, Object> kafkaClient() {
        return broker.client(KafkaCredentials.ADMIN);
    }

    public String mongoUri() {
        return "mongodb://localhost:" + (base + 2);
    }

    /** Starts the broker, the store, the SMTP server and one instance of each service; imports {@code provinces}. */
    public void start(String provinces, String heap, Duration timeout) throws Exception {
        Files.createDirectories(home);
        broker = new KafkaBrokerProcess(home.resolve("kafka"), base);
        broker.start(Duration.ofSeconds(90));
        TopicSetup.ensureTopics(kafkaClient(), 3);
        KafkaAccess.apply(kafkaClient());
        store = new EmbeddedStore(home.resolve("mongo"));
        store.start(base + 2);
        mail = new MailCatcher(base + 3, base + 4);
        mail.start();
        identity = new IdentityProvider();
        String issuer = identity.start(base + 5, home.resolve("identity"), Map.of(
                "spring.main.register-shutdown-hook", false, "spring.main.banner-mode", "off",
                "logging.threshold.console", "WARN"));
        tokens = new DemoTokens(issuer);
        common.put("cascade.security.issuer-uri", issuer);
        common.put("spring.cloud.stream.kafka.binder.brokers", bootstrap());
        common.put("spring.mongodb.uri", mongoUri());
        common.put("cascade.clock", StackSettings.BEFORE_REFORM_CLOCK);
        // one demo clock for every process and restart: the others' leases and claims run out on a restarted one's too
        String clockAnchor = Instant.now().toString();
        common.put("cascade.clock-anchor", clockAnchor);
        common.put("spring.main.banner-mode", "off");
        common.put("logging.threshold.console", "WARN");
        common.put("logging.level.de.bwaldvogel.mongo", "ERROR");
        Map<Service, Map<String, ?>> specific = broker.credentials().addTo(Map.of(
                Service.PLAN, Map.of("cascade.units.import-provinces", provinces),
                Service.NOTIFICATION, Map.of("spring.mail.host", "localhost", "spring.mail.port", base + 3,
                        SecretKeyFile.PROPERTY, SecretKeyFile.load(home))));
        for (Service service : List.of(Service.REPORT, Service.AGGREGATION, Service.NOTIFICATION, Service.PLAN)) {
            Map<String, Object> properties = new LinkedHashMap<>(common);
            properties.putAll(specific.getOrDefault(service, Map.of()));
            ServiceProcess process = new ServiceProcess(service, service.id + "-1", base + 11 + service.ordinal(),
                    properties, home.resolve("logs"), heap, QUICK_START);
            instances.put(process.instance, process);
            process.start();
        }
        for (ServiceProcess process : instances.values()) {
            process.awaitHealthy(timeout);
        }
        new DemoContacts(tokens).register(url("plan-service-1"), url("notification-service-1"),
                LocalDate.now(CascadeTime.clock(StackSettings.BEFORE_REFORM_CLOCK, clockAnchor)));
    }

    /** Starts {@code <service>-2} beside the first instance, with the same settings and a port of its own. */
    public String startSecond(String serviceId) throws IOException {
        ServiceProcess first = instances.get(serviceId + "-1");
        Service service = first.service;
        Map<String, Object> properties = new LinkedHashMap<>(common);
        properties.putAll(broker.credentials().serviceSettings(service));
        if (service == Service.NOTIFICATION) {
            properties.put("spring.mail.host", "localhost");
            properties.put("spring.mail.port", base + 3);
            properties.put(SecretKeyFile.PROPERTY, SecretKeyFile.load(home));
        }
        ServiceProcess second = new ServiceProcess(service, serviceId + "-2", base + 21 + service.ordinal(), properties,
                home.resolve("logs"), first.heapSetting(), first.javaOptions());
        instances.put(second.instance, second);
        second.start();
        return second.instance;
    }

    /** kill -9 of the instance, then started again at once with the same settings; returns when it was started. */
    public long killAndRestart(String instance) throws Exception {
        ServiceProcess process = instances.get(instance);
        process.kill();
        process.start();
        return process.startedNanos();
    }

    /** SIGTERM: the instance stops cleanly and is not started again. */
    public void stop(String instance) throws InterruptedException {
        instances.get(instance).stop();
    }

    public boolean healthy(String instance) {
        ServiceProcess process = instances.get(instance);
        return process != null && process.alive() && process.healthy();
    }

    public boolean alive(String instance) {
        ServiceProcess process = instances.get(instance);
        return process != null && process.alive();
    }

    /** An instance that has exited: its exit status and the last lines of its console output; empty while it runs. */
    public String exitReport(String instance, int lines) {
        ServiceProcess process = instances.get(instance);
        return process == null ? "" : process.exitReport(lines);
    }

    public String url(String instance) {
        return instances.get(instance).url();
    }

    public List<String> instances() {
        return new ArrayList<>(instances.keySet());
    }

    public String serviceOf(String instance) {
        return instances.get(instance).service.id;
    }

    /**
     * Stops the broker (SIGTERM; SIGKILL if it is not down within 10 s) and starts it again on the same data; returns
     * the seconds it was away.
     */
    public double restartBroker() throws Exception {
        long start = System.nanoTime();
        broker.stop(Duration.ofSeconds(10));
        broker = new KafkaBrokerProcess(home.resolve("kafka"), base);
        broker.start(Duration.ofSeconds(90));
        return (System.nanoTime() - start) / 1e9;
    }

    /** Closes the store (every acknowledged write is in its journal) and opens it again on the same port. */
    public double restartStore() throws Exception {
        long start = System.nanoTime();
        store.close();
        store = new EmbeddedStore(home.resolve("mongo"));
        for (int attempt = 0; ; attempt++) {
            try {
                store.start(base + 2);
                break;
            } catch (RuntimeException portStillHeld) {
                if (attempt > 50) {
                    throw portStillHeld;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The members of {@code instance}'s consumers in {@code groups} (their {@code group.instance.id} starts with the
     * instance's name) that hold partitions: group instance id → member id. A restarted instance rejoins as the same
     * static members with new member ids.
     */
    public Map<String, String> consumingMembers(String instance, List<String> groups) {
        Map<String, String> members = new LinkedHashMap<>();
        Map<String, Object> config = kafkaClient();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                    .get(10, TimeUnit.SECONDS);
            for (ConsumerGroupDescription group : described.values()) {
                for (MemberDescription member : group.members()) {
                    String id = member.groupInstanceId().orElse("");
                    if (id.startsWith(instance + "-") && !member.assignment().topicPartitions().isEmpty()) {
                        members.put(id, member.consumerId());
                    }
                }
            }
        } catch (Exception e) {
            // the broker may be away: nobody is known to consume
        }
        return members;
    }

    /** The mail the SMTP server received: to, subject, body of each message. */
    public List<Map<String, Object>> mail() {
        return mail.messages();
    }

    /** What is still in flight in the services' stores (outboxes, leases, parked inputs, unsent deliveries). */
    public InFlight inFlight() {
        return InFlight.read(mongoUri());
    }

    @Override
    public void close() {
        for (ServiceProcess process : instances.values()) {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable part : new AutoCloseable[] {mail, store, broker, identity}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
