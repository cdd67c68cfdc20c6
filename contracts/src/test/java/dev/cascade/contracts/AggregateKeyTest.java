package dev.cascade.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateKeyTest {

    @Test
    void formatsAsProgrammePeriodUnit() {
        assertThat(new AggregateKey("HD-GDNN-ANNUAL", "2024", "30")).hasToString("HD-GDNN-ANNUAL|2024|30");
    }

    @Test
    void parsesWhatItFormats() {
        AggregateKey key = new AggregateKey("HD-GDNN-QUARTERLY", "2024-Q1", "10813");

        assertThat(AggregateKey.parse(key.toString())).isEqualTo(key);
        assertThat(AggregateKey.parse("HD-GDNN-ANNUAL|2024|BGDDT"))
                .isEqualTo(new AggregateKey("HD-GDNN-ANNUAL", "2024", "BGDDT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HD-GDNN-ANNUAL|2024", "HD-GDNN-ANNUAL|2024|30|x", "HD-GDNN-ANNUAL", "", "||",
            "HD-GDNN-ANNUAL||30", "|2024|30", "HD-GDNN-ANNUAL|2024|", "HD-GDNN-ANNUAL| |30"})
    void rejectsKeysWithoutThreeNonBlankParts(String bad) {
        assertThatThrownBy(() -> AggregateKey.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesPartsThatWouldNotParseBack() {
        assertThatThrownBy(() -> new AggregateKey("A|B", "2024", "30"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("programme");
        assertThatThrownBy(() -> new AggregateKey("HD-GDNN-ANNUAL", null, "30"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> AggregateKey.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
