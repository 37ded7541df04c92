package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.spi.Handshake;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the credential a NextEVI client presents and checks it: a JWT ({@code ?authorization=Bearer ...}, which
 * browsers must use, or the {@code Authorization} header) wins over {@code ?api_key=oak_...}.
 */
final class Authentication {
    /** The SDK builds the query with URLSearchParams, so the space may still be a {@code +} if the container leaves it. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer[ +]+(\\S+)");

    private final JwtVerifier jwts = new JwtVerifier();

    /**
     * The grant of the client's credential, or empty when {@code credentials} require none.
     *
     * @throws Refusal (4001) when the credential is missing or not valid
     */
    Optional<NexteviGrant> authenticate(Handshake handshake, NexteviCredentials credentials) throws Refusal {
        if (!credentials.required()) {
            return Optional.empty();
        }
        Optional<String> authorization = handshake.query("authorization").or(() -> handshake.header("authorization"));
        if (authorization.isPresent()) {
            Matcher bearer = BEARER.matcher(authorization.get().strip());
            if (!bearer.matches()) {
                throw new Refusal(CloseCodes.UNAUTHORIZED, "Authorization must be \"Bearer <JWT>\"");
            }
            return Optional.of(jwts.verify(bearer.group(1), credentials.jwtKeys()));
        }
        Optional<String> apiKey = handshake.query("api_key");
        if (apiKey.isEmpty()) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "Missing credentials: pass api_key=oak_... or a JWT as "
                    + "authorization=Bearer ... (or in the Authorization header)");
        }
        if (!apiKey.get().startsWith(SettingsCredentials.KEY_PREFIX)) {
            throw new Refusal(CloseCodes.UNAUTHORIZED, "Invalid API key: NextEVI API keys start with "
                    + SettingsCredentials.KEY_PREFIX);
        }
        return Optional.of(credentials.apiKey(apiKey.get())
                .orElseThrow(() -> new Refusal(CloseCodes.UNAUTHORIZED, "Invalid API key")));
    }
}
