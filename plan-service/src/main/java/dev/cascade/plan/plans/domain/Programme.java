package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.UnitLevel;

import java.time.MonthDay;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A validated reporting programme of a plan: its data form (indicator codes), narrative outline, frequency, and the
 * month-day by which each level reports.
 */
public record Programme(String code, String title, Frequency frequency, List<String> indicators, List<String> outline,
                        Map<UnitLevel, MonthDay> deadlines) {

    public Programme {
        indicators = List.copyOf(indicators);
        outline = List.copyOf(outline);
        EnumMap<UnitLevel, MonthDay> copy = new EnumMap<>(UnitLevel.class);
        copy.putAll(deadlines);
        deadlines = Collections.unmodifiableMap(copy);
    }
}
