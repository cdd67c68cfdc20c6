package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.schedule.AdHocPeriod;
import dev.cascade.plan.schedule.DeadlineRule;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A validated reporting programme of a plan: its data form (indicator codes), narrative outline, frequency, and the
 * rule by which each level's deadline is computed ({@code 12-10} or {@code +3} working days after the cut-off); for an
 * AD_HOC programme, the periods requested so far.
 */
public record Programme(String code, String title, Frequency frequency, List<String> indicators, List<String> outline,
                        Map<UnitLevel, DeadlineRule> deadlines, List<AdHocPeriod> adHocPeriods) {

    public Programme(String code, String title, Frequency frequency, List<String> indicators, List<String> outline,
                     Map<UnitLevel, DeadlineRule> deadlines) {
        this(code, title, frequency, indicators, outline, deadlines, List.of());
    }

    public Programme {
        adHocPeriods = adHocPeriods == null ? List.of() : List.copyOf(adHocPeriods);
        indicators = List.copyOf(indicators);
        outline = List.copyOf(outline);
        EnumMap<UnitLevel, DeadlineRule> copy = new EnumMap<>(UnitLevel.class);
        copy.putAll(deadlines);
        deadlines = Collections.unmodifiableMap(copy);
    }
}
