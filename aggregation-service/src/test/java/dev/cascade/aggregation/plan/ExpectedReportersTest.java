package dev.cascade.aggregation.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedReportersTest {

    static final Map<String, String> PARENT = Map.of(
            "10813", "294", "10816", "294", "10507", "288", "294", "30", "288", "30", "30", "BGDDT");

    @Test
    void everyAncestorExpectsTheReportersBeneathIt() {
        assertThat(ExpectedReporters.beneath(List.of("10813", "10816", "10507"), PARENT::get))
                .isEqualTo(Map.of("294", 2, "288", 1, "30", 3, "BGDDT", 3));
    }

    @Test
    void aReporterNamedTwiceIsExpectedOnce() {
        assertThat(ExpectedReporters.beneath(List.of("10813", "10813"), PARENT::get))
                .isEqualTo(Map.of("294", 1, "30", 1, "BGDDT", 1));
    }

    @Test
    void aCycleInTheDataDoesNotLoop() {
        assertThat(ExpectedReporters.beneath(List.of("A"), Map.of("A", "B", "B", "C", "C", "B")::get))
                .isEqualTo(Map.of("B", 1, "C", 1));
    }
}
