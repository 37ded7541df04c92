package dev.parley.runtime.dialect.nextevi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Verifies a JWT with nimbus-jose-jwt: signed with HS256 or RS256 by one of the given keys (no other algorithm, and
 * never {@code none}), not expired (60 s clock skew), with {@code sub}. Its claims become a {@link NexteviGrant}:
 * principal {@code jwt:<sub>}, agents from {@code config_ids} (a list) or {@code config_id}, else every public one.
 */
final class JwtVerifier {
    static final String CONFIG_ID = "config_id";
    static final String CONFIG_IDS = "config_ids";

    /**
     * @throws Refusal (4001) naming what is wrong with the token
     * @throws IllegalStateException if a key cannot be used (an internal failure, not the client's)
     */
    NexteviGrant verify(String token, List<Key> keys) throws Refusal {
        if (keys.isEmpty()) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "JWT authentication is not enabled on this server; use an API key");
        }
        JWTClaimsSet claims;
        try {
            claims = processor(keys).process(token, null);
        } catch (ParseException e) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "Malformed JWT");
        } catch (ExpiredJWTException e) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "JWT expired");
        } catch (BadJWSException e) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "JWT signature is invalid");
        } catch (BadJWTException e) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "JWT rejected: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "JWT not accepted: it must be signed with HS256 or RS256 by a key this "
                    + "server has");
        } catch (JOSEException e) {
            throw new IllegalStateException("A NextEVI JWT key cannot be used: " + e.getMessage(), e);
        }
        return new NexteviGrant("jwt:" + claims.getSubject(), configIds(claims));
    }

    private static DefaultJWTProcessor<SecurityContext> processor(List<Key> keys) {
        List<JWK> jwks = new ArrayList<>();
        for (Key key : keys) {
            if (key instanceof SecretKey secret) {
                jwks.add(new OctetSequenceKey.Builder(secret).algorithm(JWSAlgorithm.HS256).build());
            } else if (key instanceof RSAPublicKey rsa) {
                jwks.add(new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.RS256).build());
            } else {
                throw new IllegalStateException("NextEVI JWT keys are SecretKeys (HS256) or RSAPublicKeys (RS256), not "
                        + key.getClass().getName());
            }
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(new JWKSet(jwks))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("exp", "sub")));
        return processor;
    }

    private static Set<String> configIds(JWTClaimsSet claims) throws Refusal {
        Refusal wrongType = new Refusal(CloseCodes.UNAUTHORIZED, "JWT claim " + CONFIG_IDS + " must be a list of strings and "
                + CONFIG_ID + " a string");
        try {
            List<String> many = claims.getStringListClaim(CONFIG_IDS);
            if (many != null) {
                if (many.contains(null)) {
                    throw wrongType;
                }
                return Set.copyOf(many);
            }
            String one = claims.getStringClaim(CONFIG_ID);
            return one == null ? Set.of() : Set.of(one);
        } catch (ParseException notStrings) {
            throw wrongType;
        }
    }
}
