package dev.cascade.plan.indicator.domain;

import dev.cascade.plan.indicator.domain.IndicatorDirectory;

import java.util.Optional;

/** The indicator catalogue, by code. */
public interface IndicatorDirectory {

    Optional<Indicator> find(String code);
}
