package dev.cascade.platform.web;

import java.net.URI;
import java.util.Locale;

/**
 * The problem types every service shares ({@code type} of an RFC 9457 problem document), and the cut applied to
 * anything a refusal echoes. A service adds its own types under the same prefix.
 */
public final class ProblemBodies {

    /** Every Cascade problem type starts with this. */
    public static final String TYPE_PREFIX = "urn:cascade:problem:";
    /** The longest text a problem document repeats from the input (detail, messages). */
    public static final int MAX_ECHO = 200;

    private ProblemBodies() {
    }

    /** {@code urn:cascade:problem:<kind>}. */
    public static URI type(String kind) {
        return URI.create(TYPE_PREFIX + kind);
    }

    /** The type of a refusal that has no more specific one, from its HTTP status. */
    public static URI typeOf(int status) {
        return type(switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "body-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "invalid-content";
            case 431 -> "headers-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server-error" : "refused-" + status;
        });
    }

    /** {@code text} cut to {@link #MAX_ECHO} characters (an ellipsis marks the cut). */
    public static String cut(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        int end = MAX_ECHO;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
