package dev.cascade.notification.obligation;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.UnitLevel;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The reminder policy of an obligation: its programme's own kinds for its level, else the programme's fallback, else
 * the defaults (every {@link ReminderKind}). Time of day, zone and grace are the defaults' for every programme.
 */
@Component
@RequiredArgsConstructor
public class ReminderPolicies {

    private final MongoTemplate mongo;
    private final ReminderPolicy defaults;

    public ReminderPolicy defaults() {
        return defaults;
    }

    public Optional<PolicyOverride> override(String programme) {
        return programme == null ? Optional.empty() : Optional.ofNullable(mongo.findById(programme, PolicyOverride.class));
    }

    public PolicyOverride save(PolicyOverride override) {
        return mongo.save(override);
    }

    public ReminderPolicy forObligation(String programme, UnitLevel level) {
        return override(programme).map(o -> withKinds(kinds(o, level))).orElse(defaults);
    }

    /** The kinds a level gets under an override. */
    public List<ReminderKind> kinds(PolicyOverride override, UnitLevel level) {
        List<ReminderKind> own = level == null ? null : override.levels().get(level.name());
        if (own != null) {
            return own;
        }
        return override.fallback() != null ? override.fallback() : defaults.kinds();
    }

    private ReminderPolicy withKinds(List<ReminderKind> kinds) {
        return new ReminderPolicy(kinds, defaults.timeOfDay(), defaults.zone(), defaults.lateGrace());
    }
}
