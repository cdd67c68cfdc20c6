package dev.cascade.contracts.events;

import java.util.List;

/** A numbered task of a plan with the unit that leads it and those that cooperate. */
public record PlanTask(String number, String title, String leadUnit, List<String> cooperatingUnits) {

    public PlanTask {
        cooperatingUnits = cooperatingUnits == null ? List.of() : List.copyOf(cooperatingUnits);
    }
}
