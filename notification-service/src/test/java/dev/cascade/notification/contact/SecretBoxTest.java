package dev.cascade.notification.contact;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsWithAFreshNonceAndOpensOnlyUnderTheSameKeyAndContext() {
        SecretBox box = new SecretBox(KEY);
        String a = box.seal("a-webhook-secret-123", "10813|https://a.example/h");
        String b = box.seal("a-webhook-secret-123", "10813|https://a.example/h");

        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("a-webhook-secret");
        assertThat(box.open(a, "10813|https://a.example/h")).isEqualTo("a-webhook-secret-123");
        assertThatThrownBy(() -> box.open(a, "10814|https://a.example/h")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(other))
                .open(a, "10813|https://a.example/h")).hasMessageContaining("does not open");
    }

    @Test
    void aMalformedKeyStopsTheStartAndAMissingOneLeavesWebhooksUnavailable() {
        assertThatThrownBy(() -> new SecretBox("not base64 !")).hasMessageContaining("CASCADE_SECRET_KEY");
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("it has 16 bytes");
        SecretBox none = new SecretBox("");
        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.seal("x".repeat(16), "u|h")).hasMessageContaining("no cascade.notifications");
    }
}
