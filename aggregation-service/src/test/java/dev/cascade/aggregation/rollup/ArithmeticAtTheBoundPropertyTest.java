package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.types.Decimal128;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the door lets in (whole numbers from 0 to {@link IndicatorValue#MAX}) adds up exactly at every level for
 * the whole country (10,047 communes, 705 districts, 63 provinces, the ministry), and every total can be stored as a
 * MongoDB Decimal128 and published as JSON without losing a digit: no value that passes the door can stop a roll-up
 * downstream, as 1e400 once did.
 */
class ArithmeticAtTheBoundPropertyTest {

    static final int COMMUNES = 10_047;
    static final int DISTRICTS = 705;
    static final int PROVINCES = 63;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Provide
    Arbitrary<Long> bounded() {
        long max = IndicatorValue.MAX.longValueExact();
        // the extremes most of the time: 0, 1, the bound and just below it; otherwise anywhere in the domain
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0L, 1L, max - 1, max)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, max)));
    }

    @Property(tries = 25)
    void everyLevelAddsUpExactlyAndStoresAndPublishesExactly(@ForAll("bounded") long seedValue,
                                                              @ForAll("bounded") long numeratorSeed) {
        long max = IndicatorValue.MAX.longValueExact();
        BigDecimal expectedSum = BigDecimal.ZERO;
        BigDecimal expectedNumerator = BigDecimal.ZERO;
        BigDecimal expectedDenominator = BigDecimal.ZERO;
        List<List<Parts>> counts = new ArrayList<>();
        List<List<Parts>> ratios = new ArrayList<>();
        for (int d = 0; d < DISTRICTS; d++) {
            counts.add(new ArrayList<>());
            ratios.add(new ArrayList<>());
        }
        for (int c = 0; c < COMMUNES; c++) {
            // each commune at the bound, at zero or near the generated values: extremes dominate
            long value = c % 3 == 0 ? max : c % 3 == 1 ? seedValue : Math.max(0, max - (c % 7));
            long denominator = c % 2 == 0 ? max : Math.max(1, numeratorSeed);
            long numerator = Math.min(denominator, c % 5 == 0 ? denominator : numeratorSeed);
            IndicatorValue count = new IndicatorValue(BigDecimal.valueOf(value), null, null);
            IndicatorValue ratio = new IndicatorValue(null, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
            assertThat(count.partsInDomain()).isTrue();
            assertThat(ratio.partsInDomain()).isTrue();
            counts.get(c % DISTRICTS).add(Parts.of(count));
            ratios.get(c % DISTRICTS).add(Parts.of(ratio));
            expectedSum = expectedSum.add(BigDecimal.valueOf(value));
            expectedNumerator = expectedNumerator.add(BigDecimal.valueOf(numerator));
            expectedDenominator = expectedDenominator.add(BigDecimal.valueOf(denominator));
        }

        AggregatedValue ministryCount = rollUp(AggregationRule.SUM, counts);
        AggregatedValue ministryRatio = rollUp(AggregationRule.RATIO_OF_SUMS, ratios);

        assertThat(ministryCount.sum()).isEqualByComparingTo(expectedSum);
        assertThat(ministryCount.count()).isEqualTo(COMMUNES);
        assertThat(ministryRatio.numerator()).isEqualByComparingTo(expectedNumerator);
        assertThat(ministryRatio.denominator()).isEqualByComparingTo(expectedDenominator);
        assertThat(ministryRatio.value()).isEqualByComparingTo(RollUpArithmetic.percentage(expectedNumerator,
                expectedDenominator));
        // the largest possible total still fits a long: 10,047 × 10^12 < 2^63
        assertThat(ministryCount.sum().longValueExact()).isEqualTo(expectedSum.longValueExact());
        for (BigDecimal total : List.of(ministryCount.sum(), ministryRatio.numerator(), ministryRatio.denominator(),
                ministryRatio.value())) {
            assertThat(new Decimal128(total).bigDecimalValue()).as("stored exactly").isEqualByComparingTo(total);
            assertThat(JSON.readValue(JSON.writeValueAsString(total), BigDecimal.class)).as("published exactly")
                    .isEqualByComparingTo(total);
        }
    }

    /** Communes → districts → provinces → ministry, each level from the parts its children offered. */
    private static AggregatedValue rollUp(AggregationRule rule, List<List<Parts>> communesByDistrict) {
        List<List<Parts>> districtsByProvince = new ArrayList<>();
        for (int p = 0; p < PROVINCES; p++) {
            districtsByProvince.add(new ArrayList<>());
        }
        for (int d = 0; d < communesByDistrict.size(); d++) {
            AggregatedValue district = RollUpArithmetic.combine(rule, communesByDistrict.get(d));
            assertStorable(district);
            districtsByProvince.get(d % PROVINCES).add(Parts.of(district));
        }
        List<Parts> provinces = new ArrayList<>();
        for (List<Parts> districts : districtsByProvince) {
            AggregatedValue province = RollUpArithmetic.combine(rule, districts);
            assertStorable(province);
            provinces.add(Parts.of(province));
        }
        return RollUpArithmetic.combine(rule, provinces);
    }

    private static void assertStorable(AggregatedValue value) {
        for (BigDecimal part : new BigDecimal[] {value.value(), value.sum(), value.numerator(), value.denominator()}) {
            if (part != null) {
                assertThat(new Decimal128(part).bigDecimalValue()).isEqualByComparingTo(part);
            }
        }
    }

    @Property(tries = 50)
    void theDoorsDomainIsExactlyTheWholeNumbersUpToTheBound(@ForAll("bounded") long inside) {
        assertThat(IndicatorValue.inDomain(BigDecimal.valueOf(inside))).isTrue();
        assertThat(IndicatorValue.inDomain(IndicatorValue.MAX.add(BigDecimal.ONE))).isFalse();
        assertThat(IndicatorValue.inDomain(new BigDecimal("1e400"))).isFalse();
        assertThat(IndicatorValue.inDomain(new BigDecimal("-1"))).isFalse();
        assertThat(IndicatorValue.inDomain(new BigDecimal("2.5"))).isFalse();
        assertThat(IndicatorValue.inDomain(new BigDecimal("2.000"))).isTrue();
        assertThat(IndicatorValue.inDomain(new BigDecimal("1E+3"))).isTrue();
    }
}
