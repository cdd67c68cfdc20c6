package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatsTest {

    @Test
    void theStackIsTheJvmThatRunsItsJarOrItsMainClassNotOneWithTheJarOnItsClassPath() {
        assertThat(ProcessStats.runsStack(List.of("java", "-Xmx3g", "-jar",
                "deploy/local-stack/target/cascade-local-stack.jar", "--processes"))).isTrue();
        assertThat(ProcessStats.runsStack(List.of("/usr/bin/java", "-cp", "target/classes:target/lib/*",
                "dev.cascade.local.LocalStack"))).isTrue();
        // what the stack starts: a service in the deployment shape, and the broker
        assertThat(ProcessStats.runsStack(List.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-Xmx512m", "-cp",
                "deploy/local-stack/target/cascade-local-stack.jar", "dev.cascade.report.ReportServiceApplication",
                "--spring.mongodb.uri=mongodb://localhost:27017"))).isFalse();
        assertThat(ProcessStats.runsStack(List.of("java", "-cp", "deploy/local-stack/target/cascade-local-stack.jar",
                "kafka.Kafka", "/tmp/x/kafka/server.properties"))).isFalse();
        // a trailing -jar with nothing after it, and no arguments at all (an unreadable command line)
        assertThat(ProcessStats.runsStack(List.of("java", "-jar"))).isFalse();
        assertThat(ProcessStats.runsStack(List.of())).isFalse();
    }

    @Test
    void aProcessCommandLineIsReadArgumentByArgument() {
        long self = ProcessHandle.current().pid();
        List<String> arguments = ProcessStats.arguments(self);
        assertThat(arguments).isNotEmpty();
        assertThat(arguments.get(0)).endsWith("java");
        assertThat(ProcessStats.cmdline(self)).isEqualTo(String.join(" ", arguments));
        assertThat(ProcessStats.arguments(Long.MAX_VALUE)).isEmpty();
    }
}
