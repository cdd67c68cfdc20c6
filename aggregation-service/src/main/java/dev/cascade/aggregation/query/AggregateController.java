package dev.cascade.aggregation.query;

import dev.cascade.aggregation.rollup.engine.RollUpChanges;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    @GetMapping("/aggregates/{programme}/{period}/{unitCode}")
    AggregateView aggregate(@PathVariable String programme, @PathVariable String period,
                            @PathVariable String unitCode) {
        AggregateKey key = new AggregateKey(programme, period, unitCode);
        return rollUps.find(key).map(AggregateView::of)
                .or(() -> queries.nothingReportedYet(key))
                .orElseThrow(() -> new UnknownAggregateException(key));
    }

    @GetMapping("/aggregates/{programme}/{period}/{unitCode}/missing")
    MissingUnits missing(@PathVariable String programme, @PathVariable String period, @PathVariable String unitCode) {
        AggregateKey key = new AggregateKey(programme, period, unitCode);
        return queries.missing(key).orElseThrow(() -> new UnknownAggregateException(key));
    }

    @GetMapping("/aggregates/{programme}/series/{unitCode}")
    List<AggregateView> series(@PathVariable String programme, @PathVariable String unitCode) {
        return queries.series(programme, unitCode);
    }

    /**
     * Server-sent events: {@code event: aggregate}, {@code id: programme|period|unit|version}, data = the
     * {@code AggregateUpdated} of every change of the unit's roll-up or of any roll-up beneath it.
     */
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

    @ExceptionHandler(UnknownAggregateException.class)
    ProblemDetail unknown(UnknownAggregateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No aggregate for programme " + e.key.programme() + ", period " + e.key.period() + ", unit "
                        + e.key.unitCode() + " (no plan of the programme has this period, or no reporter is expected"
                        + " beneath this unit)");
        problem.setTitle("Unknown aggregate");
        problem.setProperty("aggregateKey", e.key.toString());
        problem.setProperty("errors", List.of(Map.of("field", "unitCode",
                "message", "no aggregate for " + e.key)));
        return problem;
    }

    static final class UnknownAggregateException extends RuntimeException {

        final AggregateKey key;

        UnknownAggregateException(AggregateKey key) {
            super("no aggregate " + key);
            this.key = key;
        }
    }
}
