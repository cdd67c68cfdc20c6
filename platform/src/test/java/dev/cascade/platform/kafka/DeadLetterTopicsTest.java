package dev.cascade.platform.kafka;

import dev.cascade.contracts.MutableClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dead-letter topics' sizes are read beside health requests, never while one waits. */
class DeadLetterTopicsTest {

    private final MutableClock clock = MutableClock.at("2024-12-07T09:00:00+07:00");

    @Test
    void aHealthRequestGetsTheLastReadingWhileTheBrokerKeepsTheNextOneWaiting() throws Exception {
        CountDownLatch brokerAnswers = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        try (DeadLetterTopics topics = new DeadLetterTopics(() -> {
            asked.incrementAndGet();
            try {
                brokerAnswers.await(1, TimeUnit.MINUTES); // an admin client waiting on a broker that is away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new KafkaException("broker away");
        }, clock, Duration.ofSeconds(30))) {
            topics.watch("cascade.reports.v1");

            long start = System.nanoTime();
            DeadLetterTopics.Reading first = topics.read();
            DeadLetterTopics.Reading again = topics.read();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(first.error()).isEqualTo("not read yet");
            assertThat(again).isSameAs(first);
            await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() == 1);

            brokerAnswers.countDown();
            DeadLetterTopics.Reading failed = await().atMost(Duration.ofSeconds(5)).until(topics::read,
                    r -> r.error() != null && !r.error().equals("not read yet"));
            assertThat(failed.error()).isEqualTo("KafkaException: broker away");
            assertThat(asked).as("one reading at a time, and none again within the interval").hasValue(1);
        }
    }
}
