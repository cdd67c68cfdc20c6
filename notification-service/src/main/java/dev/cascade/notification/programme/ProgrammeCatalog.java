package dev.cascade.notification.programme;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The programmes of the issued (and amended) plans: titles and period cut-offs, upserted by programme code; and the
 * plans revoked, whose obligations the dispatchers leave alone.
 */
@Component
@RequiredArgsConstructor
public class ProgrammeCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProgrammeCatalog.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();

    /** Takes the programme of an issued plan; a plan version not newer than the one stored changes nothing. */
    public void apply(PlanIssued plan) {
        ReportingProgramme programme = plan.programme();
        if (programme == null || programme.code() == null) {
            return;
        }
        Optional<Programme> current = find(programme.code());
        List<String> issuers = new ArrayList<>(current.map(Programme::issuers).orElse(List.of()));
        boolean newIssuer = plan.issuerUnitCode() != null && !issuers.contains(plan.issuerUnitCode());
        if (newIssuer) {
            issuers.add(plan.issuerUnitCode());
        }
        if (current.isPresent() && plan.planId().equals(current.get().planId())
                && current.get().planVersion() >= plan.version()) {
            if (newIssuer) { // a programme stored before issuers were kept learns its issuer
                Programme known = current.get();
                mongo.save(new Programme(known.code(), known.title(), known.cutOffEnds(), known.planId(),
                        known.planVersion(), known.updatedAt(), issuers));
            }
            return;
        }
        Map<String, LocalDate> cutOffs = new LinkedHashMap<>(current.map(Programme::cutOffEnds).orElse(Map.of()));
        for (ReportingPeriod period : programme.periods()) {
            if (period.cutOffEnd() != null) {
                cutOffs.put(period.id(), period.cutOffEnd());
            }
        }
        String title = programme.title() == null || programme.title().isBlank() ? programme.code() : programme.title();
        mongo.save(new Programme(programme.code(), title, cutOffs, plan.planId(), plan.version(), clock.instant(),
                issuers));
        changes.incrementAndGet();
        log.info("programme {} '{}' from plan {} v{}", programme.code(), title, plan.planId(), plan.version());
    }

    /** Takes a revocation; one already known (redelivered) changes nothing. */
    public void revoke(PlanRevoked revoked) {
        if (revoked.planId() == null) {
            return;
        }
        PlanRevocation known = mongo.findById(revoked.planId(), PlanRevocation.class);
        if (known != null && known.version() >= revoked.version()) {
            return;
        }
        mongo.save(new PlanRevocation(revoked.planId(), revoked.issuerUnitCode(), revoked.revokedOn(),
                revoked.revokedBy(), revoked.version(), clock.instant()));
        changes.incrementAndGet();
        log.info("plan {} revoked on {} by {}: its reminders and digests stop", revoked.planId(), revoked.revokedOn(),
                revoked.revokedBy() == null ? "(no document named)" : revoked.revokedBy());
    }

    /**
     * How many programmes and revocations this instance has written since it started (a digest run that saw the same
     * count may skip).
     */
    public long changes() {
        return changes.get();
    }

    /** The ids of the plans revoked. */
    public Set<String> revokedPlans() {
        return mongo.findAll(PlanRevocation.class).stream().map(PlanRevocation::planId).collect(Collectors.toSet());
    }

    public Optional<Programme> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(mongo.findById(code, Programme.class));
    }

    /** The programme's title, e.g. {@code Báo cáo năm về giáo dục nghề nghiệp}; its code while no plan has named it. */
    public String title(String code) {
        return find(code).map(Programme::title).orElse(code);
    }

    /** The day whose hierarchy places the units for a period: its cut-off end when known, else {@code fallback}. */
    public LocalDate placementDay(String code, String period, LocalDate fallback) {
        return find(code).map(p -> p.cutOffEnds().get(period)).orElse(fallback);
    }
}
