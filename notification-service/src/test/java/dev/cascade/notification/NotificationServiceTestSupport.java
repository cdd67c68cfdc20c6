package dev.cascade.notification;

import dev.cascade.platform.test.TestClock;
import dev.cascade.platform.test.EmbeddedStore;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.MutableClock;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.HostResolver;
import dev.cascade.notification.delivery.DeliveryLog;
import dev.cascade.notification.delivery.ReminderDispatcher;
import dev.cascade.notification.digest.DigestDispatcher;
import dev.cascade.notification.obligation.ObligationStore;
import dev.cascade.notification.obligation.ObligationTracker;
import dev.cascade.notification.unit.UnitDirectory;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.http.MediaType;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One application context for every integration test of the service: a real KRaft broker, the embedded MongoDB
 * server, a real SMTP server (GreenMail on a free port) and a {@link MutableClock} registered the way the system test
 * registers its own. The scheduled dispatch is effectively off (1 h); tests call {@code dispatchDue()} themselves.
 * The service trusts the test issuer ({@code TestIssuer}); every MockMvc request carries a real token of the person
 * who may make it ({@link FittingTokens}) unless it sets its own {@code Authorization} (or asks for none with
 * {@link FittingTokens#NO_TOKEN}).
 */
@SpringBootTest(classes = NotificationServiceApplication.class, properties = {
        "spring.config.name=notification-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.mongodb.database=cascade-notification-test",
        "cascade.notifications.dispatch-interval=1h",
        "spring.cloud.stream.bindings.obligationEvents-in-0.consumer.max-attempts=2",
        "spring.cloud.stream.bindings.obligationEvents-in-0.consumer.back-off-initial-interval=50",
        "spring.cloud.stream.bindings.obligationEvents-in-0.consumer.back-off-max-interval=100"})
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.obligations.v1", "cascade.notifications.v1",
        "cascade.plans.v1", "cascade.units.v1.dlq", "cascade.obligations.v1.dlq", "cascade.plans.v1.dlq"})
@AutoConfigureMockMvc
@Import({NotificationServiceTestSupport.FlakyMail.class, NotificationServiceTestSupport.TestDns.class,
        NotificationServiceTestSupport.Tokens.class})
@EmbeddedStore
public abstract class NotificationServiceTestSupport {

    @TestClock
    protected static final MutableClock CLOCK = MutableClock.at("2024-12-01T08:00:00+07:00");
    protected static final GreenMail SMTP = startSmtp();

    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected FailingMailSender mailSender;
    @Autowired
    protected MockMvcTester mvc;
    @Autowired
    protected UnitDirectory units;
    @Autowired
    protected ContactBook contacts;
    @Autowired
    protected ObligationTracker tracker;
    @Autowired
    protected ObligationStore obligations;
    @Autowired
    protected DeliveryLog deliveries;
    @Autowired
    protected ReminderDispatcher reminders;
    @Autowired
    protected DigestDispatcher digests;

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @BeforeEach
    void freshState() throws Exception {
        for (String collection : List.of("obligations", "deliveries", "contacts", "units", "inbox",
                "programmes", "policies", "plan-revocations")) {
            mongo.getCollection(collection).deleteMany(new Document());
        }
        SMTP.purgeEmailFromAllMailboxes();
        mailSender.failNext(0);
        TestHostResolver.reset();
    }

