package dev.cascade.platform.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The strict reading every service applies, and the field each refusal names. */
class StrictJsonTest {

    record Value(BigDecimal value, Integer count) {
    }

    record Task(String task, String status) {
    }

    record Body(String unitCode, String period, Map<String, Value> values, List<Task> tasks,
                Map<String, String> narrative, Boolean late) {
    }

    private final JsonMapper json = strict();

    static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJson().cascadeStrictJson().customize(builder);
        return builder.build();
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            number as text      | {"values":{"A":{"value":"5"}}}                       | values.A.value
            whole number as text| {"values":{"A":{"count":"5"}}}                       | values.A.count
            code as a number    | {"unitCode":10507}                                   | unitCode
            period as a decimal | {"period":2024.5}                                    | period
            text as a boolean   | {"unitCode":true}                                    | unitCode
            boolean as text     | {"late":"true"}                                      | late
            duplicate key       | {"unitCode":"10816","unitCode":"10813"}              | unitCode
            nested duplicate    | {"values":{"A":{"value":1,"value":2}}}               | values.A.value
            lone high surrogate | {"tasks":[{"task":"1","status":"\\ud800x"}]}         | tasks[0].status
            lone low surrogate  | {"narrative":{"results":"a\\udc00"}}                 | narrative.results
            trailing tokens     | {"unitCode":"1"} {}                                  | body
            cut short           | {"unitCode":"10813",                                 | body
            not JSON            | unitCode=10813                                       | body
            """)
    void refusesNamingTheField(String name, String body, String field) {
        JacksonException refused = catchThrowableOfType(JacksonException.class, () -> json.readValue(body, Body.class));

        assertThat(refused).as(name).isNotNull();
        assertThat(JsonFieldPath.of(refused)).as(refused.getClass() + " " + refused.getMessage()).isEqualTo(field);
    }

    @Test
    void wellFormedTextAndNumbersStillRead() throws Exception {
        Body body = json.readValue("""
                {"unitCode":"10813","period":"2024","values":{"A":{"value":1e3,"count":7}},
                 "tasks":[{"task":"1","status":"Đã xong 😀"}],"narrative":{"results":"\\ud83d\\ude00 ok"},"late":false}
                """, Body.class);

        assertThat(body.values().get("A").value()).isEqualByComparingTo("1000");
        assertThat(body.tasks().get(0).status()).isEqualTo("Đã xong 😀");
        assertThat(body.narrative().get("results")).isEqualTo("😀 ok");
    }

    @Test
    void findsTheFirstLoneSurrogate() {
        assertThat(WellFormedStrings.firstLoneSurrogate("ab\ud83d\ude00c")).isEqualTo(-1);
        assertThat(WellFormedStrings.firstLoneSurrogate("ab\ud83dc")).isEqualTo(2);
        assertThat(WellFormedStrings.firstLoneSurrogate("\ude00")).isZero();
        assertThat(WellFormedStrings.firstLoneSurrogate("x\ud83d")).isEqualTo(1);
    }
}
