package dev.cascade.plan.plans.domain;

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
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.plan.unit.domain.AdministrativeUnit;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a proposed plan field by field and turns it into {@link PlanContent}, or refuses it with every
 * {@link Violation} found (each naming its field, e.g. {@code targets[0].indicator}).
 */
public final class PlanValidator {

    private static final Pattern PROGRAMME_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,63}");
    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");
    private static final List<UnitLevel> LADDER =
            List.of(UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE, UnitLevel.MINISTRY);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2100;
    private static final int MAX_TEXT = 2000;

    private final UnitDirectory units;
    private final IndicatorDirectory indicators;

    public PlanValidator(UnitDirectory units, IndicatorDirectory indicators) {
        this.units = units;
        this.indicators = indicators;
    }

    /** @throws InvalidPlan naming every field at fault */
    public PlanContent validate(ProposedPlan plan) {
        if (plan == null) {
            throw new InvalidPlan(List.of(new Violation("", "a plan is required")));
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

        List<Target> targets = targets(check, plan.targets(), start);
        List<PlanTask> tasks = tasks(check, plan.tasks(), known);
        Programme programme = programme(check, plan.programme());
        List<String> reporting = reportingUnits(check, plan.reportingUnits(), known, issuer, issueDate, programme);

        if (!check.violations.isEmpty()) {
            throw new InvalidPlan(check.violations);
        }
        if (PlanId.numberPart(number).isEmpty()) {
            throw new InvalidPlan(List.of(new Violation("number", "must contain letters or digits")));
        }
        return new PlanContent(number, title, issuer, issueDate, basis, start, end, targets, tasks, programme,
                reporting);
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

    private Programme programme(Check check, ProposedProgramme p) {
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
        if (frequency != null && !ReportingCalendar.supports(frequency)) {
            check.fail("programme.frequency", "periods of " + frequency + " are not computed yet; supported: ANNUAL");
            frequency = null;
        }
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
        Map<UnitLevel, MonthDay> deadlines = deadlines(check, p.deadlines());
        if (code == null || title == null || frequency == null || deadlines == null) {
            return null;
        }
        return new Programme(code, title, frequency, dataForm, outline, deadlines);
    }

    private static Map<UnitLevel, MonthDay> deadlines(Check check, Map<String, String> proposed) {
        if (proposed == null || proposed.isEmpty()) {
            check.fail("programme.deadlines", "must give the month-day (MM-dd) by which each level reports");
            return null;
        }
        Map<UnitLevel, MonthDay> result = new EnumMap<>(UnitLevel.class);
        boolean ok = true;
        for (Map.Entry<String, String> entry : proposed.entrySet()) {
            String f = "programme.deadlines." + entry.getKey();
            UnitLevel level = parseEnum(entry.getKey(), UnitLevel.class);
            if (level == null) {
                check.fail(f, "unknown level " + entry.getKey() + "; levels: " + Arrays.toString(UnitLevel.values()));
                ok = false;
                continue;
            }
            MonthDay day = monthDay(entry.getValue());
            if (day == null) {
                check.fail(f, "must be a month-day MM-dd such as 12-10, not " + entry.getValue());
                ok = false;
                continue;
            }
            result.put(level, day);
        }
        MonthDay previous = null;
        UnitLevel previousLevel = null;
        for (UnitLevel level : LADDER) {
            MonthDay day = result.get(level);
            if (day == null) {
                continue;
            }
            if (previous != null && day.isBefore(previous)) {
                check.fail("programme.deadlines." + level, "must not be before the " + previousLevel
                        + " deadline " + format(previous) + ": each level compiles what the level below sent");
                ok = false;
            }
            previous = day;
            previousLevel = level;
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

    private static MonthDay monthDay(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MONTH_DAY.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String format(MonthDay day) {
        return String.format("%02d-%02d", day.getMonthValue(), day.getDayOfMonth());
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
