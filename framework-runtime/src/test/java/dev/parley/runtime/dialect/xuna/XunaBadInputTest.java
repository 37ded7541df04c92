package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.TestServer;
import dev.parley.runtime.testing.XunaTestClient;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a clear XUNA error (or the documented close), the session goes on where it can, and other
 * sessions never notice.
 */
class XunaBadInputTest {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    private Recorder recorder;
    private XunaTestClient bystander;

    @BeforeEach
    void bystanderInConversation() {
        recorder = SERVER.recorder();
        recorder.drain();
        bystander = XunaTestClient.initiated(SERVER.port(), "scripted");
        bystander.agentResponse();
    }

    @org.junit.jupiter.api.AfterEach
    void bystanderStillServed() {
        bystander.userMessage("unaffected?");
        assertEquals("You said: unaffected?", bystander.agentResponse());
        bystander.close();
    }

    /** Sends {@code frame} to a fresh conversation, expects an error of {@code type}, then a normal answer. */
    private JsonNode errorThenRecovery(String frame, String type) {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.send(frame);
            JsonNode error = client.await("error").path("error_event");
            assertEquals(type, error.path("error_type").asText(), error::toString);
            client.userMessage("after");
            assertEquals("You said: after", client.agentResponse());
            return error;
        }
    }

    @Test
    void malformedJson() {
        JsonNode error = errorThenRecovery("{\"type\":\"user_message\",", "invalid_message");
        assertTrue(error.path("message").asText().startsWith("Malformed JSON: "), error::toString);
    }

    @Test
    void jsonThatIsNotAnObject() {
        JsonNode error = errorThenRecovery("[1,2]", "invalid_message");
        assertEquals("A XUNA message is a JSON object", error.path("message").asText());
    }

    @Test
    void messageWithoutType() {
        JsonNode error = errorThenRecovery("{\"text\":\"hi\"}", "invalid_message");
        assertTrue(error.path("message").asText().contains("no \"type\""), error::toString);
    }

    @Test
    void wrongFieldType() {
        JsonNode error = errorThenRecovery("{\"type\":\"user_message\",\"text\":5}", "invalid_message");
        assertTrue(error.path("message").asText().startsWith("Invalid user_message: "), error::toString);
    }

    @Test
    void missingRequiredFieldIsCaughtByBeanValidation() {
        JsonNode error = errorThenRecovery("{\"type\":\"user_message\"}", "invalid_message");
        assertEquals("Invalid message: text: must not be null", error.path("message").asText());
    }

    @Test
    void negativePongEventId() {
        JsonNode error = errorThenRecovery("{\"type\":\"pong\",\"event_id\":-3}", "invalid_message");
        assertTrue(error.path("message").asText().contains("eventId: must be greater than or equal to 0"), error::toString);
    }

    @Test
    void invalidBase64Audio() {
        JsonNode error = errorThenRecovery("{\"user_audio_chunk\":\"not*base64!\"}", "invalid_audio");
        assertTrue(error.path("message").asText().startsWith("user_audio_chunk is not valid base64"), error::toString);
    }

    @Test
    void audioChunkThatIsNotAString() {
        JsonNode error = errorThenRecovery("{\"user_audio_chunk\":42}", "invalid_audio");
        assertEquals("user_audio_chunk must be a base64 string", error.path("message").asText());
    }

    @Test
    void oddLengthPcm() {
        String threeBytes = Base64.getEncoder().encodeToString(new byte[3]);
        JsonNode error = errorThenRecovery("{\"user_audio_chunk\":\"" + threeBytes + "\"}", "invalid_audio");
        assertEquals("User audio in pcm_16000 must hold whole 2-byte samples; this chunk has 3 bytes",
                error.path("message").asText());
    }

    @Test
    void binaryFrame() {
        JsonNode error;
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.sendBinary(new byte[] {1, 2, 3, 4});
            error = client.await("error").path("error_event");
            client.userMessage("after");
            assertEquals("You said: after", client.agentResponse());
        }
        assertTrue(error.path("message").asText().startsWith("XUNA frames are JSON text"), error::toString);
    }

    @Test
    void secondInitiationIsRefusedAndTheConversationGoesOn() {
        JsonNode error = errorThenRecovery("{\"type\":\"conversation_initiation_client_data\"}", "already_initiated");
        assertTrue(error.path("message").asText().contains("already initiated"), error::toString);
    }

    @Test
    void unknownTypesAreIgnoredWithoutAnError() {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.send("{\"type\":\"feedback\",\"score\":\"like\",\"event_id\":1}");
            client.send("{\"type\":\"something_new\",\"x\":1}");
            client.userMessage("after");
            assertEquals("user_transcript", client.next().path("type").asText());
        }
    }

    @Test
    void oversizedFrameClosesWith1009() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.send("{\"type\":\"user_message\",\"text\":\"" + "x".repeat(TestServer.MAX_FRAME_BYTES + 10) + "\"}");
            var close = client.awaitClose();
            assertEquals(1009, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().endsWith("exceeds the limit of " + TestServer.MAX_FRAME_BYTES), close::getReasonPhrase);
            assertEquals("ended:ERROR:1009", recorder.await("ended:ERROR:1009"));
        }
    }

    @Test
    void audioBeforeTheInitiationStartsTheConversationImplicitlyMetadataFirst() throws Exception {
        String pcm = Base64.getEncoder().encodeToString(new byte[320]);
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            client.send("{\"user_audio_chunk\":\"" + pcm + "\"}");
            client.await("conversation_initiation_metadata");
            assertEquals("audio:320", recorder.await("audio:"));
            assertEquals("Hi there", client.agentResponse());
            client.send("{\"type\":\"conversation_initiation_client_data\"}");
            assertEquals("already_initiated", client.skipTo("error").path("error_event").path("error_type").asText());
        }
    }

    @Test
    void aSilentClientIsStartedAfterTheInitiationTimeout() {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            long start = System.nanoTime();
            client.await("conversation_initiation_metadata");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1000, "waits for the client first");
        }
    }

    @Test
    void unsupportedAudioFormatRequestFallsBackToDefaultsAndSaysSo() {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"tts\":{\"agent_output_audio_format\":\"mp3_44100\"}}}");
            JsonNode metadata = client.await("conversation_initiation_metadata").path("conversation_initiation_metadata_event");
            assertEquals("pcm_16000", metadata.path("agent_output_audio_format").asText());
            JsonNode error = client.await("error").path("error_event");
            assertTrue(error.path("message").asText().startsWith("Unsupported XUNA audio format 'mp3_44100'"), error::toString);
        }
    }
}
