package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedAdHocPeriod;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedProgramme;
import dev.cascade.plan.schedule.AdHocPeriod;
import dev.cascade.plan.schedule.CutOffWindow;
import dev.cascade.plan.schedule.DeadlineRule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reporting programme of a plan: its data form (known indicators, each once), distinct outline sections, the
 * periods of an AD_HOC programme and the deadlines ({@link Deadlines}).
 */
final class ProgrammeCheck {

    private final IndicatorDirectory indicators;
    private final Deadlines deadlines;

    ProgrammeCheck(IndicatorDirectory indicators, Deadlines deadlines) {
        this.indicators = indicators;
        this.deadlines = deadlines;
    }

    Programme read(PlanCheck check, ProposedProgramme p, Integer start, Integer end) {
        if (p == null) {
            check.sound("programme");
            return null;
        }
        String code = check.text("programme.code", p.code());
        String title = check.text("programme.title", p.title());
        Frequency frequency = check.enumValue("programme.frequency", p.frequency(), Frequency.class);
        List<String> dataForm = new ArrayList<>();
        if (check.sound("programme.indicators")) {
            for (int i = 0; i < p.indicators().size(); i++) {
                String f = "programme.indicators[" + i + "]";
                String indicator = p.indicators().get(i);
                if (indicator == null || indicators.find(indicator).isEmpty()) {
                    check.fail(f, "unknown indicator " + indicator);
                } else if (dataForm.contains(indicator)) {
                    check.fail(f, "indicator " + indicator + " appears twice");
                } else {
                    dataForm.add(indicator);
                }
            }
        }
        List<String> outline = check.texts("programme.outline", p.outline());
        if (check.sound("programme.outline") && new HashSet<>(outline).size() != outline.size()) {
            check.fail("programme.outline", "sections must be distinct");
        }
        List<AdHocPeriod> adHoc = adHocPeriods(check, p.adHocPeriods(), frequency);
        Map<UnitLevel, DeadlineRule> rules = deadlines.read(check, p.deadlines(), frequency, start, end, adHoc);
        if (code == null || title == null || frequency == null || rules == null) {
            return null;
        }
        return new Programme(code, title, frequency, dataForm, outline, rules, adHoc);
    }

    /** The periods requested for an AD_HOC programme: ids unique, windows well-formed; none for other frequencies. */
    private static List<AdHocPeriod> adHocPeriods(PlanCheck check, List<ProposedAdHocPeriod> proposed,
                                                  Frequency frequency) {
        List<AdHocPeriod> result = new ArrayList<>();
        if (proposed == null || proposed.isEmpty()) {
            return result;
        }
        if (frequency != null && frequency != Frequency.AD_HOC) {
            check.failWhole("programme.adHocPeriods", "only an AD_HOC programme has requested periods; " + frequency
                    + " periods are computed");
            return result;
        }
        Set<String> ids = new HashSet<>();
        check.each("programme.adHocPeriods", proposed, (f, p) -> {
            String id = check.text(f + ".id", p.id());
            if (id != null && !ids.add(id)) {
                check.fail(f + ".id", "period " + id + " appears twice");
                id = null;
            }
            LocalDate from = check.date(f + ".cutOffStart", p.cutOffStart());
            LocalDate to = check.date(f + ".cutOffEnd", p.cutOffEnd());
            if (from != null && to != null && to.isBefore(from)) {
                check.fail(f + ".cutOffEnd", "must not be before cutOffStart " + from);
                return;
            }
            if (id != null && from != null && to != null) {
                result.add(new AdHocPeriod(id, new CutOffWindow(from, to)));
            }
        });
        return result;
    }
}
