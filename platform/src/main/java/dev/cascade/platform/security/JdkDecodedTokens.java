package dev.cascade.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTProcessor;

import java.text.ParseException;
import java.util.Base64;

/**
 * Nimbus's token processor, given a signed token whose parts are decoded by the JDK's Base64 decoder. Nimbus decodes
 * every Base64 value in constant time, a defence meant for secret key material; for a token, whose parts travel in the
 * clear in the request, it only costs: in report-service's profile of the benchmark's burst (each commune submits once
 * with its own token) that decoding was a fifth of all the service's CPU. Everything that decides whether a token is
 * valid stays Nimbus's: the algorithms allowed, the key selection, critical header parameters, the signature check and
 * the claims. A part the JDK's decoder does not accept (characters outside the URL-safe alphabet) fails the token as
 * malformed, where Nimbus's lenient decoder would have skipped them.
 */
final class JdkDecodedTokens implements JWTProcessor<SecurityContext> {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JWTProcessor<SecurityContext> nimbus;

    JdkDecodedTokens(JWTProcessor<SecurityContext> nimbus) {
        this.nimbus = nimbus;
    }

    @Override
    public JWTClaimsSet process(String token, SecurityContext context)
            throws ParseException, BadJOSEException, JOSEException {
        return process(JWTParser.parse(token), context);
    }

    @Override
    public JWTClaimsSet process(JWT token, SecurityContext context) throws BadJOSEException, JOSEException {
        if (token instanceof SignedJWT signed) {
            return process(signed, context);
        }
        return nimbus.process(token, context); // unsigned or encrypted: Nimbus judges it (and refuses it here)
    }

    @Override
    public JWTClaimsSet process(PlainJWT token, SecurityContext context) throws BadJOSEException, JOSEException {
        return nimbus.process(token, context);
    }

    @Override
    public JWTClaimsSet process(SignedJWT token, SecurityContext context) throws BadJOSEException, JOSEException {
        Base64URL[] parts = token.getParsedParts();
        if (parts == null || parts.length != 3) {
            return nimbus.process(token, context); // not parsed from a string: nothing to decode
        }
        if (parts[0] instanceof JdkBase64URL && parts[1] instanceof JdkBase64URL && parts[2] instanceof JdkBase64URL) {
            return nimbus.process(token, context); // parsed by parse(String): decoded already
        }
        SignedJWT decodedByJdk;
        try {
            decodedByJdk = new SignedJWT(new JdkBase64URL(parts[0]), new JdkBase64URL(parts[1]),
                    new JdkBase64URL(parts[2]));
        } catch (ParseException | IllegalArgumentException e) {
            throw new BadJWTException("Malformed token: " + e.getMessage(), e);
        }
        return nimbus.process(decodedByJdk, context);
    }

    /**
     * A signed token in compact form (three parts), each part decoded once by the JDK's decoder, the header and the
     * claims parsed by Nimbus as {@code JWTParser} would.
     *
     * @throws ParseException when it is not three URL-safe Base64 parts with a JWS header and a JSON payload
     */
    static SignedJWT parse(String token) throws ParseException {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new ParseException("not a signed token of three parts", 0);
        }
        try {
            return new SignedJWT(new JdkBase64URL(token.substring(0, first)),
                    new JdkBase64URL(token.substring(first + 1, second)), new JdkBase64URL(token.substring(second + 1)));
        } catch (IllegalArgumentException e) {
            throw new ParseException("Malformed token: " + e.getMessage(), 0);
        }
    }

    @Override
    public JWTClaimsSet process(EncryptedJWT token, SecurityContext context) throws BadJOSEException, JOSEException {
        return nimbus.process(token, context);
    }

    /**
     * A Base64URL value decoded by the JDK's decoder when it is made (so that a malformed part fails the token as
     * malformed before Nimbus looks at it), which Nimbus then reads wherever it decodes it.
     */
    static final class JdkBase64URL extends Base64URL {

        private final byte[] decoded;

        /** @throws IllegalArgumentException when the value is not URL-safe Base64 */
        JdkBase64URL(Base64URL value) {
            this(value.toString());
        }

        /** @throws IllegalArgumentException when the value is not URL-safe Base64 */
        JdkBase64URL(String value) {
            super(value);
            decoded = DECODER.decode(value);
        }

        @Override
        public byte[] decode() {
            return decoded.clone();
        }
    }
}
