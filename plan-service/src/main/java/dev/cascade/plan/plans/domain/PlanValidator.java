package dev.cascade.plan.plans.domain;

import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.validation.Violation;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedProgramme;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTarget;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTask;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.plan.schedule.AdHocPeriod;
import dev.cascade.plan.schedule.CutOffWindow;
import dev.cascade.plan.schedule.DeadlineRule;
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.plan.schedule.WorkingDays;
import dev.cascade.plan.unit.domain.AdministrativeUnit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a proposed plan field by field and turns it into {@link PlanContent}, or refuses it with every
 * {@link Violation} found (each naming its field, e.g. {@code targets[0].indicator}).
 */
public final class PlanValidator {

    private static final Pattern PROGRAMME_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,63}");
    /** A basis entry that names a plan of the system (its id) rather than an external document number. */
    private static final Pattern AD_HOC_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
    private static final Pattern PLAN_ID = Pattern.compile("KH-[A-Z0-9]+-\\d{4}-[A-Z0-9-]+");
    private static final List<UnitLevel> LADDER =
            List.of(UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE, UnitLevel.MINISTRY);
    /** The ladder, then agencies (their deadline is checked against the cut-off, not against the ladder's order). */
    private static final List<UnitLevel> CHECKED =
            List.of(UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE, UnitLevel.MINISTRY, UnitLevel.AGENCY);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2100;
    private static final int MAX_TEXT = 2000;

    private final UnitDirectory units;
    private final IndicatorDirectory indicators;
    private final ReportingCalendar calendar;
    private final PlanDirectory plans;

    public PlanValidator(UnitDirectory units, IndicatorDirectory indicators) {
        this(units, indicators, new ReportingCalendar(new WorkingDays()), planId -> Optional.empty());
    }

    public PlanValidator(UnitDirectory units, IndicatorDirectory indicators, ReportingCalendar calendar,
                         PlanDirectory plans) {
        this.units = units;
        this.indicators = indicators;
        this.calendar = calendar;
        this.plans = plans;
    }

    /** @throws InvalidPlan naming every field at fault */
    public PlanContent validate(ProposedPlan plan) {
        if (plan == null) {
            throw new InvalidPlan(List.of(new Violation("body", "a plan is required")));
        }
        Check check = new Check();
        String number = check.text("number", plan.number(), 100);
        String title = check.text("title", plan.title(), MAX_TEXT);
        LocalDate issueDate = check.date("issueDate", plan.issueDate());
        List<String> basis = check.texts("basis", plan.basis());
        Integer start = check.year("horizonStart", plan.horizonStart());
        Integer end = check.year("horizonEnd", plan.horizonEnd());
        if (start != null && end != null && end < start) {
            check.fail("horizonEnd", "must not be before horizonStart (" + start + ")");
        }

        Map<String, AdministrativeUnit> known = knownUnits(plan);
        String issuer = check.text("issuerUnitCode", plan.issuerUnitCode(), 20);
        if (issuer != null) {
            AdministrativeUnit unit = known.get(issuer);
            if (unit == null) {
                check.fail("issuerUnitCode", "unknown unit " + issuer);
            } else if (issueDate != null && unit.placementOn(issueDate).isEmpty()) {
                check.fail("issuerUnitCode", "unit " + issuer + " does not exist on the issue date " + issueDate);
            }
        }

        basisChain(check, basis, issuer, issueDate, known);
        List<Target> targets = targets(check, plan.targets(), start);
        List<PlanTask> tasks = tasks(check, plan.tasks(), known);
        Programme programme = programme(check, plan.programme(), start, end);
        List<String> reporting = reportingUnits(check, plan.reportingUnits(), known, issuer, issueDate, programme);

        if (!check.violations.isEmpty()) {
            throw new InvalidPlan(check.violations);
        }
        if (PlanId.numberPart(number).isEmpty()) {
            throw new InvalidPlan(List.of(new Violation("number", "must contain letters or digits")));
        }
        return new PlanContent(number, title, issuer, issueDate, basis, start, end, targets, tasks, programme,
                reporting, check.warnings);
    }

    /**
     * A basis entry shaped like a plan id ({@code KH-30-2023-2625}) names a parent plan of the system: it must exist,
     * and this plan's issuer must sit below the parent's issuer on the issue date. Other entries are external
     * documents by number ({@code 21-CT/TW}) and are kept as given.
     */
    private void basisChain(Check check, List<String> basis, String issuer, LocalDate issueDate,
                            Map<String, AdministrativeUnit> known) {
        for (int i = 0; i < basis.size(); i++) {
            String entry = basis.get(i);
            if (!PLAN_ID.matcher(entry).matches()) {
                continue;
            }
            String f = "basis[" + i + "]";
            Optional<String> parentIssuer = plans.issuerOf(entry);
            if (parentIssuer.isEmpty()) {
                check.fail(f, "unknown plan " + entry + " (a plan id; external documents are given by number, e.g."
                        + " 2625/KH-UBND)");
                continue;
            }
            AdministrativeUnit unit = issuer == null ? null : known.get(issuer);
            if (unit == null || issueDate == null || unit.placementOn(issueDate).isEmpty()) {
                continue;
            }
            String parent = unit.placementOn(issueDate).get().parentCode();
            AdministrativeUnit parentUnit = parent == null ? null : known.computeIfAbsent(parent,
                    code -> units.find(List.of(code)).get(code));
            if (parentUnit == null || !within(parentUnit, parentIssuer.get(), issueDate, known)) {
                check.fail(f, "the issuer " + issuer + " does not sit below " + parentIssuer.get() + ", the issuer of"
                        + " the parent plan " + entry + ", on " + issueDate);
            }
        }
    }

    private Map<String, AdministrativeUnit> knownUnits(ProposedPlan plan) {
        Set<String> codes = new HashSet<>();
        codes.add(plan.issuerUnitCode());
        if (plan.tasks() != null) {
            for (ProposedTask task : plan.tasks()) {
                if (task != null) {
                    codes.add(task.leadUnit());
                    if (task.cooperatingUnits() != null) {
                        codes.addAll(task.cooperatingUnits());
                    }
                }
            }
        }
        if (plan.reportingUnits() != null) {
            codes.addAll(plan.reportingUnits());
        }
        codes.remove(null);
        return new HashMap<>(units.find(codes));
    }

    private List<Target> targets(Check check, List<ProposedTarget> proposed, Integer start) {
        List<Target> result = new ArrayList<>();
        if (proposed == null) {
            return result;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < proposed.size(); i++) {
            String f = "targets[" + i + "]";
            ProposedTarget t = proposed.get(i);
            if (t == null) {
                check.fail(f, "must not be null");
                continue;
            }
            String code = check.text(f + ".indicator", t.indicator(), 64);
            Optional<Indicator> indicator = Optional.empty();
            if (code != null) {
                indicator = indicators.find(code);
                if (indicator.isEmpty()) {
                    check.fail(f + ".indicator", "unknown indicator " + code);
                }
            }
            Integer year = check.year(f + ".year", t.year());
            // a target may look beyond the reporting horizon (a 2030 goal in a plan reporting on 2024), not before it
            if (year != null && start != null && year < start) {
                check.fail(f + ".year", "must not be before horizonStart " + start);
            }
            if (code != null && year != null && !seen.add(code + "/" + year)) {
                check.fail(f, "a second target for " + code + " in " + year);
            }
            TargetComparator comparator = check.enumValue(f + ".comparator", t.comparator(), TargetComparator.class);
            boolean ratio = indicator.map(ind -> ind.kind() == IndicatorKind.RATIO).orElse(false);
            BigDecimal value = amount(check, f + ".value", t.value(), ratio);
            BigDecimal upper = null;
            if (comparator == TargetComparator.RANGE) {
                upper = amount(check, f + ".upper", t.upper(), ratio);
                if (value != null && upper != null && upper.compareTo(value) < 0) {
                    check.fail(f + ".upper", "must not be below value " + value.toPlainString());
                }
            } else if (t.upper() != null && comparator != null) {
                check.fail(f + ".upper", "only a RANGE has an upper bound");
            }
            if (code != null && year != null && comparator != null && value != null) {
                result.add(new Target(code, year, comparator, value, upper));
            }
        }
        return result;
    }

    private static BigDecimal amount(Check check, String field, BigDecimal value, boolean percent) {
        if (value == null) {
            check.fail(field, "is required");
            return null;
        }
        if (value.signum() < 0) {
            check.fail(field, "must not be negative");
            return null;
        }
        if (percent && value.compareTo(HUNDRED) > 0) {
            check.fail(field, "is a percentage and must not exceed 100");
            return null;
        }
        return value;
    }

    private List<PlanTask> tasks(Check check, List<ProposedTask> proposed, Map<String, AdministrativeUnit> known) {
        List<PlanTask> result = new ArrayList<>();
        if (proposed == null) {
            return result;
        }
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < proposed.size(); i++) {
            String f = "tasks[" + i + "]";
            ProposedTask t = proposed.get(i);
            if (t == null) {
                check.fail(f, "must not be null");
                continue;
            }
            String number = check.text(f + ".number", t.number(), 20);
            if (number != null && !numbers.add(number)) {
                check.fail(f + ".number", "task " + number + " appears twice");
            }
            String title = check.text(f + ".title", t.title(), MAX_TEXT);
            String lead = check.text(f + ".leadUnit", t.leadUnit(), 20);
            if (lead != null && !known.containsKey(lead)) {
                check.fail(f + ".leadUnit", "unknown unit " + lead);
            }
            List<String> cooperating = t.cooperatingUnits() == null ? List.of() : t.cooperatingUnits();
            for (int c = 0; c < cooperating.size(); c++) {
                String code = cooperating.get(c);
                if (code == null || !known.containsKey(code)) {
                    check.fail(f + ".cooperatingUnits[" + c + "]", "unknown unit " + code);
                }
            }
            if (number != null && title != null && lead != null) {
                result.add(new PlanTask(number, title, lead, cooperating));
            }
        }
        return result;
    }

    private Programme programme(Check check, ProposedProgramme p, Integer start, Integer end) {
        if (p == null) {
            check.fail("programme", "is required");
            return null;
        }
        String code = check.text("programme.code", p.code(), 64);
        if (code != null && !PROGRAMME_CODE.matcher(code).matches()) {
            check.fail("programme.code", "must be upper-case letters, digits, '-' or '_' (e.g. HD-GDNN-ANNUAL)");
            code = null;
        }
        String title = check.text("programme.title", p.title(), MAX_TEXT);
        Frequency frequency = check.enumValue("programme.frequency", p.frequency(), Frequency.class);
        List<String> dataForm = new ArrayList<>();
        if (p.indicators() == null || p.indicators().isEmpty()) {
            check.fail("programme.indicators", "must name at least one indicator");
        } else {
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
        if (p.outline() == null || p.outline().isEmpty()) {
            check.fail("programme.outline", "must name at least one section");
        } else if (new HashSet<>(outline).size() != outline.size()) {
            check.fail("programme.outline", "sections must be distinct");
        }
        List<AdHocPeriod> adHoc = adHocPeriods(check, p.adHocPeriods(), frequency);
        Map<UnitLevel, DeadlineRule> deadlines = deadlines(check, p.deadlines(), frequency, start, end, adHoc);
        if (code == null || title == null || frequency == null || deadlines == null) {
            return null;
        }
        return new Programme(code, title, frequency, dataForm, outline, deadlines, adHoc);
    }

    /**
     * Each level's rule ({@code MM-dd} for annual programmes, {@code +N} working days after the cut-off for any), the
     * levels' order up the ladder, and Decree 09 Art. 8.5 (at least one working day between the cut-off end and the
     * deadline): a refusal for PROVINCE and MINISTRY, the levels that report on to the Government (Art. 13); a
     * warning for the levels below, whose internal deadlines the seeds set before the cut-off end (seed 001:
     * communes by 10/12, cut-off 14/12).
     */
    /** The periods requested for an AD_HOC programme: ids unique, windows well-formed; none for other frequencies. */
    private static List<AdHocPeriod> adHocPeriods(Check check, List<ProposedPlan.ProposedAdHocPeriod> proposed,
                                                  Frequency frequency) {
        List<AdHocPeriod> result = new ArrayList<>();
        if (proposed == null || proposed.isEmpty()) {
            return result;
        }
        if (frequency != null && frequency != Frequency.AD_HOC) {
            check.fail("programme.adHocPeriods", "only an AD_HOC programme has requested periods; " + frequency
                    + " periods are computed");
            return result;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < proposed.size(); i++) {
            String f = "programme.adHocPeriods[" + i + "]";
            ProposedPlan.ProposedAdHocPeriod p = proposed.get(i);
            if (p == null) {
                check.fail(f, "must not be null");
                continue;
            }
            String id = check.text(f + ".id", p.id(), 32);
            if (id != null && !AD_HOC_ID.matcher(id).matches()) {
                check.fail(f + ".id", "must be letters, digits or '-' (e.g. 2025-DOT1)");
                id = null;
            } else if (id != null && !ids.add(id)) {
                check.fail(f + ".id", "period " + id + " appears twice");
                id = null;
            }
            LocalDate from = check.date(f + ".cutOffStart", p.cutOffStart());
            LocalDate to = check.date(f + ".cutOffEnd", p.cutOffEnd());
            if (from != null && to != null && to.isBefore(from)) {
                check.fail(f + ".cutOffEnd", "must not be before cutOffStart " + from);
                continue;
            }
            if (id != null && from != null && to != null) {
                result.add(new AdHocPeriod(id, new CutOffWindow(from, to)));
            }
        }
        return result;
    }

    private Map<UnitLevel, DeadlineRule> deadlines(Check check, Map<String, String> proposed, Frequency frequency,
                                                   Integer start, Integer end, List<AdHocPeriod> adHoc) {
        if (proposed == null || proposed.isEmpty()) {
            check.fail("programme.deadlines", "must give each reporting level's deadline: MM-dd (annual) or +N working"
                    + " days after the cut-off end");
            return null;
        }
        Map<UnitLevel, DeadlineRule> result = new EnumMap<>(UnitLevel.class);
        boolean ok = true;
        for (Map.Entry<String, String> entry : proposed.entrySet()) {
            String f = "programme.deadlines." + entry.getKey();
            UnitLevel level = parseEnum(entry.getKey(), UnitLevel.class);
            if (level == null) {
                check.fail(f, "unknown level " + entry.getKey() + "; levels: " + Arrays.toString(UnitLevel.values()));
                ok = false;
                continue;
            }
            DeadlineRule rule = DeadlineRule.parse(entry.getValue());
            if (rule == null) {
                check.fail(f, "must be a month-day MM-dd such as 12-10 or +N working days after the cut-off end such"
                        + " as +3, not " + entry.getValue());
                ok = false;
                continue;
            }
            if (rule instanceof DeadlineRule.OnMonthDay && frequency != null
                    && !ReportingCalendar.acceptsMonthDay(frequency)) {
                check.fail(f, "a month-day deadline only fits ANNUAL programmes; give +N working days after the"
                        + " cut-off end for " + frequency);
                ok = false;
                continue;
            }
            if (rule instanceof DeadlineRule.WorkingDaysAfterCutOff offset && offset.days() < 1) {
                check.fail(f, "must be at least +1: Decree 09 Art. 8.5 leaves at least one working day after the"
                        + " cut-off end");
                ok = false;
                continue;
            }
            result.put(level, rule);
        }
        if (!ok || frequency == null || start == null || end == null || end < start) {
            return ok ? result : null;
        }
        List<ReportingPeriod> periods = calendar.periods(frequency, start, end, result, adHoc);
        Set<UnitLevel> warned = new HashSet<>();
        for (ReportingPeriod period : periods) {
            LocalDate earliest = calendar.earliestDeadline(period.cutOffEnd());
            LocalDate previous = null;
            UnitLevel previousLevel = null;
            for (UnitLevel level : CHECKED) {
                LocalDate day = period.deadlines().get(level);
                if (day == null) {
                    continue;
                }
                String f = "programme.deadlines." + level;
                if (previous != null && LADDER.contains(level) && day.isBefore(previous)) {
                    check.fail(f, "must not be before the " + previousLevel + " deadline (period " + period.id()
                            + ": " + day + " < " + previous + "): each level compiles what the level below sent");
                    return null;
                }
                if (day.isBefore(earliest) && warned.add(level)) {
                    String message = "period " + period.id() + " is due on " + day + ", before " + earliest
                            + ", the first working day after its cut-off end " + period.cutOffEnd()
                            + " (Decree 09 Art. 8.5)";
                    if (level == UnitLevel.PROVINCE || level == UnitLevel.MINISTRY) {
                        check.fail(f, message);
                        ok = false;
                    } else {
                        check.warn(f, message + "; accepted for a level below the province");
                    }
                }
                if (LADDER.contains(level)) {
                    previous = day;
                    previousLevel = level;
                }
            }
        }
        return ok ? result : null;
    }

    private List<String> reportingUnits(Check check, List<String> proposed, Map<String, AdministrativeUnit> known,
                                        String issuer, LocalDate issueDate, Programme programme) {
        if (proposed == null || proposed.isEmpty()) {
            check.fail("reportingUnits", "must name at least one unit");
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < proposed.size(); i++) {
            String f = "reportingUnits[" + i + "]";
            String code = proposed.get(i);
            AdministrativeUnit unit = code == null ? null : known.get(code);
            if (unit == null) {
                check.fail(f, "unknown unit " + code);
                continue;
            }
            if (!seen.add(code)) {
                check.fail(f, "unit " + code + " appears twice");
                continue;
            }
            if (issueDate == null || issuer == null || !known.containsKey(issuer)) {
                continue;
            }
            Optional<UnitPlacement> placement = unit.placementOn(issueDate);
            if (placement.isEmpty()) {
                check.fail(f, "unit " + code + " does not exist on the issue date " + issueDate);
                continue;
            }
            if (!within(unit, issuer, issueDate, known)) {
                check.fail(f, "unit " + code + " is not under the issuer " + issuer + " on " + issueDate);
            }
            if (programme != null && !programme.deadlines().containsKey(placement.get().level())) {
                check.fail(f, "programme.deadlines has no deadline for level " + placement.get().level()
                        + " of unit " + code);
            }
        }
        return List.copyOf(seen);
    }

    /** Whether {@code unit} is {@code ancestor} or beneath it on {@code day}. */
    private boolean within(AdministrativeUnit unit, String ancestor, LocalDate day,
                           Map<String, AdministrativeUnit> known) {
        AdministrativeUnit current = unit;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current.code().equals(ancestor)) {
                return true;
            }
            String parent = current.placementOn(day).map(UnitPlacement::parentCode).orElse(null);
            if (parent == null) {
                return false;
            }
            if (!known.containsKey(parent)) {
                known.putAll(units.find(List.of(parent)));
            }
            current = known.get(parent);
        }
        return false;
    }

    private static <E extends Enum<E>> E parseEnum(String text, Class<E> type) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Collects violations while reading fields. */
    private static final class Check {

        private final List<Violation> violations = new ArrayList<>();
        private final List<Violation> warnings = new ArrayList<>();

        void warn(String field, String message) {
            warnings.add(new Violation(field, message));
        }

        void fail(String field, String message) {
            violations.add(new Violation(field, message));
        }

        String text(String field, String value, int maxLength) {
            if (value == null || value.isBlank()) {
                fail(field, "is required");
                return null;
            }
            if (value.length() > maxLength) {
                fail(field, "must be at most " + maxLength + " characters");
                return null;
            }
            return value.trim();
        }

        List<String> texts(String field, List<String> values) {
            if (values == null) {
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String value = text(field + "[" + i + "]", values.get(i), MAX_TEXT);
                if (value != null) {
                    result.add(value);
                }
            }
            return result;
        }

        LocalDate date(String field, String value) {
            if (value == null || value.isBlank()) {
                fail(field, "is required");
                return null;
            }
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                fail(field, "must be a date yyyy-MM-dd, not " + value);
                return null;
            }
        }

        Integer year(String field, Integer value) {
            if (value == null) {
                fail(field, "is required");
                return null;
            }
            if (value < MIN_YEAR || value > MAX_YEAR) {
                fail(field, "must be a year between " + MIN_YEAR + " and " + MAX_YEAR);
                return null;
            }
            return value;
        }

        <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
            if (value == null || value.isBlank()) {
                fail(field, "is required");
                return null;
            }
            E parsed = parseEnum(value, type);
            if (parsed == null) {
                fail(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .collect(Collectors.joining(", ")) + ", not " + value);
            }
            return parsed;
        }
    }
}
