package dev.cascade.aggregation.query;

import dev.cascade.aggregation.AggregationWebSlice;
import dev.cascade.aggregation.SliceUnits;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.ProgrammePeriods;
import dev.cascade.aggregation.rollup.engine.RollUpChanges;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web slice of the query API ({@link AggregateController}) with its access rules ({@link AggregateAccess}) and
 * live feeds ({@link FeedStreams}) over the slice's units ({@link SliceUnits}); what they read is mocked: the
 * roll-ups, the queries, the changes a feed subscribes to and the copies of plans and units.
 */
@AggregationWebSlice(AggregateController.class)
@Import({SliceUnits.class, AggregateAccess.class, FeedStreams.class})
abstract class AggregateControllerSlice {

    @MockitoBean
    RollUpEngine rollUps;
    @MockitoBean
    AggregateQueries queries;
    @MockitoBean
    RollUpChanges changes;
    @MockitoBean
    ProgrammePeriods programmePeriods;
    @MockitoBean
    PlanCopies plans;
    @MockitoBean
    UnitCopies units;
}
