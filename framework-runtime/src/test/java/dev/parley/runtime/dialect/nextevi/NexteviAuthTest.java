package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who gets in: API keys, HS256 and RS256 JWTs in the query or the header, and the close code of every refusal
 * (4001 unauthenticated, 4002 unknown config, 4003 not allowed, 1011 when the credential store fails).
 */
class NexteviAuthTest {
    @RegisterExtension
    static final NexteviServer SERVER = new NexteviServer();

    private static NexteviTestClient connect(String query) {
        return NexteviTestClient.connect(SERVER.port(), query);
    }

    /** Admitted: metadata, then the greeting once settings are sent. */
    private static void assertAdmitted(NexteviTestClient client, String greeting) {
        client.await("connection_metadata");
        client.send(NexteviTestClient.SDK_SETTINGS);
        client.awaitStatus("ready");
        assertEquals(greeting, client.agentResponse());
    }

    @Test
    void anApiKeyInTheQuery() {
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.API_KEY + "&config_id=scripted")) {
            assertAdmitted(client, "Hi there");
        }
    }

    @Test
    void anHs256JwtInTheQueryAsTheSdkSendsIt() {
        String jwt = NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of());
        try (NexteviTestClient client = connect("authorization=Bearer+" + jwt + "&config_id=scripted&project_id=p1")) {
            assertAdmitted(client, "Hi there");
        }
    }

    @Test
    void anRs256JwtInTheAuthorizationHeader() {
        String jwt = NexteviServer.rs256("bob", Duration.ofMinutes(5), Map.of("config_id", "vault"));
        try (NexteviTestClient client = NexteviTestClient.connect(SERVER.port(), NexteviTestClient.sdkConnectionId(),
                "config_id=vault", Map.of("Authorization", "Bearer " + jwt))) {
            assertAdmitted(client, "Vault open");
        }
    }

    @Test
    void noCredentialIs4001() {
        try (NexteviTestClient client = connect("config_id=scripted")) {
            client.assertClosed(4001, "Missing credentials: pass api_key=oak_... or a JWT as authorization=Bearer ... "
                    + "(or in the Authorization header)");
            assertEquals(List.of(), client.history());
        }
    }

    @Test
    void anUnknownApiKeyIs4001() {
        try (NexteviTestClient client = connect("api_key=oak_guessed&config_id=scripted")) {
            client.assertClosed(4001, "Invalid API key");
        }
        try (NexteviTestClient client = connect("api_key=sk_live_1&config_id=scripted")) {
            client.assertClosed(4001, "Invalid API key: NextEVI API keys start with oak_");
        }
    }

    @Test
    void authenticationComesBeforeTheConfigSoStrangersLearnNoConfigs() {
        try (NexteviTestClient client = connect("api_key=oak_guessed&config_id=nobody")) {
            client.assertClosed(4001, "Invalid API key");
        }
    }

    @Test
    void aMissingConfigIs4002() {
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.API_KEY)) {
            client.assertClosed(4002, "Missing config_id query parameter");
        }
    }

    @Test
    void aKeyLimitedToOtherAgentsIs4003() {
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.STREAMING_ONLY_KEY + "&config_id=scripted")) {
            client.assertClosed(4003, "This credential may not use config 'scripted'");
        }
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.STREAMING_ONLY_KEY + "&config_id=streaming")) {
            client.await("connection_metadata");
        }
    }

    @Test
    void aPrivateAgentNeedsACredentialThatNamesIt() {
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.API_KEY + "&config_id=vault")) {
            client.assertClosed(4003, "Config 'vault' is private: it needs a credential that names it");
        }
        String jwt = NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of());
        try (NexteviTestClient client = connect("authorization=Bearer+" + jwt + "&config_id=vault")) {
            client.assertClosed(4003, "Config 'vault' is private: it needs a credential that names it");
        }
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.VAULT_KEY + "&config_id=vault")) {
            assertAdmitted(client, "Vault open");
        }
    }

    @Test
    void aJwtListingAgentsReachesOnlyThose() {
        String jwt = NexteviServer.hs256("cy", Duration.ofMinutes(5), Map.of("config_ids", List.of("streaming", "slow")));
        try (NexteviTestClient client = connect("authorization=Bearer+" + jwt + "&config_id=scripted")) {
            client.assertClosed(4003, "This credential may not use config 'scripted'");
        }
        try (NexteviTestClient client = connect("authorization=Bearer+" + jwt + "&config_id=slow")) {
            client.await("connection_metadata");
        }
    }

    @Test
    void aFailingCredentialStoreIsAnInternalError1011() {
        try (NexteviTestClient client = connect("api_key=" + FailingCredentials.UNAVAILABLE_KEY + "&config_id=scripted")) {
            var close = client.awaitClose();
            assertEquals(1011, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().matches("Internal error \\(ref [0-9a-f]{8}\\)"), close::getReasonPhrase);
        }
        try (NexteviTestClient client = connect("api_key=" + NexteviServer.API_KEY + "&config_id=scripted")) {
            assertAdmitted(client, "Hi there");
        }
    }
}
