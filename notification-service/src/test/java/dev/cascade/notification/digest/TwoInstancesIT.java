package dev.cascade.notification.digest;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.platform.test.TestIssuer;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.notification.NotificationServiceApplication;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.delivery.Delivery;
import dev.cascade.notification.delivery.DeliveryState;
import dev.cascade.notification.delivery.ReminderDispatcher;
import dev.cascade.notification.programme.ProgrammeCatalog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cascade.notification.ReportingSeason.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real instances of the service (two Spring contexts, same broker, same consumer group, same database) walk a
 * season side by side, dispatching at the same moments; the second is restarted half-way. No reminder, escalation or
 * digest reaches anyone twice.
 */
class TwoInstancesIT extends NotificationServiceTestSupport {

    static final Map<String, String> COMMUNES = new LinkedHashMap<>();

    static {
        COMMUNES.put("10813", "Thị trấn Thanh Hà");
        COMMUNES.put("10816", "Xã Hồng Lạc");
        COMMUNES.put("10825", "Xã Tân Việt");
        COMMUNES.put("10828", "Xã Cẩm Việt");
        COMMUNES.put("10831", "Xã Thanh An");
    }

    @Autowired
    ApplicationContext first;
    @Autowired
    ProgrammeCatalog programmes;

    ConfigurableApplicationContext second;

    ConfigurableApplicationContext startInstance() {
        return ServiceApplication.builder(NotificationServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run("--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                        "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
                        "--spring.mongodb.database=cascade-notification-test",
                        "--server.port=0",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + SMTP.getSmtp().getPort(),
                        "--cascade.notifications.dispatch-interval=1h",
                        // started outside the test context framework: it trusts the test issuer as the first does
                        "--cascade.security.issuer-uri=" + TestIssuer.shared().issuer());
    }

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoInstancesWalkingTheSameSeasonDeliverEachReminderAndDigestOnceEvenAcrossARestart() throws Exception {
        clockAt("2024-11-25T09:00:00+07:00");
        second = startInstance();
        units(COMMUNES).forEach(units::apply);
        COMMUNES.keySet().forEach(c -> contacts.setEmails(c, List.of(new EmailAddress(email(c)))));
        contacts.setEmails("294", List.of(new EmailAddress("phong.ldtbxh@thanhha.haiduong.example")));
        contacts.setEmails("30", List.of(new EmailAddress("so.ldtbxh@haiduong.example")));
        publish(Topics.PLANS, "KH-294-2024", EventTypes.PLAN_ISSUED, plan(List.copyOf(COMMUNES.keySet())));
        COMMUNES.keySet().forEach(c -> publish(Topics.OBLIGATIONS, c, EventTypes.OBLIGATION_OPENED, opened(c)));
        await().until(() -> COMMUNES.keySet().stream().allMatch(c -> obligations.find(obligationId(c)).isPresent())
                && programmes.find(PROGRAMME).isPresent());

        Map<Instant, String> submissions = Map.of(
                at("2024-12-01T10:00:00"), "10813",
                at("2024-12-04T10:00:00"), "10816",
                at("2024-12-09T10:00:00"), "10825",
                at("2024-12-11T10:00:00"), "10828");
        for (LocalDate day = LocalDate.of(2024, 11, 26); !day.isAfter(LocalDate.of(2024, 12, 17)); day = day.plusDays(1)) {
            if (day.equals(LocalDate.of(2024, 12, 8))) {
                second.close();
                second = startInstance();
            }
            for (LocalTime time : List.of(LocalTime.of(8, 0), LocalTime.of(16, 0))) {
                Instant now = day.atTime(time).atZone(HCM).toInstant();
                CLOCK.set(now);
                submissions.entrySet().stream().filter(s -> !s.getKey().isAfter(now)
                                && s.getKey().isAfter(now.minusSeconds(8 * 3600)))
                        .forEach(s -> publish(Topics.OBLIGATIONS, s.getValue(), EventTypes.OBLIGATION_FULFILLED,
                                fulfilled(s.getValue(), s.getKey())));
                await().until(() -> submissions.entrySet().stream().filter(s -> !s.getKey().isAfter(now))
                        .allMatch(s -> obligations.find(obligationId(s.getValue())).filter(o -> o.fulfilled()).isPresent()));
                List<CompletableFuture<Integer>> runs = new ArrayList<>();
                for (ApplicationContext instance : List.of(first, second)) {
                    runs.add(CompletableFuture.supplyAsync(() -> instance.getBean(ReminderDispatcher.class).dispatchDue()));
                    runs.add(CompletableFuture.supplyAsync(() -> instance.getBean(DigestDispatcher.class).dispatchDue()));
                }
                runs.forEach(CompletableFuture::join);
            }
        }

        List<String> received = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            received.add(message.getAllRecipients()[0] + " | " + message.getSubject());
        }
        Map<String, Long> copies = received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(copies).as("each (obligation, kind, recipient) once").allSatisfy((mail, n) -> assertThat(n).isOne());
        // 4 + 3 + 3 + 2 + 2 reminders, 1 escalation, 7 digests: the season of ReportingSeasonWalkIT
        assertThat(received).hasSize(22);
        assertThat(received.stream().filter(m -> m.startsWith("so.ldtbxh@haiduong.example | [Cascade] Tổng hợp ngày")))
                .hasSize(7);
        assertThat(received).contains("phong.ldtbxh@thanhha.haiduong.example | [Cascade] Đơn vị chưa gửi báo cáo: "
                + "Xã Thanh An (10831) — " + TITLE + " kỳ 2024 — hạn 10/12/2024 (đã quá hạn 3 ngày)");
        List<Delivery> log = new ArrayList<>();
        for (String unit : List.of("10813", "10816", "10825", "10828", "10831", "294", "30")) {
            deliveries.forUnit(unit).stream().filter(d -> !log.contains(d)).forEach(log::add);
        }
        assertThat(log).hasSize(22).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.SENT);
            assertThat(d.attempts()).isOne();
            assertThat(d.published()).isTrue();
        });
    }
}
