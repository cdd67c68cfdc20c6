package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.RollupContributed;
import dev.cascade.contracts.events.UnitLevel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random trees, random values, random order, duplicates, revisions and withdrawals, delivered in random batches
 * that are coalesced per roll-up, exactly as the service does it (a roll-up accepts a batch of contributions at once
 * and offers its new totals to its parent only when they changed): every level ends equal to the direct computation
 * from the latest report of every leaf beneath it.
 */
class RollUpPropertyTest {

    static final String RATE = "RATE";
    static final String COUNT = "COUNT";
    static final String OTHER = "OTHER";

    @Property(tries = 300)
    void everyLevelEqualsTheDirectComputationWhateverTheOrderDuplicatesAndBatches(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long seed,
            @ForAll @IntRange(min = 1, max = 3) int depth,
            @ForAll @IntRange(min = 1, max = 4) int fanOut,
            @ForAll @IntRange(min = 0, max = 2) int otherRule) {
        Random random = new Random(seed);
        Tree tree = Tree.random(random, depth, fanOut);
        Map<String, AggregationRule> rules = Map.of(RATE, AggregationRule.RATIO_OF_SUMS, COUNT, AggregationRule.SUM,
                OTHER, List.of(AggregationRule.MIN, AggregationRule.MAX, AggregationRule.AVERAGE).get(otherRule));

        // each leaf reports 1..3 versions, the last one sometimes a withdrawal
        Map<String, Contribution> latest = new TreeMap<>();
        List<Message> pool = new ArrayList<>();
        for (String leaf : tree.leaves()) {
            int versions = 1 + random.nextInt(3);
            for (int v = 1; v <= versions; v++) {
                Contribution c = v == versions && versions > 1 && random.nextInt(4) == 0
                        ? Contribution.withdrawn(leaf, v) : report(random, leaf, v);
                latest.put(leaf, c);
                int copies = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
                for (int i = 0; i < copies; i++) {
                    pool.add(new Message(tree.parent.get(leaf), c));
                }
            }
        }

        Map<String, Node> nodes = new HashMap<>();
        while (!pool.isEmpty()) {
            // a batch: a random number of messages taken from random places of the pool (any order)
            int size = 1 + random.nextInt(Math.min(pool.size(), 12));
            Map<String, List<Contribution>> byTarget = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                Message m = pool.remove(random.nextInt(pool.size()));
                byTarget.computeIfAbsent(m.target, k -> new ArrayList<>()).add(m.contribution);
            }
            byTarget.forEach((target, contributions) -> {
                Node node = nodes.computeIfAbsent(target, k -> new Node());
                node.rollUp.acceptAll(contributions).ifPresent(next -> {
                    node.rollUp = next;
                    Summary summary = next.summarize(context(tree, target, rules));
                    if (!summary.equals(node.summary)) {
                        node.summary = summary;
                        node.seq++;
                        String parent = tree.parent.get(target);
                        if (parent != null) {
                            Contribution offered = Contribution.of(new RollupContributed("P", "2024", target,
                                    parent, node.seq, summary.values(), summary.completeness(), Instant.EPOCH));
                            int copies = random.nextInt(4) == 0 ? 2 : 1; // redelivery
                            for (int i = 0; i < copies; i++) {
                                pool.add(new Message(parent, offered));
                            }
                        }
                    }
                });
            });
        }

        for (String unit : tree.internal()) {
            List<Contribution> beneath = tree.leavesBeneath(unit).stream().map(latest::get).toList();
            Summary direct = RollUp.of(beneath).summarize(context(tree, unit, rules));
            Node node = nodes.get(unit);
            assertThat(node).as("roll-up of %s", unit).isNotNull();
            assertThat(node.summary.values()).as("values of %s", unit).isEqualTo(direct.values());
            assertThat(node.summary.completeness()).as("completeness of %s", unit).isEqualTo(direct.completeness());
            assertThat(node.summary.completeness().received())
                    .isEqualTo((int) beneath.stream().filter(c -> !c.values().isEmpty()).count());
        }
        // the direct computation really is from the leaves: the root's counts add up leaf by leaf
        BigDecimal total = latest.values().stream().map(c -> c.values().get(COUNT)).filter(Objects::nonNull)
                .map(Parts::sum).reduce(BigDecimal.ZERO, BigDecimal::add);
        AggregatedValue rootCount = nodes.get(Tree.ROOT).summary.values().get(COUNT);
        assertThat(rootCount == null ? BigDecimal.ZERO : rootCount.value()).isEqualByComparingTo(total);
    }

    private static RollUpContext context(Tree tree, String unit, Map<String, AggregationRule> rules) {
        return new RollUpContext(UnitLevel.DISTRICT, tree.parent.get(unit), tree.leavesBeneath(unit).size(), rules,
                2024, List.of());
    }

    private static Contribution report(Random random, String leaf, int version) {
        long denominator = 1 + random.nextInt(500);
        long numerator = random.nextInt((int) denominator + 1);
        Map<String, IndicatorValue> values = new TreeMap<>();
        values.put(RATE, IndicatorValue.ratio(numerator, denominator));
        values.put(COUNT, IndicatorValue.count(random.nextInt(1000)));
        if (random.nextInt(5) > 0) { // not every form fills every indicator
            values.put(OTHER, IndicatorValue.count(random.nextInt(100)));
        }
        return Contribution.of(new ReportSubmitted("r-" + leaf, version, "PLAN", "P", "2024", leaf, "?", "someone",
                Instant.EPOCH, random.nextBoolean(), values, List.of(), Map.of()));
    }

    private record Message(String target, Contribution contribution) {
    }

    private static final class Node {
        RollUp rollUp = RollUp.empty();
        Summary summary;
        long seq;
    }

    /** A random administrative tree: ROOT, {@code depth} levels of internal units, then the reporting leaves. */
    private static final class Tree {
        static final String ROOT = "ROOT";
        final Map<String, String> parent = new LinkedHashMap<>();
        final Map<String, List<String>> children = new LinkedHashMap<>();

        static Tree random(Random random, int depth, int fanOut) {
            Tree tree = new Tree();
            tree.parent.put(ROOT, null);
            List<String> level = List.of(ROOT);
            for (int d = 0; d <= depth; d++) {
                List<String> next = new ArrayList<>();
                for (String unit : level) {
                    int n = 1 + random.nextInt(fanOut);
                    for (int i = 0; i < n; i++) {
                        String child = unit + "." + i;
                        tree.parent.put(child, unit);
                        tree.children.computeIfAbsent(unit, k -> new ArrayList<>()).add(child);
                        next.add(child);
                    }
                }
                level = next;
            }
            return tree;
        }

        List<String> leaves() {
            return parent.keySet().stream().filter(u -> !children.containsKey(u)).toList();
        }

        List<String> internal() {
            return new ArrayList<>(children.keySet());
        }

        List<String> leavesBeneath(String unit) {
            if (!children.containsKey(unit)) {
                return List.of(unit);
            }
            List<String> leaves = new ArrayList<>();
            children.get(unit).forEach(c -> leaves.addAll(leavesBeneath(c)));
            return leaves;
        }
    }
}
