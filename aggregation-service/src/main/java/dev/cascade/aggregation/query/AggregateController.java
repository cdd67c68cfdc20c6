package dev.cascade.aggregation.query;

import dev.cascade.aggregation.rollup.engine.RollUpChanges;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.web.ProblemBodies;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * reported beneath it, the series of a unit across periods, and a live feed of the changes under a unit. Every read
 * needs a token that may read the unit on the day the read concerns ({@link AggregateAccess}); the feed is checked
 * once, at subscription, and its streams are capped per user and per instance ({@link FeedStreams}).
 */
@RestController
class AggregateController {

    private final RollUpEngine rollUps;
    private final AggregateQueries queries;
    private final RollUpChanges changes;
    private final AggregateAccess access;
    private final FeedStreams streams;
    private final Duration feedTimeout;

    AggregateController(RollUpEngine rollUps, AggregateQueries queries, RollUpChanges changes, AggregateAccess access,
                        FeedStreams streams, @Value("${cascade.aggregation.feed.timeout:PT30M}") Duration feedTimeout) {
        this.rollUps = rollUps;
        this.queries = queries;
        this.changes = changes;
        this.access = access;
        this.streams = streams;
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
                            @PathVariable String unitCode, @RequestParam(required = false) String restate,
                            Caller caller) {
        AggregateKey key = key(programme, period, unitCode);
        boolean restating = restate(restate);
        access.read(caller, key, restating);
        if (restating) {
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
    MissingUnits missing(@PathVariable String programme, @PathVariable String period, @PathVariable String unitCode,
                         Caller caller) {
        AggregateKey key = key(programme, period, unitCode);
        access.read(caller, key, false);
        return queries.missing(key).orElseThrow(() -> QueryRefusals.unknownAggregate(key));
    }

    /**
     * Every period's aggregate of the unit; with {@code restate=true} the periods before it existed restated. Only
     * the periods whose hierarchy lets the caller read the unit are listed.
     */
    @Operation(summary = "Every period's aggregate of a unit, optionally restated across the 2025 reform")
    @GetMapping("/aggregates/{programme}/series/{unitCode}")
    List<AggregateView> series(@PathVariable String programme, @PathVariable String unitCode,
                               @RequestParam(required = false) String restate, Caller caller) {
        boolean restating = restate(restate);
        access.readSeries(caller, programme, unitCode);
        return access.readable(caller, unitCode, queries.series(programme, unitCode, restating));
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
     * {@code AggregateUpdated} of every change of the unit's roll-up or of any roll-up beneath it. The caller's
     * token is checked once, here; the stream takes one of the caller's and of the instance's stream slots until it
     * ends (over a cap: 429), and is sent a comment every heartbeat so that a client gone away frees its slot.
     */
    @Operation(summary = "Server-sent events: the aggregate now and each change of it")
    @GetMapping(path = "/aggregates/{programme}/{period}/{unitCode}/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter feed(@PathVariable String programme, @PathVariable String period, @PathVariable String unitCode,
                    Caller caller) {
        AggregateKey key = key(programme, period, unitCode);
        access.read(caller, key, false);
        SseEmitter emitter = new SseEmitter(feedTimeout.toMillis());
        FeedStreams.Slot slot = streams.open(caller.subject(), () -> heartbeat(emitter));
        try {
            Runnable unsubscribe = changes.subscribe(rollUp -> {
                if (rollUp.programme().equals(key.programme()) && rollUp.period().equals(key.period())
                        && (rollUp.unitCode().equals(unitCode) || queries.ancestors(rollUp.key()).contains(unitCode))) {
                    send(emitter, rollUp);
                }
            });
            Runnable end = () -> {
                unsubscribe.run();
                slot.release();
            };
            emitter.onCompletion(end);
            emitter.onTimeout(end);
            emitter.onError(e -> end.run());
            return emitter;
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    /** Over a cap of feed streams: 429, a problem of type {@code too-many-streams}. */
    @ExceptionHandler(FeedStreams.TooManyStreams.class)
    ResponseEntity<ProblemDetail> tooManyStreams(FeedStreams.TooManyStreams refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, refused.getMessage());
        problem.setType(ProblemBodies.type("too-many-streams"));
        problem.setTitle("Too many streams");
        problem.setProperty("limit", refused.limit());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }

    private static void heartbeat(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
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
