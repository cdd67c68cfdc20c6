package dev.cascade.plan.plans.domain;

import dev.cascade.plan.indicator.domain.Indicator;

import java.util.Optional;

/** The indicator catalogue, by code. */
public interface IndicatorDirectory {

    Optional<Indicator> find(String code);
}
