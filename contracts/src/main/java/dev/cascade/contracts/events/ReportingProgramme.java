package dev.cascade.contracts.events;

import java.util.List;

/**
 * A reporting programme (che do bao cao): what is reported (data form and narrative outline),
 * how often, and when each level must deliver for each period.
 */
public record ReportingProgramme(String code, String title, Frequency frequency, List<IndicatorDefinition> dataForm,
                                 List<String> outline, List<ReportingPeriod> periods) {

    public ReportingProgramme {
        dataForm = dataForm == null ? List.of() : List.copyOf(dataForm);
        outline = outline == null ? List.of() : List.copyOf(outline);
        periods = periods == null ? List.of() : List.copyOf(periods);
    }
}
