package dev.cascade.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShapeCheckTest {

    record Order(@NotBlank(message = "is required") String number,
                 @Size(max = 2, message = "at most 2 lines") List<@NotNull(message = "must not be null") @Valid Line> lines,
                 List<@NotBlank(message = "is required") String> notes) {
    }

    record Line(@NotBlank(message = "is required") String item,
                @NotNull(message = "is required") @Max(value = 9, message = "must be at most 9") Integer count) {
    }

    private final ShapeCheck check = ShapeCheck.standalone();

    @Test
    void problemsAreNamedByJsonPathInTheOrderOfTheRecord() {
        Order order = new Order(" ", List.of(new Line("pen", 12), new Line(null, null)), List.of("ok", ""));

        assertThat(check.problems(order)).extracting(p -> p.field() + ": " + p.message()).containsExactly(
                "number: is required", "lines[0].count: must be at most 9", "lines[1].item: is required",
                "lines[1].count: is required", "notes[1]: is required");
    }

    @Test
    void aListAtFaultHidesItsItems() {
        Order order = new Order("7", Arrays.asList(new Line(null, 1), null, new Line("pen", 1)), List.of());

        assertThat(check.problems(order)).containsExactly(new FieldProblem("lines", "at most 2 lines"));
        assertThat(check.problems(new Order("7", Arrays.asList(new Line("pen", 1), null), null)))
                .containsExactly(new FieldProblem("lines[1]", "must not be null"));
    }

    @Test
    void aSoundRequestHasNoProblems() {
        assertThat(check.problems(new Order("7", List.of(new Line("pen", 9)), List.of("ok")))).isEmpty();
        assertThat(check.problems(null)).isEmpty();
    }

    @Test
    void aQuotedValueIsTakenLiterally() {
        assertThat(ShapeCheck.literal("{max} ${1+1} \\")).isEqualTo("\\{max\\} \\$\\{1+1\\} \\\\");
        assertThat(ShapeCheck.literal(null)).isEqualTo("null");
    }
}
