package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void theIssuerIsTheLocalStacksUnlessTold() {
        assertThat(Options.parse(new String[0], Map.of()).issuer()).isEqualTo("http://localhost:9000");
        assertThat(Options.parse(new String[0], Map.of("CASCADE_IDENTITY_PORT", "9100")).issuer())
                .isEqualTo("http://localhost:9100");
        assertThat(Options.parse(new String[0], Map.of("CASCADE_ISSUER_URI", " https://sso.example.gov.vn/realms/c ")).issuer())
                .isEqualTo("https://sso.example.gov.vn/realms/c");
        Options told = Options.parse(new String[] {"--issuer", "http://localhost:29005", "--token-clients", "16",
                "--baseline", "deploy/benchmark/results/20261203T211120Z.json"}, Map.of("CASCADE_ISSUER_URI", "x"));
        assertThat(told.issuer()).isEqualTo("http://localhost:29005");
        assertThat(told.tokenClients()).isEqualTo(16);
        assertThat(told.baseline()).isEqualTo(Path.of("deploy/benchmark/results/20261203T211120Z.json"));
        assertThat(Options.parse(new String[0], Map.of()).tokenClients()).isEqualTo(8);
        assertThat(Options.parse(new String[0], Map.of()).baseline()).isNull();
    }

    @Test
    void tokenClientsMustBePositive() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--token-clients", "0"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
