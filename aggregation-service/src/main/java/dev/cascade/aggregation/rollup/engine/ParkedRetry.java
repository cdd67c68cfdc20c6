package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.aggregation.UnusableEventException;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.platform.concurrent.Workers;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies the parked inputs whose unit, plan or period is known by now, coalesced per roll-up as a batch is (a replay
 * from offset 0 parks every report read before its plan: applied one by one, each would cost its roll-up a write and
 * two events), a page of {@link #PAGE} at a time; the others stay parked. Runs after every plan, and every
 * {@code cascade.aggregation.parked.retry-interval}.
 * <p>
 * One pass at a time: a pass asked for while one runs is run by that one once it ends (a replay saw the plan
 * consumer's pass and the periodic one apply the same 2,613 inputs side by side, each in about 17 s).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ParkedRetry {

    private static final Logger log = LoggerFactory.getLogger(ParkedRetry.class);
    /** Parked inputs read and applied at a time (a report's input is about 2 KB: a page is a few MB). */
    static final int PAGE = 1_000;

    private final ParkedInputs parked;
    private final InputRouter router;
    private final RollUpEngine engine;
    private final DeadLetters deadLetters;
    private final JsonMapper json;
    private final Workers workers;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean asked = new AtomicBoolean();

    /**
     * Runs a pass over the parked inputs that starts after this call, here or, when a pass is under way on another
     * thread, on that thread once its pass ends; public so that tests and operators can trigger it.
     *
     * @return how many parked inputs this thread's passes applied (or dead-lettered)
     */
    public int run() {
        asked.set(true);
        int done = 0;
        while (asked.get() && running.compareAndSet(false, true)) {
            try {
                while (asked.getAndSet(false)) {
                    done += pass();
                }
            } finally {
                running.set(false);
            }
        }
        return done;
    }

    private int pass() {
        int done = 0;
        int rollUps = 0;
        RollUpEngine.BatchMemo memo = new RollUpEngine.BatchMemo();
        String after = null;
        List<ParkedInput> page;
        do {
            page = parked.page(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            Map<AggregateKey, List<Contribution>> byRollUp = new LinkedHashMap<>();
            Map<AggregateKey, List<ParkedInput>> sources = new LinkedHashMap<>();
            List<ParkedInput> settled = new ArrayList<>();
            Map<ParkedInput, InboundContribution> inputs = read(page, memo);
            engine.prefetchReportingUnits(inputs.values(), memo);
            for (var entry : inputs.entrySet()) {
                ParkedInput p = entry.getKey();
                InboundContribution input = entry.getValue();
                try {
                    InputRouter.Routed routed = router.route(input, memo);
                    if (routed != null) {
                        byRollUp.computeIfAbsent(routed.key(), k -> new ArrayList<>()).add(routed.contribution());
                        sources.computeIfAbsent(routed.key(), k -> new ArrayList<>()).add(p);
                        continue;
                    }
                } catch (NotYetKnownException stillUnknown) {
                    continue;
                } catch (UnusableEventException unusable) {
                    deadLetters.send(input, unusable);
                }
                settled.add(p);
            }
            parked.removeAll(settled);
            done += settled.size();
            engine.prefetchRollUpUnits(byRollUp.keySet(), memo);
            // the roll-ups are independent documents: they change side by side, as a consumed batch's do; the inputs
            // of those applied are removed together once the page's roll-ups are done, also when one of them failed
            // (its inputs stay parked for the next attempt, which changes nothing that was applied); one removal per
            // roll-up cost a store round trip each
            Queue<ParkedInput> applied = new ConcurrentLinkedQueue<>();
            List<Future<Integer>> changes = new ArrayList<>(byRollUp.size());
            for (var rollUp : byRollUp.entrySet()) {
                changes.add(workers.submit(() -> {
                    engine.contributeAll(rollUp.getKey(), rollUp.getValue(), memo);
                    applied.addAll(sources.get(rollUp.getKey()));
                    return rollUp.getValue().size();
                }));
            }
            try {
                done += Workers.awaitAll(changes, "applying parked inputs").stream().mapToInt(Integer::intValue).sum();
            } finally {
                engine.clearSent(memo);
                parked.removeAll(List.copyOf(applied));
            }
            rollUps += byRollUp.size();
        } while (page.size() == PAGE);
        if (done > 0) {
            log.info("applied {} parked roll-up inputs in {} roll-up writes", done, rollUps);
        }
        return done;
    }

    /**
     * The page's inputs read back, but for those of a programme period this pass already found unknown: they stay
     * parked unread (a replay parks thousands of reports before their plan; each pass used to read and route them all).
     */
    private Map<ParkedInput, InboundContribution> read(List<ParkedInput> page, RollUpEngine.BatchMemo memo) {
        Map<ParkedInput, InboundContribution> inputs = new LinkedHashMap<>();
        for (ParkedInput p : page) {
            String[] programmePeriod = InboundContribution.programmePeriodOf(p.id());
            if (programmePeriod != null && memo.knownUnknown(programmePeriod[0], programmePeriod[1])) {
                continue;
            }
            byte[] payload = p.payload().getBytes(StandardCharsets.UTF_8);
            inputs.put(p, new InboundContribution(p.type(), p.topic(), p.key(), payload,
                    json.readValue(payload, InboundContribution.payloadClass(p.type())), -1, null));
        }
        return inputs;
    }
}
