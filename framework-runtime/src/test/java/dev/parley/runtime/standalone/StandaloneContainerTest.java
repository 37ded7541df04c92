package dev.parley.runtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.testing.XunaTestClient;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher's three containers ({@code parley.container}): each binds only the host given, takes frames up to
 * Parley's limit (above Jetty's own 64 KiB frame default) and refuses larger ones with Parley's 1009 reason.
 * Everything else is proven by running the server tests on each (the e2e profile's {@code on-jetty} and
 * {@code on-undertow} executions).
 */
class StandaloneContainerTest {
    private static final int LIMIT = 1 << 20;

    private static ParleyServer start(String container) {
        return ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of(
                "parley.speech", "off", "parley.container", container, "parley.max-frame-bytes", String.valueOf(LIMIT))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tyrus", "jetty", "undertow"})
    void aLargeFrameUnderTheLimitReachesTheAgentWhole(String container) {
        try (ParleyServer server = start(container); XunaTestClient client = XunaTestClient.initiated(server.port(), "scripted")) {
            client.agentResponse();
            // over Jetty's 64 KiB frame default, under XUNA's 100,000-character limit for a typed message
            String text = "a".repeat(90_000);
            client.userMessage(text);
            assertEquals(text, client.await("user_transcript").path("user_transcription_event").path("user_transcript").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tyrus", "jetty", "undertow"})
    void aFrameOverTheLimitClosesWith1009AndParleysReason(String container) {
        try (ParleyServer server = start(container); XunaTestClient client = XunaTestClient.initiated(server.port(), "scripted")) {
            client.agentResponse();
            client.userMessage("a".repeat(LIMIT + 100));
            CloseReason closed = client.awaitClose();
            assertEquals(1009, closed.getCloseCode().getCode(), closed::toString);
            assertTrue(closed.getReasonPhrase().contains("exceeds the limit of " + LIMIT), closed::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tyrus", "jetty", "undertow"})
    void onlyTheGivenHostIsBound(String container) throws Exception {
        try (ParleyServer server = start(container)) {
            HttpClient http = HttpClient.newHttpClient();
            WebSocket.Listener quiet = new WebSocket.Listener() { };
            // another loopback address on the same port: refused, since only 127.0.0.1 is bound
            CompletionException refused = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.2:" + server.port() + "/v1/convai/conversation?agent_id=scripted"), quiet)
                    .join());
            assertTrue(refused.getCause() instanceof java.net.ConnectException, refused::toString);
            WebSocket bound = http.newWebSocketBuilder().subprotocols("convai")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id=scripted"), quiet)
                    .get(10, TimeUnit.SECONDS);
            assertEquals("convai", bound.getSubprotocol());
            bound.abort();
        }
    }

    @Test
    void anUnknownContainerIsNamedInTheError() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> start("netty"));
        assertTrue(failure.getMessage().contains("parley.container is tyrus, jetty or undertow, not 'netty'"), failure::getMessage);
    }
}
