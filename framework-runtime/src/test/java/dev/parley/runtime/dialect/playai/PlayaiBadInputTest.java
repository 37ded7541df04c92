package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.TestServer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets an {@code error} with the seed's code: before the conversation starts it is fatal and the connection
 * closes; after, the session goes on. A bystander in conversation all along never notices.
 */
class PlayaiBadInputTest {
    @RegisterExtension
    static final TestServer SERVER = new TestServer().with(Map.of("parley.playai.setup-timeout", "700"));

    /** Bytes 0 to 31: no container starts like that. */
    private static final String COUNTING = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private PlayaiTestClient bystander;

    @BeforeEach
    void bystanderInConversation() {
        bystander = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP);
        bystander.greeting();
    }

    @AfterEach
    void bystanderStillServed() {
        bystander.customInput("say:unaffected?");
        assertEquals("You said: unaffected?", bystander.agentTranscript());
        assertTrue(bystander.isOpen());
        bystander.close();
    }

    /** Sends {@code frame} first; expects a fatal error with this code and message, then the close. */
    private static void refusedAtSetup(String frame, int code, String message, int closeCode) {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            client.send(frame);
            JsonNode error = client.awaitError(code, true);
            assertEquals(message, error.path("message").asText());
            assertClosedWith(client, closeCode, message);
        }
    }

    /** Close reasons are cut to 123 bytes: the reason is the message, or its start. */
    static void assertClosedWith(PlayaiTestClient client, int closeCode, String message) {
        jakarta.websocket.CloseReason close = client.awaitClose();
        assertEquals(closeCode, close.getCloseCode().getCode());
        assertTrue(message.startsWith(close.getReasonPhrase().replaceAll("\\.\\.\\.$", "")), close::getReasonPhrase);
    }

    /** Sends {@code frame} in conversation; expects a non-fatal 4400 with this message, then the session goes on. */
    private static void rejectedInConversation(String setup, String frame, String message) {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", setup)) {
            client.greeting();
            client.send(frame);
            assertEquals(message, client.awaitError(4400, false).path("message").asText());
            client.customInput("say:after");
            assertEquals("You said: after", client.agentTranscript());
        }
    }

    @Test
    void anUnknownAgentIsError1002() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "nobody")) {
            JsonNode error = client.awaitError(1002, true);
            assertTrue(error.path("message").asText().startsWith("Invalid agent id. There is no agent 'nobody' here; agents: "),
                    error::toString);
            assertEquals(1008, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void audioBeforeSetupIsFatal() {
        refusedAtSetup("{\"type\":\"audioIn\",\"data\":\"AAAA\"}", 4400, "Invalid parameters. The first message must be setup",
                4400);
    }

    @Test
    void invalidJsonFirstIsFatal() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            client.send("{\"type\":\"setup\",");
            JsonNode error = client.awaitError(4400, true);
            assertTrue(error.path("message").asText().startsWith("Invalid parameters. The message is not JSON: "), error::toString);
            assertEquals(4400, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void aBinaryFrameFirstIsFatal() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("Invalid parameters. The first message must be setup",
                    client.awaitError(4400, true).path("message").asText());
            assertEquals(4400, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void aHeaderlessEncodingWithoutItsSampleRateIsFatal() {
        refusedAtSetup("{\"type\":\"setup\",\"inputEncoding\":\"mulaw\"}", 4400,
                "Invalid parameters. inputSampleRate is required with inputEncoding 'mulaw'", 4400);
    }

    @Test
    void aSampleRateOutOfRangeIsFatal() {
        refusedAtSetup(PlayaiTestClient.setup(Map.of("inputSampleRate", 1000)), 4400,
                "Invalid parameters. inputSampleRate must be between 8000 and 48000 Hz; it is 1000", 4400);
        refusedAtSetup(PlayaiTestClient.setup(Map.of("outputSampleRate", 96000)), 4400,
                "Invalid parameters. outputSampleRate must be between 8000 and 48000 Hz; it is 96000", 4400);
    }

    @Test
    void aSampleRateThatIsNotANumberIsFatal() {
        refusedAtSetup(PlayaiTestClient.setup(Map.of("inputSampleRate", "fast")), 4400,
                "Invalid parameters. \"inputSampleRate\" must be a whole number", 4400);
    }

    @Test
    void anEncodingWithoutADecoderIsFatalAndListsWhatIsSupported() {
        refusedAtSetup(PlayaiTestClient.setup(Map.of("inputEncoding", "amr-nb", "inputSampleRate", 8000)), 4400,
                "Invalid parameters. inputEncoding 'amr-nb' has no decoder on this server; supported: media-container "
                        + "(WebM/Opus, Ogg/Opus, WAV, MP3, FLAC), mulaw, linear16, flac, opus", 4400);
    }

    @Test
    void anUnknownOutputFormatIsFatal() {
        refusedAtSetup(PlayaiTestClient.setup(Map.of("outputFormat", "aac")), 4400,
                "Invalid parameters. Unknown outputFormat 'aac'; supported: mp3, raw, wav, ogg, flac, mulaw", 4400);
    }

    @Test
    void noSetupInTimeIsFatal() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            assertEquals("Invalid parameters. No setup message within 700 ms",
                    client.awaitError(4400, true).path("message").asText());
            assertEquals(4400, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void aSecondSetupIsIgnoredWithAnError() {
        rejectedInConversation(PlayaiTestClient.SDK_SETUP, PlayaiTestClient.SDK_SETUP,
                "Invalid parameters. setup was already received; this one is ignored");
    }

    @Test
    void invalidBase64IsRejected() {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            client.send("{\"type\":\"audioIn\",\"data\":\"not base64!\"}");
            assertTrue(client.awaitError(4400, false).path("message").asText()
                    .startsWith("Invalid parameters. audioIn \"data\" is not base64: "));
            client.customInput("say:after");
            assertEquals("You said: after", client.agentTranscript());
        }
    }

    @Test
    void linear16AudioWithAHalfSampleIsRejected() {
        rejectedInConversation(PlayaiTestClient.setup(Map.of("inputEncoding", "linear16")),
                "{\"type\":\"audioIn\",\"data\":\"AAAA\"}",
                "Invalid parameters. linear16 audio is 2 bytes per sample; this audioIn has 3");
    }

    @Test
    void dataThatIsNoKnownContainerIsRejectedAndTheStreamCanStartOver() {
        rejectedInConversation(PlayaiTestClient.setup(Map.of("inputEncoding", "media-container")),
                "{\"type\":\"audioIn\",\"data\":\"" + COUNTING + "\"}",
                "Invalid parameters. The audio could not be decoded: " + unknownContainerMessage());
    }

    @Test
    void aRecordingWhoseFirstPieceWasCutShortIsRejectedAndAFreshOneIsTaken() throws Exception {
        List<byte[]> chunks = PlayaiSpeechTest.mediaRecorderChunks();
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", "{\"type\":\"setup\"}")) {
            client.greeting();
            client.audioIn(Arrays.copyOf(chunks.get(0), 300));
            client.audioIn(chunks.get(1));
            String message = client.awaitError(4400, false).path("message").asText();
            assertTrue(message.startsWith("Invalid parameters. The audio could not be decoded: corrupt WebM at byte "), message);
            chunks.forEach(client::audioIn);
            client.customInput("say:after");
            JsonNode frame;
            while (!(frame = client.frames().next()).path("type").asText().equals("onAgentTranscript")) {
                assertNotEquals("error", frame.path("type").asText(), "no error for the fresh recording: " + frame);
            }
            assertEquals("You said: after", frame.path("message").asText());
        }
    }

    @Test
    void binaryFramesInConversationAreRejected() {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            client.sendBinary(new byte[] {1, 2});
            assertEquals("Invalid parameters. Frames are JSON text; send audio as {\"type\":\"audioIn\",\"data\":\"<base64>\"}",
                    client.awaitError(4400, false).path("message").asText());
            client.customInput("say:after");
            assertEquals("You said: after", client.agentTranscript());
        }
    }

    @Test
    void anUnknownMessageTypeIsRejected() {
        rejectedInConversation(PlayaiTestClient.SDK_SETUP, "{\"type\":\"dance\"}",
                "Invalid parameters. Unknown message type 'dance'");
    }

    @Test
    void aMessageWithoutTypeIsRejected() {
        rejectedInConversation(PlayaiTestClient.SDK_SETUP, "{\"data\":\"AAAA\"}", "Invalid parameters. The message has no \"type\"");
    }

    /** What the media-container decoder says about data it does not recognize. */
    private static String unknownContainerMessage() {
        try {
            new dev.parley.runtime.audio.decoding.MediaContainerDecoder().decode(Base64.getDecoder().decode(COUNTING));
            throw new AssertionError("32 counting bytes were decoded");
        } catch (dev.parley.runtime.audio.decoding.AudioDecodingException expected) {
            return expected.getMessage();
        }
    }
}
