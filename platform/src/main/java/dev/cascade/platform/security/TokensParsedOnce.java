package dev.cascade.platform.security;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spring Security's {@link NimbusJwtDecoder} for a token it accepts, with the token parsed once. Spring's decoder
 * parses every token with Nimbus's {@code JWTParser} (its constant-time Base64 decoding and the header's and payload's
 * JSON) only to hand it to the processor, which parses it again ({@link JdkDecodedTokens}): in report-service's profile
 * of the national burst that first parse took about 65 of the 236 samples of the token check. Here a signed token is
 * parsed once ({@link JdkDecodedTokens#parse}), checked by the same processor, given the same claims (Spring's default
 * claim conversion) and the same validators, and built into the {@link Jwt} Spring's decoder builds.
 *
 * <p>Anything else is Spring's decoder's to judge, so that every refusal is exactly its own (the exception, its
 * message, a bad token's 401 or an unreachable issuer's failure): a token that is not three parts of URL-safe Base64
 * with a JWS header, a signature or key that fails, claims that fail a validator. Such a token is checked twice; a
 * valid one once.
 */
final class TokensParsedOnce implements JwtDecoder {

    private final JWTProcessor<SecurityContext> processor;
    private final OAuth2TokenValidator<Jwt> validator;
    private final JwtDecoder spring;
    private final Converter<Map<String, Object>, Map<String, Object>> claims =
            MappedJwtClaimSetConverter.withDefaults(Collections.emptyMap());

    /**
     * @param processor the processor Spring's decoder uses ({@link JdkDecodedTokens} over Nimbus's)
     * @param validator the validators Spring's decoder is given
     * @param spring    Spring's decoder with that processor and those validators: the judge of every token not
     *                  accepted here
     */
    TokensParsedOnce(JWTProcessor<SecurityContext> processor, OAuth2TokenValidator<Jwt> validator, JwtDecoder spring) {
        this.processor = processor;
        this.validator = validator;
        this.spring = spring;
    }

    /** Spring's decoder for {@code processor} with {@code validator}, parsing each token it accepts once. */
    static TokensParsedOnce of(JWTProcessor<SecurityContext> processor, OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder spring = new NimbusJwtDecoder(processor);
        spring.setJwtValidator(validator);
        return new TokensParsedOnce(processor, validator, spring);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt accepted = acceptedOnce(token);
        return accepted != null ? accepted : spring.decode(token);
    }

    /** The token as Spring's decoder builds it, or {@code null} when it is not one this accepts on its own. */
    private Jwt acceptedOnce(String token) {
        try {
            SignedJWT signed = JdkDecodedTokens.parse(token);
            JWTClaimsSet verified = processor.process(signed, null);
            Map<String, Object> headers = new LinkedHashMap<>(signed.getHeader().toJSONObject());
            Map<String, Object> converted = claims.convert(verified.getClaims());
            Jwt jwt = Jwt.withTokenValue(token).headers(h -> h.putAll(headers)).claims(c -> c.putAll(converted))
                    .build();
            return validator.validate(jwt).hasErrors() ? null : jwt;
        } catch (Exception refused) {
            return null;
        }
    }
}
