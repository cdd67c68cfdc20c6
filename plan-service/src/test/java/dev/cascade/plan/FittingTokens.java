package dev.cascade.plan;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real token ({@link TestIssuer}) for each request of the tests written before plan-service was a resource server,
 * of the person who may make it, so that they keep testing what they tested:
 * <ul>
 *   <li>a read (GET): the ministry's analyst, {@code viewer-BGDDT} (VIEWER of BGDDT);</li>
 *   <li>a plan write: a PLANNER of the plan's issuer, {@code planner-<issuer>}, the issuer taken from the body's
 *       {@code issuerUnitCode} for {@code POST /plans} and from the plan id ({@code KH-<issuer>-<year>-…}) otherwise
 *       (province 30 when neither names one, e.g. a malformed body);</li>
 *   <li>any other write (units, imports, indicators): the national administrator, {@code admin} (ADMIN of BGDDT).</li>
 * </ul>
 * A request that already carries an {@code Authorization} header keeps it. Who may do what, and everything refused,
 * is tested by {@code AuthorizationMatrixIT}.
 */
public final class FittingTokens {

    private static final Pattern ISSUER_IN_BODY = Pattern.compile("\"issuerUnitCode\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ISSUER_IN_ID = Pattern.compile("^/plans/KH-(.+?)-\\d{4}-");
    private static final String DEFAULT_ISSUER = "30";

    private FittingTokens() {
    }

    /** The value of the Authorization header for {@code method} on {@code path} with {@code body} (may be null). */
    public static String bearerFor(String method, String path, String body) {
        TestIssuer issuer = TestIssuer.shared();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return issuer.bearer("viewer-BGDDT", "BGDDT", Role.VIEWER);
        }
        if (path.startsWith("/plans")) {
            String unit = planIssuer(path, body);
            return issuer.bearer("planner-" + unit, unit, Role.PLANNER);
        }
        return issuer.bearer("admin", "BGDDT", Role.ADMIN);
    }

    /** Adds {@link #bearerFor} to a MockMvc request without an Authorization header. */
    public static RequestPostProcessor fitting() {
        return request -> {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                byte[] content = request.getContentAsByteArray();
                String body = content == null ? null : new String(content, StandardCharsets.UTF_8);
                request.addHeader(HttpHeaders.AUTHORIZATION,
                        bearerFor(request.getMethod(), request.getRequestURI(), body));
            }
            return request;
        };
    }

    private static String planIssuer(String path, String body) {
        if (path.equals("/plans") || path.equals("/plans/")) {
            Matcher inBody = body == null ? null : ISSUER_IN_BODY.matcher(body);
            return inBody != null && inBody.find() ? inBody.group(1) : DEFAULT_ISSUER;
        }
        Matcher inId = ISSUER_IN_ID.matcher(path);
        return inId.find() ? inId.group(1) : DEFAULT_ISSUER;
    }
}
