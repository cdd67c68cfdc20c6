package dev.cascade.aggregation.query;

import dev.cascade.aggregation.rollup.engine.RollUpChanges;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Read side: the current aggregate of one (programme, period, unit) with its children, the units that have not
 * reported beneath it, the series of a unit across periods, and a live feed of the changes under a unit.
 */
@RestController
class AggregateController {

    private final RollUpEngine rollUps;
    private final AggregateQueries queries;
    private final RollUpChanges changes;
    private final Duration feedTimeout;

    AggregateController(RollUpEngine rollUps, AggregateQueries queries, RollUpChanges changes,
                        @Value("${cascade.aggregation.feed.timeout:PT30M}") Duration feedTimeout) {
        this.rollUps = rollUps;
        this.queries = queries;
        this.changes = changes;
        this.feedTimeout = feedTimeout;
    }

    /**
     * The aggregate of one (programme, period, unit). With {@code restate=true}, for a period whose cut-off ends
     * before the unit's successor placement began (a 2025-07 unit and a period up to 30 June 2025), the figures
     * restated from its predecessors instead; for any other period the stored aggregate as without it.
     */
    @Operation(summary = "The aggregate of a unit for a programme and period: completeness, timeliness, values")
    @GetMapping("/aggregates/{programme}/{period}/{unitCode}")
    AggregateView aggregate(@PathVariable String programme, @PathVariable String period,
                            @PathVariable String unitCode, @RequestParam(required = false) String restate) {
        AggregateKey key = key(programme, period, unitCode);
        if (restate(restate)) {
            Optional<AggregateView> restated = queries.restated(key);
            if (restated.isPresent()) {
                return restated.get();
            }
        }
        return rollUps.find(key).map(AggregateView::of)
                .or(() -> queries.nothingReportedYet(key))
                .orElseThrow(() -> QueryRefusals.unknownAggregate(key));
    }

    @Operation(summary = "The reporting units beneath a unit that have not reported for the period")
    @GetMapping("/aggregates/{programme}/{period}/{unitCode}/missing")
    MissingUnits missing(@PathVariable String programme, @PathVariable String period, @PathVariable String unitCode) {
        AggregateKey key = key(programme, period, unitCode);
        return queries.missing(key).orElseThrow(() -> QueryRefusals.unknownAggregate(key));
    }

    /** Every period's aggregate of the unit; with {@code restate=true} the periods before it existed restated. */
    @Operation(summary = "Every period's aggregate of a unit, optionally restated across the 2025 reform")
    @GetMapping("/aggregates/{programme}/series/{unitCode}")
    List<AggregateView> series(@PathVariable String programme, @PathVariable String unitCode,
                               @RequestParam(required = false) String restate) {
        return queries.series(programme, unitCode, restate(restate));
    }

    /** The key the path names; a blank part, or one holding the key's separator {@code |}, is a 400 naming it. */
    private static AggregateKey key(String programme, String period, String unitCode) {
        for (String[] part : new String[][] {{"programme", programme}, {"period", period}, {"unitCode", unitCode}}) {
            if (part[1] == null || part[1].isBlank() || part[1].contains("|")) {
                throw QueryRefusals.invalidParameter(part[0], part[1], "a code that is not blank and has no '|'");
            }
        }
        return new AggregateKey(programme, period, unitCode);
    }

    /** {@code restate}: absent, {@code true} or {@code false} (any case); anything else is refused. */
    private static boolean restate(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw QueryRefusals.invalidParameter("restate", value, "true or false");
    }

    /**
     * Server-sent events: {@code event: aggregate}, {@code id: programme|period|unit|version}, data = the
     * {@code AggregateUpdated} of every change of the unit's roll-up or of any roll-up beneath it.
     */
    @Operation(summary = "Server-sent events: the aggregate now and each change of it")
    @GetMapping(path = "/aggregates/{programme}/{period}/{unitCode}/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter feed(@PathVariable String programme, @PathVariable String period, @PathVariable String unitCode) {
        SseEmitter emitter = new SseEmitter(feedTimeout.toMillis());
        Runnable unsubscribe = changes.subscribe(rollUp -> {
            if (rollUp.programme().equals(programme) && rollUp.period().equals(period)
                    && (rollUp.unitCode().equals(unitCode) || queries.ancestors(rollUp.key()).contains(unitCode))) {
                send(emitter, rollUp);
            }
        });
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(e -> unsubscribe.run());
        return emitter;
    }

    private static void send(SseEmitter emitter, RollUpDocument rollUp) {
        try {
            emitter.send(SseEmitter.event().name("aggregate").id(rollUp.id() + "|" + rollUp.seq())
                    .data(rollUp.aggregateUpdated(), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }
}
