package dev.cascade.platform.test;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(ServiceTestContextTest.Empty.class)
@EmbeddedStore
class ServiceTestContextTest {

    @TestClock
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-12-04T02:15:01Z"), ZoneOffset.ofHours(7));

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Autowired
    Clock clock;
    @Autowired
    Environment environment;

    @Test
    void theTestClockIsTheContextsClockAndTheStoreIsTheEmbeddedOne() {
        assertThat(clock).isSameAs(CLOCK);
        assertThat(environment.getProperty("spring.mongodb.uri")).matches("mongodb://127\\.0\\.0\\.1:\\d+");
    }
}
