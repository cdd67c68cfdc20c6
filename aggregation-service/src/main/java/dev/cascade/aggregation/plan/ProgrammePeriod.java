package dev.cascade.aggregation.plan;

import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.AggregationRule;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One period of one programme as the plans issued under it fix it: the cut-off day whose hierarchy the roll-ups
 * follow, the aggregation rule of each indicator, and the number of expected reporters beneath each unit (frozen
 * when the plans were issued). {@code _id} = {@code programme|period}.
 *
 * @param plans    the plan versions this was computed from, by plan id
 * @param revision optimistic-concurrency counter of the stored document
 * @param stamp    unique to each write of the stored document ({@code null} before it is stored): a copy read earlier
 *                 with the same stamp has the same content (see {@link ProgrammePeriods#find})
 */
@Document(ProgrammePeriod.COLLECTION)
public record ProgrammePeriod(@Id String id, String programme, String period, String cutOffEnd,
                              Map<String, AggregationRule> rules, Map<String, Integer> expected,
                              List<PlanVersion> plans, long revision, String stamp) {

    public static final String COLLECTION = "programme_periods";

    public ProgrammePeriod {
        rules = Map.copyOf(rules);
        expected = Map.copyOf(expected);
        plans = List.copyOf(plans);
    }

    public static String id(String programme, String period) {
        return programme + "|" + period;
    }

    public LocalDate cutOffEndDay() {
        return LocalDate.parse(cutOffEnd);
    }

    public int expectedBeneath(String unitCode) {
        return expected.getOrDefault(unitCode, 0);
    }

    public AggregateKey key(String unitCode) {
        return new AggregateKey(programme, period, unitCode);
    }

    /** The year whose targets apply: the leading year of the period id ({@code 2024}, {@code 2024-Q1}). */
    public int year() {
        if (period.length() >= 4 && period.substring(0, 4).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(period.substring(0, 4));
        }
        return cutOffEndDay().getYear();
    }

    /** A plan id and version (a list rather than a map: plan ids may contain dots, which Mongo keys may not). */
    public record PlanVersion(String planId, long version) {
    }

    boolean sameContentAs(ProgrammePeriod other) {
        return other != null && cutOffEnd.equals(other.cutOffEnd) && rules.equals(other.rules)
                && expected.equals(other.expected) && plans.equals(other.plans);
    }
}
