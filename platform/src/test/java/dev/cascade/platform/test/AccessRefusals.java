package dev.cascade.platform.test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's authorization matrix asserts on a refused caller, whatever the endpoint: a 401 is a problem
 * of type {@code unauthenticated} with a {@code Bearer} challenge, any other refusal one of type {@code forbidden}
 * naming the rule the caller failed.
 */
public final class AccessRefusals {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessRefusals() {
    }

    /**
     * Asserts the refusal answered with {@code status}, its {@code WWW-Authenticate} header (null when there is none)
     * and its problem document {@code body}.
     */
    public static void assertRefusal(int status, String wwwAuthenticate, String body) {
        JsonNode problem = JSON.readTree(body);
        if (status == 401) {
            assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:unauthenticated");
            assertThat(wwwAuthenticate).startsWith("Bearer");
        } else {
            assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:forbidden");
            assertThat(problem.path("rule").asString()).as(body).isNotBlank();
        }
    }
}
