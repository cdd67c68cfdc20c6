package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A unit with every placement it has had, oldest hierarchy first. Codes are permanent and never reused. */
public record AdministrativeUnit(String code, List<UnitPlacement> placements) {

    public AdministrativeUnit {
        Objects.requireNonNull(code, "code");
        placements = List.copyOf(placements);
        if (placements.isEmpty()) {
            throw new IllegalArgumentException("unit " + code + " has no placement");
        }
    }

    public Optional<UnitPlacement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }

    /** Codes of the parents in any hierarchy. */
    public List<String> parentCodes() {
        return placements.stream().map(UnitPlacement::parentCode).filter(Objects::nonNull).distinct().toList();
    }

    /**
     * A digest of the content (the placements): equal fingerprints mean nothing changed, so nothing is re-published.
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
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UnitUpserted toEvent(long version) {
        return new UnitUpserted(code, placements, version);
    }
}
