package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each limit, set low, and what exceeding it does. Each test uses its own API key, so their counts stay apart. */
class NexteviLimitsTest {
    private static final int CHUNK_LIMIT = 4096;

    @RegisterExtension
    static final NexteviServer SERVER = new NexteviServer(Map.of(
            "parley.nextevi.api-keys", "oak_chunks,oak_rate,oak_concurrent,oak_keyrate,oak_other",
            "parley.nextevi.max-chunk-bytes", String.valueOf(CHUNK_LIMIT),
            "parley.nextevi.max-messages-per-second", "20",
            "parley.nextevi.max-sessions-per-key", "2",
            "parley.nextevi.connections-per-key-per-minute", "5",
            "parley.nextevi.connections-per-ip-per-minute", "4"));

    private final List<NexteviTestClient> opened = new ArrayList<>();
    private Recorder recorder;

    @BeforeEach
    void freshRecorder() {
        recorder = SERVER.recorder();
        recorder.drain();
    }

    @AfterEach
    void closeClients() {
        opened.forEach(NexteviTestClient::close);
    }

    /** A client the test keeps open; closed after the test. */
    private NexteviTestClient open(NexteviTestClient client) {
        opened.add(client);
        return client;
    }

    private static NexteviTestClient connect(String apiKey) {
        return NexteviTestClient.connect(SERVER.port(), "api_key=" + apiKey + "&config_id=scripted");
    }

    /** Connected with {@code apiKey}, settings sent, greeting heard. */
    private static NexteviTestClient ready(String apiKey) {
        NexteviTestClient client = connect(apiKey);
        client.await("connection_metadata");
        client.send(NexteviTestClient.SDK_SETTINGS);
        client.awaitStatus("ready");
        client.agentResponse();
        client.awaitStatus("ready");
        return client;
    }

    @Test
    void aBinaryChunkOverTheLimitGetsAnErrorThenCloses1009() throws Exception {
        try (NexteviTestClient client = ready("oak_chunks")) {
            client.sendBinary(new byte[CHUNK_LIMIT + 2]);
            JsonNode error = client.await("error");
            assertEquals("AUDIO_CHUNK_TOO_LARGE", error.path("error_code").asText());
            assertEquals("An audio chunk of 4098 bytes exceeds the limit of 4096", error.path("error_message").asText());
            assertEquals("{\"bytes\":4098,\"limit\":4096}", error.path("details").toString());
            client.assertClosed(1009, "An audio chunk of 4098 bytes exceeds the limit of 4096");
            recorder.await("ended:ERROR:1009");
        }
    }

    @Test
    void aJsonChunkOverTheLimitGetsAnErrorNamingItThenCloses1009() throws Exception {
        String audio = Base64.getEncoder().encodeToString(new byte[CHUNK_LIMIT + 2]);
        try (NexteviTestClient client = ready("oak_chunks")) {
            client.send("{\"type\":\"audio_input\",\"data\":{\"audio\":\"" + audio + "\",\"chunk_id\":\"chunk-9\"}}");
            JsonNode error = client.await("error");
            assertEquals("AUDIO_CHUNK_TOO_LARGE", error.path("error_code").asText());
            assertEquals("{\"chunk_id\":\"chunk-9\",\"bytes\":4098,\"limit\":4096}", error.path("details").toString());
            client.assertClosed(1009, "An audio chunk of 4098 bytes exceeds the limit of 4096");
        }
    }

    @Test
    void moreMessagesPerSecondThanAllowedGetAnErrorThenClose4004() throws Exception {
        try (NexteviTestClient client = ready("oak_rate")) {
            sendUntilRefused(client, 30, "{\"type\":\"keep_alive\"}");
            JsonNode error = client.await("error");
            assertEquals("RATE_LIMIT_EXCEEDED", error.path("error_code").asText());
            assertEquals("More than 20 messages per second", error.path("error_message").asText());
            client.assertClosed(4004, "More than 20 messages per second");
            recorder.await("ended:ERROR:4004");
        }
    }

    /** Sends {@code frame} up to {@code times} times, stopping when the server has closed the connection. */
    private static void sendUntilRefused(NexteviTestClient client, int times, String frame) {
        try {
            for (int i = 0; i < times; i++) {
                client.send(frame);
            }
        } catch (UncheckedIOException | IllegalStateException closed) {
            // the close is what the test checks next
        }
    }

    @Test
    void concurrentSessionsPerKeyAreCappedAndFreedHoweverTheyEnd() throws Exception {
        NexteviTestClient first = open(ready("oak_concurrent"));
        NexteviTestClient second = open(ready("oak_concurrent"));
        open(connect("oak_concurrent")).assertClosed(4004, "Too many concurrent sessions with this credential: the limit is 2");
        first.close();
        recorder.await("ended:CLIENT_CLOSED:1000");
        open(ready("oak_concurrent"));
        second.send("not json");
        assertEquals(1002, second.awaitClose().getCloseCode().getCode());
        recorder.await("ended:ERROR:1002");
        open(connect("oak_concurrent")).await("connection_metadata");
    }

    @Test
    void connectionsPerKeyPerMinuteAreCapped() {
        for (int i = 0; i < 5; i++) {
            try (NexteviTestClient client = connect("oak_keyrate")) {
                client.await("connection_metadata");
            }
        }
        try (NexteviTestClient client = connect("oak_keyrate")) {
            client.assertClosed(4004, "Too many connections with this credential: the limit is 5 per minute");
        }
        try (NexteviTestClient client = connect("oak_other")) {
            client.await("connection_metadata");
        }
    }

    @Test
    void connectionsPerAddressPerMinuteAreCappedWhateverTheCredential() {
        for (int i = 0; i < 4; i++) {
            try (NexteviTestClient client = fromAddress("203.0.113.9", "subject-" + i)) {
                client.await("connection_metadata");
            }
        }
        try (NexteviTestClient client = fromAddress("203.0.113.9", "subject-4")) {
            client.assertClosed(4004, "Too many connections from this address: the limit is 4 per minute");
        }
        try (NexteviTestClient client = fromAddress("203.0.113.10", "subject-5")) {
            client.await("connection_metadata");
        }
    }

    /** A client behind a proxy that names its address, with a JWT of its own (so no per-key limit interferes). */
    private static NexteviTestClient fromAddress(String address, String subject) {
        String jwt = NexteviServer.hs256(subject, Duration.ofMinutes(5), Map.of());
        return NexteviTestClient.connect(SERVER.port(), NexteviTestClient.sdkConnectionId(), "config_id=scripted",
                Map.of("Authorization", "Bearer " + jwt, "X-Forwarded-For", address + ", 10.0.0.1"));
    }
}
