package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets the documented outcome (an {@code error}, a close code, or both), the session goes on where it
 * can, and a bystander session in conversation all along never notices.
 */
class NexteviBadInputTest {
    @RegisterExtension
    static final NexteviServer SERVER = new NexteviServer();

    private Recorder recorder;
    private NexteviTestClient bystander;

    @BeforeEach
    void bystanderInConversation() {
        recorder = SERVER.recorder();
        recorder.drain();
        bystander = NexteviTestClient.ready(SERVER.port(), "scripted");
        bystander.agentResponse();
    }

    @AfterEach
    void bystanderStillServed() {
        bystander.textInput("unaffected?");
        assertEquals("You said: unaffected?", bystander.agentResponse());
        assertTrue(bystander.isOpen());
        bystander.close();
    }

    /** Sends {@code frame} to a fresh session past its greeting; returns the error it gets. */
    private static JsonNode errorFor(NexteviTestClient client, String frame) {
        client.agentResponse();
        client.awaitStatus("ready");
        client.send(frame);
        return client.await("error");
    }

    /** The error, then a normal answer: the session went on. */
    private static JsonNode errorThenRecovery(String frame, String errorCode) {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            JsonNode error = errorFor(client, frame);
            assertEquals(errorCode, error.path("error_code").asText(), error::toString);
            client.textInput("after");
            assertEquals("You said: after", client.agentResponse());
            return error;
        }
    }

    /** The error, then the close: the connection is over. */
    private void errorThenClose(String frame, String errorCode, int closeCode, String message) throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            JsonNode error = errorFor(client, frame);
            assertEquals(errorCode, error.path("error_code").asText(), error::toString);
            assertEquals(message, error.path("error_message").asText());
            client.assertClosed(closeCode, message);
            recorder.await("ended:ERROR:" + closeCode);
        }
    }

    @Test
    void invalidJsonIsAProtocolErrorClosing1002() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            JsonNode error = errorFor(client, "{\"type\":\"text_input\",");
            assertEquals("INVALID_MESSAGE", error.path("error_code").asText());
            assertTrue(error.path("error_message").asText().startsWith("Malformed JSON: Unexpected end-of-input"), error::toString);
            var close = client.awaitClose();
            assertEquals(1002, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().startsWith("Malformed JSON: "), close::getReasonPhrase);
            recorder.await("ended:ERROR:1002");
        }
    }

    @Test
    void jsonThatIsNotAnObjectCloses1002() throws Exception {
        errorThenClose("[1,2]", "INVALID_MESSAGE", 1002, "A NextEVI message is a JSON object");
    }

    @Test
    void aMessageWithoutTypeCloses1002() throws Exception {
        errorThenClose("{\"data\":{\"text\":\"hi\"}}", "INVALID_MESSAGE", 1002, "The message has no \"type\"");
    }

    @Test
    void oddLengthBinaryBeforeTheSettingsStartsWithDefaultsAndIsRefusedAlone() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.sendBinary(new byte[4095]);
            assertEquals(24_000, client.awaitStatus("ready").path("details").path("session_settings").path("sample_rate").asInt());
            JsonNode error = client.skipTo("error");
            assertEquals("AUDIO_PROCESSING_FAILED", error.path("error_code").asText());
            assertEquals("Audio in linear16 with 1 channel(s) comes in whole 2-byte frames; this chunk has 4095 bytes",
                    error.path("error_message").asText());
            assertEquals("{}", error.path("details").toString());
            client.sendBinary(new byte[4096]);
            assertEquals("audio:4096", recorder.await("audio:"), "the next whole chunk is taken");
            client.textInput("after");
            String answer = client.agentResponse();
            if (answer.equals("Hi there")) { // the greeting may have come before or after the error
                answer = client.agentResponse();
            }
            assertEquals("You said: after", answer);
        }
    }

    @Test
    void unknownConfigIsRefusedWith4002() {
        try (NexteviTestClient client = NexteviTestClient.connect(SERVER.port(),
                "api_key=" + NexteviServer.API_KEY + "&config_id=nobody")) {
            var close = client.awaitClose();
            assertEquals(4002, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().startsWith("Unknown config_id 'nobody'. Configs here: "), close::getReasonPhrase);
            assertTrue(close.getReasonPhrase().contains("scripted"), close::getReasonPhrase);
            assertTrue(!close.getReasonPhrase().contains("vault"), "private agents are not listed");
            assertEquals(java.util.List.of(), client.history(), "nothing is sent before the refusal");
        }
    }

    @Test
    void expiredJwtIsRefusedWith4001() {
        String expired = NexteviServer.hs256("ada", Duration.ofMinutes(-5), Map.of());
        try (NexteviTestClient client = NexteviTestClient.connect(SERVER.port(),
                "authorization=Bearer%20" + expired + "&config_id=scripted")) {
            client.assertClosed(4001, "JWT expired");
        }
    }

    @Test
    void jwtWithAWrongSignatureIsRefusedWith4001() {
        String token = NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of());
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        try (NexteviTestClient client = NexteviTestClient.connect(SERVER.port(), NexteviTestClient.sdkConnectionId(),
                "config_id=scripted", Map.of("Authorization", "Bearer " + forged))) {
            client.assertClosed(4001, "JWT signature is invalid");
        }
    }

    @Test
    void unsafeConnectionIdIsAProtocolError() {
        try (NexteviTestClient client = NexteviTestClient.connect(SERVER.port(), "bad!id",
                "api_key=" + NexteviServer.API_KEY + "&config_id=scripted", Map.of())) {
            client.assertClosed(1002, "Invalid connection id: use letters, digits and _ . : - (at most 128)");
        }
    }

    @Test
    void wrongFieldTypesGetAnErrorAndTheSessionGoesOn() {
        JsonNode error = errorThenRecovery("{\"type\":\"text_input\",\"text\":{\"a\":1}}", "INVALID_MESSAGE");
        assertTrue(error.path("error_message").asText().startsWith("Invalid text_input: "), error::toString);
    }

    @Test
    void missingRequiredFieldsAreCaughtByBeanValidation() {
        JsonNode error = errorThenRecovery("{\"type\":\"text_input\",\"data\":{}}", "INVALID_MESSAGE");
        assertEquals("Invalid message: text: must not be null", error.path("error_message").asText());
    }

    @Test
    void invalidSettingsValuesAreCaughtByBeanValidation() {
        JsonNode error = errorThenRecovery("{\"type\":\"session_settings\",\"sample_rate\":24000,\"channels\":-1}",
                "INVALID_MESSAGE");
        assertEquals("Invalid message: audio.channels: must be greater than 0", error.path("error_message").asText());
    }

    @Test
    void invalidBase64AudioNamesTheChunk() {
        JsonNode error = errorThenRecovery("{\"type\":\"audio_input\",\"data\":{\"audio\":\"not*base64!\",\"chunk_id\":\"chunk-7\"}}",
                "AUDIO_PROCESSING_FAILED");
        assertTrue(error.path("error_message").asText().startsWith("audio_input.audio is not valid base64"), error::toString);
        assertEquals("{\"chunk_id\":\"chunk-7\"}", error.path("details").toString());
    }

    @Test
    void changingTheAudioFormatOnceStartedIsRefused() {
        JsonNode error = errorThenRecovery("{\"type\":\"session_settings\",\"sample_rate\":16000}", "INVALID_SESSION_SETTINGS");
        assertEquals("The session already takes linear16 at 24000 Hz, 1 channel(s); audio settings cannot change once it "
                + "started", error.path("error_message").asText());
    }

    @Test
    void repeatingTheSettingsIsHarmless() {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.awaitStatus("ready");
            client.send(NexteviTestClient.SDK_SETTINGS);
            client.textInput("after");
            assertEquals("turn_start", client.next().path("type").asText(), "no error, no second ready");
        }
    }

    @Test
    void unsupportedAudioIsUnsupportedDataClosing1003() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.send("{\"type\":\"session_settings\",\"data\":{\"audio\":{\"sample_rate\":44100,\"channels\":1,"
                    + "\"encoding\":\"opus\"}}}");
            JsonNode error = client.await("error");
            assertEquals("UNSUPPORTED_AUDIO_FORMAT", error.path("error_code").asText());
            assertTrue(error.path("error_message").asText().startsWith("Unsupported audio: opus at 44100 Hz, 1 channel(s)."));
            var close = client.awaitClose();
            assertEquals(1003, close.getCloseCode().getCode());
        }
    }

    @Test
    void unknownTypesAreIgnoredWithoutAnError() {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.awaitStatus("ready");
            client.send("{\"type\":\"client_event\",\"data\":{\"name\":\"opened_menu\"}}");
            client.textInput("after");
            assertEquals("turn_start", client.next().path("type").asText());
        }
    }
}
