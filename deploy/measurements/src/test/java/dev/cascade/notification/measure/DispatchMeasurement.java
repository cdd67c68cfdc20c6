package dev.cascade.notification.measure;

import dev.cascade.platform.ServiceApplication;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.MutableClock;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationServiceApplication;
import dev.cascade.notification.ReportingSeason;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.delivery.ReminderDispatcher;
import dev.cascade.notification.digest.DigestDispatcher;
import dev.cascade.notification.obligation.ObligationTracker;
import dev.cascade.notification.unit.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NOT part of the test suite (the name matches no surefire pattern): the dispatch measurement command.
 * <pre>
 * ./mvnw -B -q -pl deploy/measurements -am test -Dtest=DispatchMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * One embedded Kafka broker (KRaft), the embedded MongoDB-wire store, GreenMail SMTP, one notification-service.
 * 2,000 communes in 20 districts of one province, one e-mail contact each (and one for the province). Per run (a fresh
 * programme each): 2,000 obligations due 3 days ahead; times one {@code ReminderDispatcher.dispatchDue()} (2,000
 * claims, SMTP sends and acknowledged NotificationSent) and one {@code DigestDispatcher.dispatchDue()} (the province
 * digest over 2,000 obligations). Three runs, median; figures in {@code deploy/measurements/target/measurements/dispatch.txt}.
 */
class DispatchMeasurement {

    static final int COMMUNES = 2000;
    static final int DISTRICTS = 20;
    static final int RUNS = 3;

    @Test
    void measure() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.ALL.toArray(String[]::new));
        broker.afterPropertiesSet();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        MutableClock clock = MutableClock.at("2024-12-07T08:00:00+07:00");
        ConfigurableApplicationContext app = ServiceApplication.builder(NotificationServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run("--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                        "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
                        "--spring.mongodb.database=cascade-notification-measure",
                        "--server.port=0", "--spring.mail.host=127.0.0.1",
                        "--cascade.security.issuer-uri=" + dev.cascade.platform.test.TestIssuer.shared().issuer(),
                        "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        "--cascade.notifications.dispatch-interval=1h",
                        "--logging.level.dev.cascade=WARN");
        try {
            UnitDirectory units = app.getBean(UnitDirectory.class);
            ContactBook contacts = app.getBean(ContactBook.class);
            ObligationTracker tracker = app.getBean(ObligationTracker.class);
            ReminderDispatcher reminders = app.getBean(ReminderDispatcher.class);
            DigestDispatcher digests = app.getBean(DigestDispatcher.class);
            units.apply(ReportingSeason.unit("BGDDT", "Bộ Giáo dục và Đào tạo", UnitLevel.MINISTRY, null));
            units.apply(ReportingSeason.unit("30", "Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"));
            contacts.setEmails("30", List.of(new EmailAddress("so.ldtbxh@haiduong.example")));
            for (int d = 0; d < DISTRICTS; d++) {
                units.apply(ReportingSeason.unit("D" + d, "Huyện " + d, UnitLevel.DISTRICT, "30"));
            }
            for (int c = 0; c < COMMUNES; c++) {
                String code = "C" + c;
                units.apply(ReportingSeason.unit(code, "Xã " + c, UnitLevel.COMMUNE, "D" + (c % DISTRICTS)));
                contacts.setEmails(code, List.of(new EmailAddress("vanthu.c" + c + "@haiduong.example")));
            }
            List<Long> reminderMillis = new ArrayList<>();
            List<Long> digestMillis = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                String programme = "MEASURE-" + run;
                for (int c = 0; c < COMMUNES; c++) {
                    String code = "C" + c;
                    tracker.opened(new ObligationOpened(programme + "|2024|" + code, "KH", programme, "2024", code,
                            UnitLevel.COMMUNE, "D" + (c % DISTRICTS), LocalDate.of(2024, 12, 10),
                            Instant.parse("2024-12-10T17:00:00Z"), 1));
                }
                long start = System.nanoTime();
                int delivered = reminders.dispatchDue();
                reminderMillis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(delivered).isEqualTo(COMMUNES);
                start = System.nanoTime();
                int digestsDelivered = digests.dispatchDue();
                digestMillis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(digestsDelivered).isEqualTo(1);
            }
            assertThat(smtp.getReceivedMessages()).hasSize(RUNS * (COMMUNES + 1));
            long reminderMedian = median(reminderMillis);
            long digestMedian = median(digestMillis);
            String figures = """
                    notification-service dispatch measurement (%s)
                    machine: 2 shared cores, several other builds running at the same time: noisy
                    reminders: %d obligations due, one e-mail each (claim in MongoDB-wire store, SMTP to GreenMail, NotificationSent acknowledged by Kafka)
                      runs (ms): %s  median: %d ms  = %.0f notifications/s
                    digest: one province over %d obligations in %d districts (ancestor walk + one e-mail)
                      runs (ms): %s  median: %d ms
                    """.formatted(Instant.now(), COMMUNES, reminderMillis, reminderMedian,
                    COMMUNES * 1000.0 / reminderMedian, COMMUNES, DISTRICTS, digestMillis, digestMedian);
            Path out = Path.of("target", "measurements", "dispatch.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, figures, StandardCharsets.UTF_8);
            System.out.println(figures);
        } finally {
            app.close();
            smtp.stop();
            broker.destroy();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