    /** A PUT of the JSON {@code body} to {@code uriTemplate} (one variable, {@code variable}). */
    protected MockMvcTester.MockMvcRequestBuilder putJson(String uriTemplate, String variable, String body) {
        return mvc.put().uri(uriTemplate, variable).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    protected static void clockAt(String isoOffsetDateTime) {
        CLOCK.set(OffsetDateTime.parse(isoOffsetDateTime).toInstant());
    }

    /**
     * Walks the clock day by day from {@code from} to {@code to} (both included) at each of {@code times} in Hồ Chí
     * Minh City, running {@code at} with the instant first, then both dispatchers as the schedule does.
     */
    protected void walk(LocalDate from, LocalDate to, List<LocalTime> times, Consumer<Instant> at) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (LocalTime time : times) {
                Instant now = day.atTime(time).atZone(ReportingSeason.HCM).toInstant();
                CLOCK.set(now);
                at.accept(now);
                reminders.dispatchDue();
                digests.dispatchDue();
            }
        }
    }

    /** Mail received by the SMTP server for one address. */
    protected static List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                mails.add(message);
            }
        }
        return mails;
    }

    /** Subjects of the mail received for one address, in order of arrival. */
    protected static List<String> subjectsTo(String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mailTo(address)) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    /** Publishes an event the way any Kafka client would: String key, JSON value, raw UTF-8 CloudEvents headers. */
    protected void publish(String topic, String key, String type, Object payload) {
        byte[] value = payload instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(payload);
        Map<String, Object> props = KafkaTestUtils.producerProps(broker.getBrokersAsString());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            CloudEventHeaders.newEvent(type, "/cascade/test", key, CLOCK.instant())
                    .forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on a topic so far, from the beginning. */
    protected List<ConsumerRecord<String, String>> records(String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(2)).records(topic).forEach(all::add);
            return all;
        }
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tokens {
        /** Every MockMvc request with a fitting token ({@link FittingTokens#fitting()}) unless it has its own. */
        @Bean
        MockMvcBuilderCustomizer fittingTokens() {
            return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").with(FittingTokens.fitting()));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestDns {
        /** The tests' DNS ({@link TestHostResolver}) in place of the JDK's. */
        @Bean
        @org.springframework.context.annotation.Primary
        HostResolver testHostResolver() {
            return new TestHostResolver();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FlakyMail {
        @Bean
        static BeanPostProcessor failingMailSender() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof JavaMailSender real && !(bean instanceof FailingMailSender)
                            ? new FailingMailSender(real) : bean;
                }
            };
        }
    }

    /**
     * The real, auto-configured mail sender, made to fail on demand as {@code JavaMailSenderImpl} does: the next n
     * SMTP sessions fail to connect (every message of the session named as failed, nothing sent), and messages to a
     * refused address are named as failed while the rest of their session is sent.
     */
    public static class FailingMailSender implements JavaMailSender {
        private final JavaMailSender delegate;
        private final AtomicInteger failures = new AtomicInteger();
        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        private final AtomicInteger sessions = new AtomicInteger();

        FailingMailSender(JavaMailSender delegate) {
            this.delegate = delegate;
        }

        public void failNext(int n) {
            failures.set(n);
            refused.clear();
            sessions.set(0);
        }

        /** The server refuses every message to {@code address} (until the next {@link #failNext}). */
        public void refuse(String address) {
            refused.add(address);
        }

        /** How many sessions were asked for since the last {@link #failNext}. */
        public int sessions() {
            return sessions.get();
        }

        @Override
        public MimeMessage createMimeMessage() {
            return delegate.createMimeMessage();
        }

        @Override
        public MimeMessage createMimeMessage(InputStream contentStream) {
            return delegate.createMimeMessage(contentStream);
        }

        @Override
        public void send(MimeMessage... mimeMessages) {
            sessions.incrementAndGet();
            Map<Object, Exception> failed = new LinkedHashMap<>();
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                MessagingException down = new MessagingException("SMTP server unavailable (injected by the test)");
                for (MimeMessage message : mimeMessages) {
                    failed.put(message, down);
                }
                throw new MailSendException("Mail server connection failed", down, failed);
            }
            List<MimeMessage> accepted = new ArrayList<>();
            for (MimeMessage message : mimeMessages) {
                if (refused.contains(recipient(message))) {
                    failed.put(message, new MessagingException("550 mailbox unavailable (injected by the test)"));
                } else {
                    accepted.add(message);
                }
            }
            if (!accepted.isEmpty()) {
                delegate.send(accepted.toArray(MimeMessage[]::new));
            }
            if (!failed.isEmpty()) {
                throw new MailSendException(failed);
            }
        }

        @Override
        public void send(SimpleMailMessage... simpleMessages) {
            sessions.incrementAndGet();
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new MailSendException("SMTP server unavailable (injected by the test)");
            }
            delegate.send(simpleMessages);
        }

        private static String recipient(MimeMessage message) {
            try {
                return message.getAllRecipients()[0].toString();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
