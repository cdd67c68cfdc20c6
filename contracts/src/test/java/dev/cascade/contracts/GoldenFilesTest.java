package dev.cascade.contracts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenFilesTest {

    private static final String SCRATCH_TYPE = "cascade.test.scratch";

    @AfterEach
    void removeScratch() throws IOException {
        System.clearProperty(GoldenFiles.UPDATE_PROPERTY);
        Files.deleteIfExists(GoldenFiles.file(SCRATCH_TYPE));
    }

    @Test
    void findsTheGoldenDirectoryOfTheContractsModule() {
        Path dir = GoldenFiles.goldenDirectory();

        assertThat(dir).endsWith(Path.of("contracts", "src", "test", "resources", "golden"));
        assertThat(GoldenFiles.file(EventTypes.REPORT_SUBMITTED)).isRegularFile();
    }

    @Test
    void matchesTheSameTreeWhateverTheMemberOrderAndSpacing() {
        write("{\"a\": 1, \"b\": {\"c\": [1, 2], \"d\": null, \"e\": 60.00}}");

        GoldenFiles.assertMatches(SCRATCH_TYPE, "{\"b\":{\"e\":60.00,\"d\":null,\"c\":[1,2]},\"a\":1}");
    }

    @Test
    void reportsBothSidesWhenAValueDiffers() {
        write("{\"value\": 57.78, \"count\": 3}");

        assertThatThrownBy(() -> GoldenFiles.assertMatches(SCRATCH_TYPE, "{\"value\": 57.77, \"count\": 3}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected (golden)").hasMessageContaining("57.78")
                .hasMessageContaining("actual").hasMessageContaining("57.77");
    }

    @Test
    void decimalScaleMissingNullAndArrayOrderAllCount() {
        write("{\"value\": 60.00, \"sum\": null, \"units\": [\"10813\", \"10816\"]}");

        assertThatThrownBy(() -> GoldenFiles.assertMatches(SCRATCH_TYPE,
                "{\"value\": 60.0, \"sum\": null, \"units\": [\"10813\", \"10816\"]}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoldenFiles.assertMatches(SCRATCH_TYPE,
                "{\"value\": 60.00, \"units\": [\"10813\", \"10816\"]}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoldenFiles.assertMatches(SCRATCH_TYPE,
                "{\"value\": 60.00, \"sum\": null, \"units\": [\"10816\", \"10813\"]}")).isInstanceOf(AssertionError.class);
    }

    @Test
    void updateModeRewritesTheGoldenInsteadOfComparing() {
        write("{\"version\": 1}");
        System.setProperty(GoldenFiles.UPDATE_PROPERTY, "true");

        GoldenFiles.assertMatches(SCRATCH_TYPE, "{\"version\": 2, \"asOf\": \"2024-12-04T02:15:04Z\"}");

        System.clearProperty(GoldenFiles.UPDATE_PROPERTY);
        GoldenFiles.assertMatches(SCRATCH_TYPE, "{\"asOf\": \"2024-12-04T02:15:04Z\", \"version\": 2}");
        assertThat(GoldenFiles.read(SCRATCH_TYPE)).startsWith("{\n  \"asOf\"");
    }

    @Test
    void readingAMissingGoldenNamesTheFile() {
        assertThatThrownBy(() -> GoldenFiles.read("cascade.no.such.event"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cascade.no.such.event.json");
    }

    private static void write(String json) {
        try {
            Files.writeString(GoldenFiles.file(SCRATCH_TYPE), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
