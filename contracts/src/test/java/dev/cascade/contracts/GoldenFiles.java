package dev.cascade.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The golden JSON of each event type, {@code contracts/src/test/resources/golden/<ce_type>.json}, shared with the
 * services' tests through the contracts test-jar. Producers assert their serialized sample matches the golden;
 * consumers feed the golden to their deserializer. Run a test with {@code -Dcascade.golden.update=true} to rewrite
 * the golden from the actual JSON instead of comparing.
 */
public final class GoldenFiles {

    /** System property that turns {@link #assertMatches} into a writer. */
    public static final String UPDATE_PROPERTY = "cascade.golden.update";

    private static final String GOLDEN_DIR = "contracts/src/test/resources/golden";
    /**
     * Reads numbers with a fraction as {@link java.math.BigDecimal} keeping their scale, so {@code 60.00} and
     * {@code 60.0} differ (ratio values are published with scale 2). Writes object members sorted by name so that a
     * rewritten golden does not change just because a {@code Map.copyOf} iterated in another order.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private GoldenFiles() {
    }

    /** The golden JSON text of an event type (one of {@link EventTypes}). */
    public static String read(String eventType) {
        Path file = file(eventType);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no golden file for " + eventType + " at " + file);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code actualJson} is the same JSON tree as the golden of {@code eventType} (object member order
     * and whitespace do not matter; values, nulls, array order and the scale of decimals do). With {@code -Dcascade.golden.update=true}
     * the golden is (re)written from {@code actualJson}, pretty-printed, and nothing is asserted.
     */
    public static void assertMatches(String eventType, String actualJson) {
        JsonNode actual = parse(actualJson, "actual JSON of " + eventType);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(eventType, actual);
            return;
        }
        String goldenText = read(eventType);
        JsonNode golden = parse(goldenText, "golden " + file(eventType));
        if (!golden.equals(actual)) {
            throw new AssertionError("JSON of " + eventType + " does not match its golden file " + file(eventType)
                    + " (run with -D" + UPDATE_PROPERTY + "=true to rewrite it if the change is intended)"
                    + "\n--- expected (golden) ---\n" + pretty(golden)
                    + "\n--- actual ---\n" + pretty(actual));
        }
    }

    /** The golden file of an event type (it may not exist yet). */
    public static Path file(String eventType) {
        return goldenDirectory().resolve(eventType + ".json");
    }

    /** {@code contracts/src/test/resources/golden}, found by walking up from {@code user.dir}. */
    public static Path goldenDirectory() {
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path golden = dir.resolve(GOLDEN_DIR);
            if (Files.isDirectory(golden) || Files.isRegularFile(dir.resolve("contracts/pom.xml"))) {
                return golden;
            }
            // Working directory is the contracts module itself.
            if (Files.isRegularFile(dir.resolve("pom.xml")) && dir.getFileName() != null
                    && dir.getFileName().toString().equals("contracts")
                    && Files.isDirectory(dir.resolve("src/test/resources/golden"))) {
                return dir.resolve("src/test/resources/golden");
            }
        }
        throw new IllegalStateException("cannot find " + GOLDEN_DIR + " above " + start);
    }

    private static void write(String eventType, JsonNode actual) {
        Path file = file(eventType);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(actual) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " is not valid JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    private static String pretty(JsonNode node) {
        return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    }
}
