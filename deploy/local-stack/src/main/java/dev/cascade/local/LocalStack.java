package dev.cascade.local;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.local.CascadeServices.Service;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Cascade on one machine, one command, no Docker: an OpenID Connect issuer with demo users, a real Kafka broker
 * (KRaft), a file-backed MongoDB-wire store, an SMTP server whose mail can be listed, the four services and the demo
 * data. Ctrl-C stops everything.
 */
public final class LocalStack {

    /** How long "Ready" waits for the services to read what was published while they started (the demo plans). */
    static final Duration SETTLING_AT_MOST = Duration.ofMinutes(3);

    private final StackSettings settings;
    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private RunningServices services;

    LocalStack(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // until the services configure logging, keep the console for what the stack itself prints
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        if (java.util.Arrays.asList(args).contains("--processes")) {
            environment.put("CASCADE_PROCESSES", "true");
        }
        LocalStack stack = new LocalStack(StackSettings.fromEnvironment(environment), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("Cascade local stack failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        long begin = System.nanoTime();
        Path home = settings.home();
        out.println("Cascade local stack — data in " + home);

        // the issuer first: every service is pointed at it (cascade.security.issuer-uri) and fetches its keys
        String issuer;
        if (settings.externalIssuer() == null) {
            IdentityProvider identity = new IdentityProvider();
            started.push(identity);
            issuer = identity.start(settings.identityPort(), home.resolve("identity"), Map.of(
                    "cascade.identity.portal-redirect-uri",
                    "http://localhost:" + settings.portalPort() + "/login/oauth2/code/cascade",
                    "spring.main.register-shutdown-hook", false,
                    "spring.main.banner-mode", "off",
                    // one log file for everything in this JVM: the first context to start sets up logging for all
                    "logging.file.name", home.resolve("logs/cascade.log"),
                    "logging.threshold.console", "WARN",
                    // the stack's own admin client asks for the broker while it starts (refused connections): the
                    // identity provider's context sets up logging first, so it quiets that here
                    "logging.level.org.apache.kafka.clients.NetworkClient", "ERROR",
                    // the store answers in this JVM: its notes on indexes it does not build are not for the terminal
                    // (with the services in this JVM their contexts say the same; with --processes nobody else does)
                    "logging.level.de.bwaldvogel.mongo", "ERROR"));
            out.println("  identity provider      " + issuer + "   (demo users reporter-<unit>, reviewer-<district or province>, admin, ...;"
                    + " password demo; deploy/identity/README.md)");
        } else {
            issuer = settings.externalIssuer();
            out.println("  OIDC issuer (external) " + issuer);
        }

        String bootstrap = settings.kafkaBootstrap();
        KafkaCredentials kafkaCredentials = null;
        Map<String, Object> kafkaAdmin = new java.util.HashMap<>(Map.of("bootstrap.servers", bootstrap));
        Map<String, Object> kafkaMinistry = kafkaAdmin;
        if (settings.externalKafka() == null) {
            KafkaBrokerProcess kafka = new KafkaBrokerProcess(home.resolve("kafka"), settings.kafkaPort());
            started.push(kafka);
            kafka.start(Duration.ofSeconds(90));
            kafkaCredentials = kafka.credentials();
            kafkaAdmin = kafka.client(KafkaCredentials.ADMIN);
            kafkaMinistry = kafka.client(KafkaCredentials.MINISTRY);
            out.println("  Kafka broker (KRaft)   " + bootstrap + "  SASL/SCRAM-SHA-512 + ACLs, passwords in "
                    + kafkaCredentials.file());
        } else {
            out.println("  Kafka (external)       " + bootstrap);
        }
        List<String> created = TopicSetup.ensureTopics(kafkaAdmin, 3);
        if (!created.isEmpty()) {
            out.println("  topics created         " + created.size());
        }
        if (kafkaCredentials != null) {
            out.println("  Kafka ACLs             " + KafkaAccess.apply(kafkaAdmin).size()
                    + " grants for the four services and the ministry (read-only, cascade.aggregates.v1)");
        }

        if (settings.externalMongo() == null) {
            EmbeddedStore mongo = new EmbeddedStore(home.resolve("mongo"));
            started.push(mongo);
            mongo.start(settings.mongoPort());
            out.println("  MongoDB-wire store     " + settings.mongoUri() + "  " + mongo.description());
        } else {
            out.println("  MongoDB (external)     " + settings.mongoUri());
        }

        MailCatcher mail = null;
        if (settings.externalSmtpHost() == null) {
            mail = new MailCatcher(settings.smtpPort(), settings.mailboxPort());
            started.push(mail);
            mail.start();
            out.println("  SMTP server            localhost:" + settings.smtpPort()
                    + "   received mail: http://localhost:" + settings.mailboxPort() + "/messages");
        } else {
            out.println("  SMTP relay (external)  " + settings.smtpHost() + ":" + settings.smtpPort());
        }

        // one demo clock for every service, the portal and a service process restarted while the stack runs
        String clockAnchor = Instant.now().toString();
        Clock clock = CascadeTime.clock(settings.clock(), clockAnchor);
        out.println("  clock                  " + clock.instant().atZone(CascadeTime.ZONE)
                + ("system".equalsIgnoreCase(settings.clock()) ? "" : "  (CASCADE_CLOCK; set CASCADE_CLOCK=system for real time)"));
        out.println(settings.processes()
                ? "  starting the four services, each in its own JVM (-Xmx" + settings.serviceHeap() + "; logs: "
                        + home.resolve("logs") + "/<service>-1.log) ..."
                : "  starting the four services (logs: " + home.resolve("logs/cascade.log") + ") ...");

        Map<String, Object> common = new LinkedHashMap<>();
        common.put("spring.cloud.stream.kafka.binder.brokers", bootstrap);
        common.put("spring.mongodb.uri", settings.mongoUri());
        common.put("cascade.clock", settings.clock());
        common.put("cascade.clock-anchor", clockAnchor);
        common.put("cascade.security.issuer-uri", issuer);
        common.put("spring.main.register-shutdown-hook", false);
        common.put("spring.main.banner-mode", "off");
        common.put("logging.file.name", home.resolve("logs/cascade.log"));
        common.put("logging.threshold.console", "WARN");
        // the four contexts share one logging system: an application name in each line would be the last one set
        common.put("logging.include-application-name", false);
        // known, harmless warnings that would drown the console: the embedded store ignores non-unique indexes,
        // KIP-848 consumers report partitions moving during start-up
        common.put("logging.level.de.bwaldvogel.mongo", "ERROR");
        common.put("logging.level.org.apache.kafka.clients.consumer.internals", "ERROR");
        common.put("logging.level.org.apache.kafka.clients.NetworkClient", "ERROR");
        Map<Service, Map<String, ?>> specific = Map.of(
                Service.PLAN, Map.of("cascade.demo.enabled", true, "cascade.units.import-provinces", settings.demoProvinces()),
                Service.NOTIFICATION, Map.of("spring.mail.host", settings.smtpHost(), "spring.mail.port", settings.smtpPort(),
                        SecretKeyFile.PROPERTY, SecretKeyFile.load(home),
                        // every message links into the portal this stack starts
                        "cascade.notifications.portal-url", "http://localhost:" + settings.portalPort()));
        if (kafkaCredentials != null) {
            specific = kafkaCredentials.addTo(specific); // each service connects as its own principal
        }
        if (settings.processes()) {
            // each JVM stops itself cleanly on SIGTERM and logs to a file of its own
            common.remove("spring.main.register-shutdown-hook");
            common.remove("logging.file.name");
            common.remove("logging.include-application-name");
            services = ServiceProcesses.start(common, specific, settings.servicePorts(), home.resolve("logs"),
                    settings.serviceHeap(), Duration.ofMinutes(5));
        } else {
            services = CascadeServices.start(common, specific, List.of(),
                    List.of(Service.REPORT, Service.AGGREGATION, Service.NOTIFICATION, Service.PLAN));
        }

        LocalDate today = LocalDate.now(clock);
        DemoContacts.Registered contacts = new DemoContacts(new DemoTokens(issuer)).register(services.url(Service.PLAN),
                services.url(Service.NOTIFICATION), today);
        out.println("  demo contacts          " + contacts.addresses().size() + " addresses (" + contacts.whose() + ")");

        PortalServer portal = new PortalServer();
        started.push(portal);
        String portalUrl = portal.start(settings.portalPort(), issuer, Map.of(
                        "plan", services.url(Service.PLAN), "report", services.url(Service.REPORT),
                        "aggregation", services.url(Service.AGGREGATION),
                        "notification", services.url(Service.NOTIFICATION)),
                Map.of("cascade.clock", settings.clock(), "cascade.clock-anchor", clockAnchor,
                        "spring.main.register-shutdown-hook", false,
                        "spring.main.banner-mode", "off", "logging.file.name", home.resolve("logs/cascade.log"),
                        "logging.threshold.console", "WARN", "logging.level.de.bwaldvogel.mongo", "ERROR"));

        AggregateFeed feed = new AggregateFeed(kafkaMinistry, out);
        started.push(feed);
        feed.start();
        HeapWatch heap = HeapWatch.ofThisJvm(out);
        started.push(heap);
        heap.start();

        // the demo plans were published while plan-service started; the others read them only now
        Settling.Result settled = Settling.await(kafkaAdmin, settings.mongoUri(), SETTLING_AT_MOST);
        if (settled.settled()) {
            out.printf("  %-22s every service has read its topics to the end, nothing in flight (%.1f s)%n",
                    "caught up", settled.took().toMillis() / 1e3);
        } else {
            out.printf("  WARNING: the services have not caught up after %d s (%s): plans, obligations and "
                    + "aggregates may be missing for a while; their health and logs say why%n",
                    settled.took().toSeconds(), settled.behind());
        }

        out.println();
        out.printf("  %-22s %s   <- open this and log in as reporter-10813, %s, viewer-BGDDT ... (password demo)%n",
                "PORTAL", portalUrl, contacts.reviewer());
        out.printf("  %-22s %s   (discovery: %s/.well-known/openid-configuration)%n", "identity provider", issuer,
                issuer);
        for (Service service : Service.values()) {
            out.printf("  %-22s %s   (health: %s/actuator/health, metrics: /actuator/prometheus)%n",
                    service.id, services.url(service), services.url(service));
        }
        out.printf("%nReady in %.1f s. Aggregate changes are printed below. Ctrl-C stops everything.%n",
                (System.nanoTime() - begin) / 1e9);
    }

    /** The running services (their URLs), once started. */
    RunningServices services() {
        return services;
    }

    synchronized void stop() {
        out.println("Stopping Cascade ...");
        if (services != null) {
            services.close();
            services = null;
        }
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                out.println("  while stopping " + component.getClass().getSimpleName() + ": " + e);
            }
        }
        out.println("Stopped.");
    }
}
