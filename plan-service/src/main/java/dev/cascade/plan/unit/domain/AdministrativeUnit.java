package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit with every placement it has had, oldest hierarchy first. Codes are permanent and never reused.
 *
 * @param predecessors the units this unit was formed from when its latest placement began (the placement with the
 *                     latest {@code validFrom}): for a 2025-07 unit, the 2025-03 units merged into it on 1 July 2025
 *                     (from the merge mapping); empty for every other unit
 */
public record AdministrativeUnit(String code, List<UnitPlacement> placements, List<UnitPredecessor> predecessors) {

    public AdministrativeUnit {
        Objects.requireNonNull(code, "code");
        placements = List.copyOf(placements);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
        if (placements.isEmpty()) {
            throw new IllegalArgumentException("unit " + code + " has no placement");
        }
    }

    /** A unit without predecessors. */
    public AdministrativeUnit(String code, List<UnitPlacement> placements) {
        this(code, placements, List.of());
    }

    public Optional<UnitPlacement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }

    /** The placement the predecessors formed: the one with the latest {@code validFrom}, if any has a start. */
    public Optional<UnitPlacement> successorPlacement() {
        return placements.stream().filter(p -> p.validFrom() != null)
                .max(Comparator.comparing(UnitPlacement::validFrom));
    }

    /** The predecessors of {@code placement}: {@link #predecessors()} for the successor placement, none otherwise. */
    public List<UnitPredecessor> predecessorsOf(UnitPlacement placement) {
        return successorPlacement().filter(placement::equals).map(p -> predecessors).orElse(List.of());
    }

    /** Codes of the parents in any hierarchy. */
    public List<String> parentCodes() {
        return placements.stream().map(UnitPlacement::parentCode).filter(Objects::nonNull).distinct().toList();
    }

    /**
     * A digest of the content (the placements and, when there are any, the predecessors): equal fingerprints mean
     * nothing changed, so nothing is re-published. A unit without predecessors keeps the fingerprint it had before
     * predecessors existed, so that adding the field republishes only the units that have some.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder(code);
        for (UnitPlacement p : placements) {
            canonical.append('\n').append(p.hierarchy())
                    .append('\u001f').append(p.validFrom())
                    .append('\u001f').append(p.validTo())
                    .append('\u001f').append(p.name())
                    .append('\u001f').append(p.type())
                    .append('\u001f').append(p.level())
                    .append('\u001f').append(p.parentCode());
        }
        if (!predecessors.isEmpty()) {
            canonical.append("\npredecessors");
            for (UnitPredecessor p : predecessors) {
                canonical.append('\u001f').append(p.code()).append('\u001e').append(p.kind());
            }
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UnitUpserted toEvent(long version) {
        return new UnitUpserted(code, placements, version, predecessors);
    }
}
