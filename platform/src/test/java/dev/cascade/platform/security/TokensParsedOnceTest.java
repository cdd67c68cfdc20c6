package dev.cascade.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.cascade.platform.security.JdkDecodedTokensTest.encode;
import static dev.cascade.platform.security.JdkDecodedTokensTest.sign;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The decoder that parses a token once against Spring Security's own decoder with the same processor and validators
 * (as {@code CascadeSecurity} configures them): the same {@link Jwt} for a valid token, checked once; for every bad
 * token the same exception with the same message, Spring's decoder's own.
 */
class TokensParsedOnceTest {

    private static final String ISSUER = "http://issuer.test";
    private static RSAKey key;
    private static RSAKey otherKey;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @Test
    void aValidTokenIsTheJwtSpringBuildsCheckedOnce() throws Exception {
        Instant now = Instant.now();
        String token = sign(key, header(), claims(now.plusSeconds(300), "cascade"));
        Counting counting = new Counting(processor());

        Jwt ours = TokensParsedOnce.of(counting, validator()).decode(token);
        assertThat(counting.calls).as("the token is checked once").hasValue(1);
        Jwt theirs = spring(processor()).decode(token);

        assertThat(ours.getTokenValue()).isEqualTo(theirs.getTokenValue());
        assertThat(ours.getHeaders()).isEqualTo(theirs.getHeaders()).containsEntry("kid", "k1");
        assertThat(ours.getClaims()).isEqualTo(theirs.getClaims());
        assertThat(ours.getIssuedAt()).isEqualTo(theirs.getIssuedAt()).isNotNull();
        assertThat(ours.getExpiresAt()).isEqualTo(theirs.getExpiresAt()).isNotNull();
        assertThat(ours.getSubject()).isEqualTo("reporter-10813");
        assertThat(ours.getAudience()).containsExactly("cascade");
        assertThat(ours.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(ours.getClaimAsStringList(Caller.ROLES_CLAIM)).containsExactly("REPORTER");
        assertThat(Caller.of(ours)).isEqualTo(Caller.of(theirs));
    }

    @Test
    void everyBadTokenIsRefusedWithSpringsOwnExceptionAndMessage() throws Exception {
        Instant now = Instant.now();
        String valid = sign(key, header(), claims(now.plusSeconds(300), "cascade"));
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("tampered", parts[0] + "." + encode(payload.replace("10813", "294")) + "." + parts[2]);
        bad.put("another signer", sign(otherKey, header(), claims(now.plusSeconds(300), "cascade")));
        bad.put("expired", sign(key, header(), claims(now.minusSeconds(3600), "cascade")));
        bad.put("another audience", sign(key, header(), claims(now.plusSeconds(300), "somebody-else")));
        bad.put("unsigned", encode("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        bad.put("two parts", parts[0] + "." + parts[1]);
        bad.put("five parts", valid + ".a.b");
        bad.put("a stray character", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "~"
                + parts[2].substring(10));
        bad.put("not a token", "bonjour");
        bad.put("a header that is not JSON", encode("alg=RS256") + "." + parts[1] + "." + parts[2]);

        for (Map.Entry<String, String> token : bad.entrySet()) {
            Counting counting = new Counting(processor());
            Throwable ours = catchThrowable(() -> TokensParsedOnce.of(counting, validator()).decode(token.getValue()));
            Throwable theirs = catchThrowable(() -> spring(processor()).decode(token.getValue()));

            assertThat(theirs).as(token.getKey()).isNotNull();
            assertThat(ours).as(token.getKey()).isNotNull().hasSameClassAs(theirs)
                    .hasMessage(theirs.getMessage());
            assertThat(counting.calls.get()).as(token.getKey() + ": checked here, then by Spring's decoder")
                    .isLessThanOrEqualTo(2);
        }
    }

    private static JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build();
    }

    private static JWTClaimsSet claims(Instant expires, String audience) {
        return new JWTClaimsSet.Builder().subject("reporter-10813").issuer(ISSUER).audience(audience)
                .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires))
                .claim(Caller.UNIT_CLAIM, "10813").claim(Caller.ROLES_CLAIM, List.of("REPORTER"))
                .claim("name", "Cán bộ xã").build();
    }

    /** The processor as {@code CascadeSecurity} gives it to the decoder: Spring's for an RS256 issuer, JDK-decoded. */
    private static JWTProcessor<SecurityContext> processor() {
        JWKSet set = new JWKSet(key.toPublicJWK());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new VerificationKeysOnce(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                (selector, context) -> selector.select(set))));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        return new JdkDecodedTokens(processor);
    }

    /** The validators {@code CascadeSecurity} configures: Spring's defaults with the issuer, and the audience. */
    private static OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<List<String>>("aud", audience -> audience != null
                        && audience.contains("cascade")));
    }

    private static NimbusJwtDecoder spring(JWTProcessor<SecurityContext> processor) {
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator());
        return decoder;
    }

    /** A processor that counts the tokens it is given. */
    private static final class Counting implements JWTProcessor<SecurityContext> {
        private final JWTProcessor<SecurityContext> processor;
        private final AtomicInteger calls = new AtomicInteger();

        Counting(JWTProcessor<SecurityContext> processor) {
            this.processor = processor;
        }

        @Override
        public JWTClaimsSet process(String token, SecurityContext context) throws java.text.ParseException,
                BadJOSEException, JOSEException {
            calls.incrementAndGet();
            return processor.process(token, context);
        }

        @Override
        public JWTClaimsSet process(JWT token, SecurityContext context) throws BadJOSEException, JOSEException {
            calls.incrementAndGet();
            return processor.process(token, context);
        }

        @Override
        public JWTClaimsSet process(PlainJWT token, SecurityContext context) throws BadJOSEException, JOSEException {
            calls.incrementAndGet();
            return processor.process(token, context);
        }

        @Override
        public JWTClaimsSet process(SignedJWT token, SecurityContext context) throws BadJOSEException, JOSEException {
            calls.incrementAndGet();
            return processor.process(token, context);
        }

        @Override
        public JWTClaimsSet process(EncryptedJWT token, SecurityContext context) throws BadJOSEException,
                JOSEException {
            calls.incrementAndGet();
            return processor.process(token, context);
        }
    }
}
