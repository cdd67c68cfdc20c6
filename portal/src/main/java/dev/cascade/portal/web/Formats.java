package dev.cascade.portal.web;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.contracts.WorkingDays;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the pages write dates and numbers, whatever the language: dates {@code dd/MM/yyyy} and times in
 * Asia/Ho_Chi_Minh, numbers with Vietnamese grouping ({@code 1.234.567,5}) in Vietnamese and English grouping in
 * English. Templates call it as {@code ${@formats.date(d)}}.
 */
@Component("formats")
public class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(CascadeTime.ZONE);
    private static final WorkingDays WORKING_DAYS = new WorkingDays();

    private final Clock clock;

    public Formats(Clock clock) {
        this.clock = clock;
    }

    public String date(LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    public String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    public String number(BigDecimal value) {
        if (value == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(locale()));
        return format.format(value);
    }

    public String number(Number value) {
        return value == null ? "" : number(new BigDecimal(value.toString()));
    }

    /** A ratio as a percentage with up to two decimals. */
    public String percent(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return "";
        }
        return number(numerator.multiply(BigDecimal.valueOf(100)).divide(denominator, 2, RoundingMode.HALF_UP)) + " %";
    }

    /** A ratio typed as text, as a percentage ("" unless both are whole numbers and the denominator is above 0). */
    public String percentOf(String numerator, String denominator) {
        try {
            return percent(new BigDecimal(numerator.trim()), new BigDecimal(denominator.trim()));
        } catch (RuntimeException notNumbers) {
            return "";
        }
    }

    /** Today in Vietnam by the portal's clock. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(CascadeTime.ZONE));
    }

    /**
     * Working days from today to the deadline, both included (Monday to Friday without Vietnam's public holidays);
     * once the deadline has passed, minus the working days since it, today included (the first working day after the
     * deadline is -1).
     */
    public int workingDaysLeft(LocalDate deadline) {
        LocalDate today = today();
        if (deadline == null) {
            return 0;
        }
        int sign = deadline.isBefore(today) ? -1 : 1;
        LocalDate from = sign > 0 ? today : deadline.plusDays(1);
        LocalDate to = sign > 0 ? deadline : today;
        int days = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (WORKING_DAYS.isWorkingDay(d)) {
                days++;
            }
        }
        return sign * days;
    }

    private static Locale locale() {
        Locale locale = LocaleContextHolder.getLocale();
        return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("vi-VN");
    }
}
