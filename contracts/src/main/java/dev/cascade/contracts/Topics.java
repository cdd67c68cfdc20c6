package dev.cascade.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * Kafka topic names. They are written once, in {@code dev/cascade/contracts/topics.properties}, which the services
 * also import as Spring configuration ({@code ${cascade.topics.reports}} in a binding). A JVM system property of the
 * same name ({@code -Dcascade.topics.rollup=...}) renames a topic for that process, here and in its bindings alike
 * (Spring reads system properties before the imported file): how a replay instance is kept off the live topics it
 * would otherwise write.
 */
public final class Topics {

    /** Classpath location of the topic names, for {@code spring.config.import}. */
    public static final String PROPERTIES = "dev/cascade/contracts/topics.properties";

    private static final Properties NAMES = load();

    /** Administrative units with their hierarchy versions. Keyed by unit code, compacted. */
    public static final String UNITS = name("units");
    /** Plan lifecycle (issued, amended, revoked). Keyed by plan id. */
    public static final String PLANS = name("plans");
    /** Reporting obligations and their status changes. Keyed by the reporting unit code. */
    public static final String OBLIGATIONS = name("obligations");
    /** Submitted reports and their revisions. Keyed by the parent unit code. */
    public static final String REPORTS = name("reports");
    /** Internal: a roll-up's contribution to its parent. Keyed by the parent unit code. */
    public static final String ROLLUP = name("rollup");
    /** Public: latest aggregate per (programme, period, unit). Keyed by {@link AggregateKey}, compacted. */
    public static final String AGGREGATES = name("aggregates");
    /** Every notification delivered. Keyed by the unit whose staff received it. */
    public static final String NOTIFICATIONS = name("notifications");

    public static final List<String> ALL =
            List.of(UNITS, PLANS, OBLIGATIONS, REPORTS, ROLLUP, AGGREGATES, NOTIFICATIONS);

    /** Topics whose latest record per key is the state, so they are compacted. */
    public static final List<String> COMPACTED = List.of(UNITS, AGGREGATES);

    private Topics() {
    }

    /**
     * The topic of property {@code cascade.topics.<key>} ({@code units}, {@code plans}, ...), as a binding's
     * {@code destination: ${cascade.topics.<key>}} resolves it in this JVM.
     */
    public static String named(String key) {
        return name(key);
    }

    /** The dead-letter topic of a topic: poison records of {@code topic} go there. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private static String name(String key) {
        String value = System.getProperty("cascade.topics." + key, NAMES.getProperty("cascade.topics." + key));
        if (value == null) {
            throw new IllegalStateException("no cascade.topics." + key + " in " + PROPERTIES);
        }
        return value;
    }

    private static Properties load() {
        try (InputStream in = Topics.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(PROPERTIES + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
