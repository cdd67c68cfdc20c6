package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * The pages of the portal a message points its reader to, under {@code cascade.notifications.portal-url}
 * ({@code CASCADE_PORTAL_URL}); each path segment is percent-encoded as a URI path segment (UTF-8), so a code with a
 * space, a {@code /}, a {@code #} or a Vietnamese letter stays one segment:
 * <ul>
 * <li>{@link #obligation}: the report form of one obligation, {@code {portal}/obligations/{programme}/{period}/{unitCode}}
 * (reminders and overdue notices, to the unit that owes the report);</li>
 * <li>{@link #missing}: a unit's roll-up opened at its missing units,
 * {@code {portal}/rollup/{programme}/{period}/{unitCode}#missing} (escalations, to the parent; digests, to the
 * province).</li>
 * </ul>
 * The setting is normalised once (trailing slashes dropped, so {@code https://cascade.example/} and
 * {@code https://cascade.example} give the same links); one that is not an absolute http(s) URL without query or
 * fragment stops the service at start rather than going out in every message.
 */
@Component
public class PortalLinks {

    private final String portal;

    @Autowired
    public PortalLinks(NotificationSettings settings) {
        this(settings.portalUrl());
    }

    PortalLinks(String portalUrl) {
        this.portal = normalise(portalUrl);
    }

    /** The portal's address as configured, without trailing slashes. */
    public String portal() {
        return portal;
    }

    /** The report form of the obligation of {@code unitCode} for (programme, period). */
    public String obligation(String programme, String period, String unitCode) {
        return portal + path("obligations", programme, period, unitCode);
    }

    /** The roll-up of {@code unitCode} for (programme, period), at its list of the units that have not reported. */
    public String missing(String programme, String period, String unitCode) {
        return portal + path("rollup", programme, period, unitCode) + "#missing";
    }

    private static String path(String... segments) {
        for (String segment : segments) {
            Objects.requireNonNull(segment, "a path segment of a portal link");
        }
        return UriComponentsBuilder.newInstance().pathSegment(segments).build().encode().toUriString();
    }

    static String normalise(String portalUrl) {
        String trimmed = portalUrl == null ? "" : portalUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(portalUrl);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(portalUrl);
        }
        return trimmed;
    }

    private static IllegalStateException invalid(String portalUrl) {
        return new IllegalStateException("cascade.notifications.portal-url (CASCADE_PORTAL_URL) must be the portal's "
                + "absolute http(s) address without query or fragment, e.g. https://cascade.example; it is '"
                + portalUrl + "'");
    }
}
