package dev.cascade.platform.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token check with the JDK's Base64 decoding and keys converted once, against Nimbus's processor configured as
 * Spring Security configures it (RS256, the issuer's key set): the same claims for a valid token, and every bad token
 * refused as a bad token, including one Nimbus's lenient decoder would have let through.
 */
class JdkDecodedTokensTest {

    private static RSAKey key;
    private static RSAKey otherKey;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate(); // same key ID, another key
    }

    @Test
    void aValidTokenGivesTheClaimsNimbusGives() throws Exception {
        String token = sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT)
                .build(), claims());
        JWTClaimsSet ours = jdk(source(key)).process(JWTParser.parse(token), null);
        JWTClaimsSet theirs = nimbus(source(key)).process(JWTParser.parse(token), null);
        assertThat(ours.getClaims()).isEqualTo(theirs.getClaims());
        assertThat(ours.getSubject()).isEqualTo("reporter-10813");
        assertThat(ours.getStringClaim(Caller.UNIT_CLAIM)).isEqualTo("10813");
        assertThat(ours.getStringListClaim(Caller.ROLES_CLAIM)).containsExactly("REPORTER");
        assertThat(jdk(source(key)).process(token, null).getClaims()).isEqualTo(theirs.getClaims());
    }

    @Test
    void everyBadTokenIsRefusedAsABadToken() throws Exception {
        JWSHeader rs256 = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();
        String valid = sign(key, rs256, claims());
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + encode(payload.replace("10813", "294")) + "." + parts[2];
        String otherSigner = sign(otherKey, rs256, claims());
        String unknownKeyId = sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k2").build(), claims());
        String critical = sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .criticalParams(Set.of("cascade-extension")).customParam("cascade-extension", true).build(), claims());
        // HS256 keyed with the public key's modulus: the algorithm confusion an RS256 issuer must not fall for
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims());
        confused.sign(new MACSigner(key.getModulus().decode()));
        String unsigned = encode("{\"alg\":\"none\"}") + "." + parts[1] + ".";

        for (String bad : List.of(tampered, otherSigner, unknownKeyId, critical, confused.serialize(), unsigned)) {
            assertThatThrownBy(() -> jdk(source(key)).process(JWTParser.parse(bad), null)).as(bad)
                    .isInstanceOf(BadJOSEException.class);
            assertThatThrownBy(() -> nimbus(source(key)).process(JWTParser.parse(bad), null)).as(bad)
                    .isInstanceOf(BadJOSEException.class);
        }
    }

    @Test
    void aPartOutsideTheUrlSafeAlphabetIsRefusedThoughNimbusAloneWouldAcceptIt() throws Exception {
        String valid = sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims());
        String[] parts = valid.split("\\.");
        String strayCharacter = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "~"
                + parts[2].substring(10);
        assertThat(nimbus(source(key)).process(JWTParser.parse(strayCharacter), null).getSubject())
                .isEqualTo("reporter-10813");
        assertThatThrownBy(() -> jdk(source(key)).process(JWTParser.parse(strayCharacter), null))
                .isInstanceOf(BadJOSEException.class).hasMessageStartingWith("Malformed token");
    }

    @Test
    void eachKeyIsConvertedOnceAndARotatedKeyIsUsedAtOnce() throws Exception {
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(key.toPublicJWK()));
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(published.get());
        VerificationKeysOnce keys = new VerificationKeysOnce(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                source));
        JWSHeader k1 = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();

        List<? extends Key> first = keys.selectJWSKeys(k1, null);
        List<? extends Key> second = keys.selectJWSKeys(k1, null);
        assertThat(first).hasSize(1).first().isEqualTo(key.toRSAPublicKey());
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(keys.selectJWSKeys(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("k1").build(), null))
                .isEmpty();

        published.set(new JWKSet(List.of(key.toPublicJWK(), rotated.toPublicJWK())));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        JdkDecodedTokens tokens = new JdkDecodedTokens(processor);
        String signedByRotated = sign(rotated, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k2").build(),
                claims());
        assertThat(tokens.process(JWTParser.parse(signedByRotated), null).getSubject()).isEqualTo("reporter-10813");

        published.set(new JWKSet(rotated.toPublicJWK())); // k1 withdrawn by the issuer: its tokens fail at once
        String signedByFirst = sign(key, k1, claims());
        assertThatThrownBy(() -> tokens.process(JWTParser.parse(signedByFirst), null))
                .isInstanceOf(BadJOSEException.class);
    }

    private static JWKSource<SecurityContext> source(RSAKey publishedKey) {
        JWKSet set = new JWKSet(publishedKey.toPublicJWK());
        return (selector, context) -> selector.select(set);
    }

    /** Nimbus's processor as Spring Security's builder configures it for an RS256 issuer. */
    private static DefaultJWTProcessor<SecurityContext> nimbus(JWKSource<SecurityContext> source) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        return processor;
    }

    private static JdkDecodedTokens jdk(JWKSource<SecurityContext> source) {
        DefaultJWTProcessor<SecurityContext> processor = nimbus(source);
        processor.setJWSKeySelector(new VerificationKeysOnce(
                (JWSVerificationKeySelector<SecurityContext>) processor.getJWSKeySelector()));
        return new JdkDecodedTokens(processor);
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject("reporter-10813").issuer("http://issuer.test")
                .audience("cascade").claim(Caller.UNIT_CLAIM, "10813")
                .claim(Caller.ROLES_CLAIM, List.of("REPORTER")).claim("name", Map.of("vi", "Cán bộ xã")).build();
    }

    /** {@code claims} signed by {@code signer} under {@code header}, in compact form. */
    static String sign(RSAKey signer, JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    /** URL-safe Base64 of the UTF-8 text, without padding: a token's part. */
    static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
