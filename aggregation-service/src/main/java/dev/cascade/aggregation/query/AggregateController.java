package dev.cascade.aggregation.query;

import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Read side: the current aggregate of one (programme, period, unit) with its children. */
@RestController
class AggregateController {

    private final RollUpEngine rollUps;

    AggregateController(RollUpEngine rollUps) {
        this.rollUps = rollUps;
    }

    @GetMapping("/aggregates/{programme}/{period}/{unitCode}")
    AggregateView aggregate(@PathVariable String programme, @PathVariable String period,
                            @PathVariable String unitCode) {
        AggregateKey key = new AggregateKey(programme, period, unitCode);
        return rollUps.find(key).map(AggregateView::of).orElseThrow(() -> new UnknownAggregateException(key));
    }

    @ExceptionHandler(UnknownAggregateException.class)
    ProblemDetail unknown(UnknownAggregateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No aggregate for programme " + e.key.programme() + ", period " + e.key.period() + ", unit "
                        + e.key.unitCode() + " (nothing has been reported beneath it yet, or it does not exist)");
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
