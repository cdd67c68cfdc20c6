package dev.cascade.notification.obligation;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.UnitLevel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The reminder policy of an obligation: its programme's own kinds for its level, else the programme's fallback, else
 * the defaults (every {@link ReminderKind}). Time of day, zone and grace are the defaults' for every programme.
 */
@Component
@RequiredArgsConstructor
public class ReminderPolicies {

    private static final int MAX_ATTEMPTS = 20;

    private final MongoTemplate mongo;
    private final ReminderPolicy defaults;

    public ReminderPolicy defaults() {
        return defaults;
    }

    public Optional<PolicyOverride> override(String programme) {
        return programme == null ? Optional.empty() : Optional.ofNullable(mongo.findById(programme, PolicyOverride.class));
    }

    /**
     * Saves the programme's override over exactly the version read (a concurrent save makes it read again): version
     * 1 for the first, one more each time; an override stored before versions counts as 0.
     */
    public Saved save(PolicyOverride override) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PolicyOverride current = override(override.programme()).orElse(null);
            Long before = current == null ? null : current.version() == null ? 0L : current.version();
            PolicyOverride next = new PolicyOverride(override.programme(), override.levels(), override.fallback(),
                    override.updatedAt(), before == null ? 1L : before + 1);
            if (current == null) {
                try {
                    mongo.insert(next);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            } else {
                Query same = query(where("_id").is(override.programme())).addCriteria(current.version() == null
                        ? where("version").exists(false) : where("version").is(current.version()));
                if (mongo.findAndReplace(same, next) == null) {
                    continue;
                }
            }
            return new Saved(next, before, next.version());
        }
        throw new IllegalStateException("the policy of " + override.programme() + " kept changing during "
                + MAX_ATTEMPTS + " attempts to save it");
    }

    /** An override as saved, with the version it replaced ({@code null}: none). */
    public record Saved(PolicyOverride policy, Long versionBefore, long versionAfter) {
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
