package dev.cascade.platform.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import javax.crypto.SecretKey;
import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nimbus's {@link JWSVerificationKeySelector}, converting each of the issuer's keys to a Java key once instead of for
 * every token. Nimbus converts the matching JSON Web Keys on every call, decoding an RSA modulus from Base64 in
 * constant time each time: about a quarter of the token check in report-service's profile. Which keys match a token
 * (algorithm allowed, key ID, use) and where they come from (the cached, refreshed key set) is still Nimbus's; a key
 * the issuer adds or rotates in is a new key, converted when first used.
 */
final class VerificationKeysOnce implements JWSKeySelector<SecurityContext> {

    /** More keys than an issuer ever publishes at once; past it the remembered ones are forgotten. */
    private static final int MAX_REMEMBERED = 64;

    private final JWSVerificationKeySelector<SecurityContext> nimbus;
    private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

    VerificationKeysOnce(JWSVerificationKeySelector<SecurityContext> nimbus) {
        this.nimbus = nimbus;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!nimbus.isAllowed(header.getAlgorithm())) {
            return List.of();
        }
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        List<JWK> matching = nimbus.getJWKSource().get(new JWKSelector(matcher), context);
        List<Key> keys = new ArrayList<>();
        for (JWK jwk : matching) {
            List<Key> javaKeys = converted.get(jwk);
            if (javaKeys == null) {
                if (converted.size() >= MAX_REMEMBERED) {
                    converted.clear();
                }
                javaKeys = verificationKeys(jwk);
                converted.put(jwk, javaKeys);
            }
            keys.addAll(javaKeys);
        }
        return keys;
    }

    /** What Nimbus's selector takes from a key: its public or secret Java keys; none when it cannot be converted. */
    private static List<Key> verificationKeys(JWK jwk) {
        return KeyConverter.toJavaKeys(List.of(jwk)).stream()
                .filter(key -> key instanceof PublicKey || key instanceof SecretKey).toList();
    }
}
