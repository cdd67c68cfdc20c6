package dev.cascade.portal.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates, numbers and working days as the pages write them. */
class FormatsTest {

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void workingDaysCountTodayAndTheDeadlineButNotTheWeekend() {
        Formats thursday = on("2024-12-05");

        assertThat(thursday.workingDaysLeft(LocalDate.parse("2024-12-10"))).isEqualTo(4); // Thu Fri · Mon Tue
        assertThat(thursday.workingDaysLeft(LocalDate.parse("2024-12-05"))).isEqualTo(1);
        assertThat(thursday.workingDaysLeft(LocalDate.parse("2024-12-06"))).isEqualTo(2);
        assertThat(on("2024-12-07").workingDaysLeft(LocalDate.parse("2024-12-09"))).isEqualTo(1); // from a Saturday
        assertThat(thursday.workingDaysLeft(null)).isZero();
    }

    @Test
    void publicHolidaysAreNotWorkingDays() {
        // National Day 2/9/2024 is a Monday, its second day Tuesday 3/9
        assertThat(on("2024-08-30").workingDaysLeft(LocalDate.parse("2024-09-04"))).isEqualTo(2);
        // Reunification Day and Labour Day 2025: Wednesday and Thursday
        assertThat(on("2025-04-29").workingDaysLeft(LocalDate.parse("2025-05-02"))).isEqualTo(2);
        // Tết Ất Tỵ: the eve 28/1/2025 to 2/2/2025
        assertThat(on("2025-01-27").workingDaysLeft(LocalDate.parse("2025-02-03"))).isEqualTo(2);
    }

    @Test
    void afterTheDeadlineTheWorkingDaysSinceAreNegative() {
        assertThat(on("2024-12-16").workingDaysLeft(LocalDate.parse("2024-12-10"))).isEqualTo(-4); // Wed Thu Fri Mon
        // and holidays do not count either: deadline Fri 30/8/2024, today Thu 5/9
        assertThat(on("2024-09-05").workingDaysLeft(LocalDate.parse("2024-08-30"))).isEqualTo(-2); // Wed 4/9, Thu 5/9
    }

    @Test
    void theDayAfterTheDeadlineIsAlreadyNegative() {
        assertThat(on("2024-12-11").workingDaysLeft(LocalDate.parse("2024-12-10"))).isEqualTo(-1);
    }

    @Test
    void todayIsReckonedInVietnam() {
        // 20:00 UTC on the 5th is 03:00 on the 6th in Hà Nội
        Formats formats = new Formats(Clock.fixed(Instant.parse("2024-12-05T20:00:00Z"), ZoneOffset.UTC));
        assertThat(formats.today()).isEqualTo(LocalDate.parse("2024-12-06"));
        assertThat(formats.workingDaysLeft(LocalDate.parse("2024-12-06"))).isEqualTo(1);
    }

    @Test
    void datesAreDayMonthYearAndTimesInHaNoi() {
        Formats formats = on("2024-12-05");

        assertThat(formats.date(LocalDate.parse("2024-03-05"))).isEqualTo("05/03/2024");
        assertThat(formats.date(null)).isEmpty();
        assertThat(formats.dateTime(Instant.parse("2024-12-31T17:30:00Z"))).isEqualTo("01/01/2025 00:30");
        assertThat(formats.dateTime(null)).isEmpty();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(formats.date(LocalDate.parse("2024-03-05"))).isEqualTo("05/03/2024");
    }

    @Test
    void numbersAreGroupedTheVietnameseWayInVietnameseAndTheEnglishWayInEnglish() {
        Formats formats = on("2024-12-05");

        LocaleContextHolder.setLocale(Locale.forLanguageTag("vi"));
        assertThat(formats.number(new BigDecimal("1234567.5"))).isEqualTo("1.234.567,5");
        assertThat(formats.number(new BigDecimal("62.50"))).isEqualTo("62,5");
        assertThat(formats.number(1250L)).isEqualTo("1.250");
        assertThat(formats.number((BigDecimal) null)).isEmpty();
        assertThat(formats.percent(new BigDecimal("25"), new BigDecimal("800"))).isEqualTo("3,13 %");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(formats.number(new BigDecimal("1234567.5"))).isEqualTo("1,234,567.5");
        assertThat(formats.number(1250)).isEqualTo("1,250");
        assertThat(formats.percent(new BigDecimal("25"), new BigDecimal("800"))).isEqualTo("3.13 %");

        // any other language is written as Vietnamese
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(formats.number(new BigDecimal("1234.5"))).isEqualTo("1.234,5");
    }

    @Test
    void aRatioTypedAsTextIsShownAsAPercentageWhenItCanBe() {
        Formats formats = on("2024-12-05");
        LocaleContextHolder.setLocale(Locale.forLanguageTag("vi"));

        assertThat(formats.percentOf("25", "800")).isEqualTo("3,13 %"); // 3.125 half up
        assertThat(formats.percentOf(" 1 ", " 3 ")).isEqualTo("33,33 %");
        assertThat(formats.percentOf("800", "800")).isEqualTo("100 %");
        assertThat(formats.percentOf("900", "800")).isEqualTo("112,5 %");
        assertThat(formats.percentOf("", "800")).isEmpty();
        assertThat(formats.percentOf("25", "")).isEmpty();
        assertThat(formats.percentOf("hai", "800")).isEmpty();
        assertThat(formats.percentOf("25", "0")).isEmpty();
        assertThat(formats.percent(null, BigDecimal.TEN)).isEmpty();
    }

    /** The formats on that day at 09:00 in Hà Nội. */
    private static Formats on(String day) {
        return new Formats(Clock.fixed(LocalDate.parse(day).atTime(9, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .toInstant(), ZoneId.of("Asia/Ho_Chi_Minh")));
    }
}
