package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.runtime.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With API keys configured: where keys are read from, the seed's codes for each refusal, and the per-key session limit. */
class PlayaiAuthTest {
    static final String KEY = "pk_all";
    static final String VAULT_KEY = "pk_vault";

    @RegisterExtension
    static final TestServer SERVER = new TestServer().with(Map.of(
            "parley.playai.api-keys", KEY + "," + VAULT_KEY + ":vault",
            "parley.playai.sessions-per-key", "2"));

    private static String setupWithKey(String key) {
        return PlayaiTestClient.setup(Map.of("apiKey", key));
    }

    private static void refused(PlayaiTestClient client, String setup, int code, String message, int closeCode) {
        try (client) {
            client.send(setup);
            assertEquals(message, client.awaitError(code, true).path("message").asText());
            PlayaiBadInputTest.assertClosedWith(client, closeCode, message);
        }
    }

    @Test
    void aValidKeyInTheSetupStartsTheConversation() {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", setupWithKey(KEY))) {
            assertEquals("Hi there", client.greeting());
        }
    }

    @Test
    void aBearerHeaderOrTheApiKeyQueryParameterAlsoCarriesTheKey() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "/v1/talk/scripted",
                Map.of("Authorization", "Bearer " + KEY))) {
            client.send(PlayaiTestClient.SDK_SETUP);
            client.await("init");
        }
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "/v1/talk/scripted?apiKey=" + KEY, Map.of())) {
            client.send(PlayaiTestClient.SDK_SETUP);
            client.await("init");
        }
    }

    @Test
    void noKeyIs4401() {
        refused(PlayaiTestClient.connect(SERVER.port(), "scripted"), PlayaiTestClient.SDK_SETUP, 4401,
                "Unauthorized. Send an API key: setup's apiKey, the apiKey query parameter or an Authorization: Bearer header",
                4401);
    }

    @Test
    void aWrongSetupKeyIs1003InvalidCredentials() {
        refused(PlayaiTestClient.connect(SERVER.port(), "scripted"), setupWithKey("pk_wrong"), 1003,
                "Invalid authorization credentials. The apiKey is not valid", 1008);
    }

    @Test
    void aWrongBearerTokenIs1001InvalidToken() {
        refused(PlayaiTestClient.connect(SERVER.port(), "/v1/talk/scripted", Map.of("Authorization", "Bearer pk_wrong")),
                PlayaiTestClient.SDK_SETUP, 1001, "Invalid authorization token. The key in the request is not valid", 1008);
    }

    @Test
    void aKeyLimitedToAnotherAgentIs4401AndReachesItsOwnPrivateAgent() {
        refused(PlayaiTestClient.connect(SERVER.port(), "scripted"), setupWithKey(VAULT_KEY), 4401,
                "Unauthorized. This key does not grant agent 'scripted'", 4401);
        refused(PlayaiTestClient.connect(SERVER.port(), "vault"), setupWithKey(KEY), 4401,
                "Unauthorized. This key does not grant agent 'vault'", 4401);
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "vault", setupWithKey(VAULT_KEY))) {
            assertEquals("Vault open", client.greeting());
        }
    }

    @Test
    void sessionsBeyondTheKeysLimitAre4429UntilOneEnds() throws Exception {
        List<PlayaiTestClient> open = new ArrayList<>();
        try {
            open.add(PlayaiTestClient.started(SERVER.port(), "scripted", setupWithKey(KEY)));
            open.add(PlayaiTestClient.started(SERVER.port(), "scripted", setupWithKey(KEY)));
            refused(PlayaiTestClient.connect(SERVER.port(), "scripted"), setupWithKey(KEY), 4429,
                    "You have reached the maximum number of concurrent connections allowed. This key has 2 conversations open",
                    4429);
            open.remove(0).close();
            for (int attempt = 0; ; attempt++) {
                // the slot is given back when the server sees the close, a moment after the client sends it
                try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
                    client.send(setupWithKey(KEY));
                    if (client.frames().next().path("type").asText().equals("init") || attempt == 20) {
                        assertEquals("Hi there", client.greeting());
                        break;
                    }
                }
                Thread.sleep(50);
            }
        } finally {
            open.forEach(PlayaiTestClient::close);
        }
    }
}
