package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.AudioFormat;
import dev.parley.api.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * NextEVI frames in both envelope shapes (as the React SDK's source builds them, and as the API reference shows them)
 * decoded, and every server message encoded with the payload on top and as {@code data}.
 */
class NexteviCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] FOUR_SAMPLES = {0, 0, 1, 0, 2, 0, (byte) 0xFE, (byte) 0xFF};
    private static final Instant NOW = Instant.parse("2022-02-17T18:44:16.789Z");

    private final NexteviDecoder decoder = new NexteviDecoder();
    private final NexteviEncoder encoder = new NexteviEncoder(Clock.fixed(NOW, ZoneOffset.UTC), () -> "msg-1");

    private static String recorded(String name) throws IOException {
        try (InputStream in = NexteviCodecTest.class.getResourceAsStream("/nextevi/recorded/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private NexteviInbound decode(String name) throws Exception {
        return decoder.decode(recorded(name));
    }

    // ---- client -> server ----

    @Test
    void flatSettingsOfTheSdkAndNestedSettingsOfTheReferenceMeanTheSameAudio() throws Exception {
        var sdk = assertInstanceOf(NexteviInbound.SessionSettings.class, decode("sdk-session-settings"));
        var seed = assertInstanceOf(NexteviInbound.SessionSettings.class, decode("seed-session-settings"));
        assertEquals(new NexteviInbound.Audio(24_000, 1, "linear16"), sdk.audio());
        assertEquals(sdk.audio(), seed.audio());
        assertEquals(SessionAudio.DEFAULT, SessionAudio.of(sdk.audio()));
        assertFalse(sdk.emotionDetectionRequested());
        assertEquals(Map.of("warning_timeout", 30, "hangup_timeout", 60, "enabled", true), sdk.idleTimeout());
        assertTrue(seed.emotionDetectionRequested());
        assertEquals(new NexteviInbound.TurnDetection(true, 0.5), seed.turnDetection());
    }

    @Test
    void theSettingsReachTheAgentAsSentInSnakeCase() throws Exception {
        var seed = assertInstanceOf(NexteviInbound.SessionSettings.class, decode("seed-session-settings"));
        Map<String, Object> raw = NexteviOverrides.of("voice_1", Optional.of("project-123"), seed).raw();
        assertEquals(Map.of("connection_id", "voice_1", "project_id", "project-123", "session_settings", Map.of(
                "audio", Map.of("sample_rate", 24_000, "channels", 1, "encoding", "linear16"),
                "emotion_detection", Map.of("enabled", true),
                "turn_detection", Map.of("enabled", true, "silence_threshold", 0.5))), raw);
        assertEquals(Map.of("connection_id", "voice_1"), NexteviOverrides.of("voice_1", Optional.empty(), null).raw());
    }

    @Test
    void nestedSettingsChooseAnotherRate() throws Exception {
        var settings = assertInstanceOf(NexteviInbound.SessionSettings.class, decode("seed-session-settings-16k"));
        assertEquals(AudioFormat.pcm16(16_000), SessionAudio.of(settings.audio()).format());
    }

    @Test
    void settingsWithoutAudioKeepTheDefaults() throws Exception {
        var settings = assertInstanceOf(NexteviInbound.SessionSettings.class,
                decoder.decode("{\"type\":\"session_settings\",\"data\":{\"emotion_detection\":{\"enabled\":false}}}"));
        assertNull(settings.audio());
        assertEquals(SessionAudio.DEFAULT, SessionAudio.of(settings.audio()));
        var partial = assertInstanceOf(NexteviInbound.SessionSettings.class,
                decoder.decode("{\"type\":\"session_settings\",\"sample_rate\":16000}"));
        assertEquals(new SessionAudio("linear16", 16_000, 1), SessionAudio.of(partial.audio()));
    }

    @Test
    void unsupportedAudioIsUnsupportedData() throws Exception {
        var settings = assertInstanceOf(NexteviInbound.SessionSettings.class,
                decoder.decode("{\"type\":\"session_settings\",\"sample_rate\":11025,\"encoding\":\"opus\"}"));
        var unsupported = assertThrows(NexteviProtocolException.class, () -> SessionAudio.of(settings.audio()));
        assertEquals(ErrorCodes.UNSUPPORTED_AUDIO_FORMAT, unsupported.errorCode());
        assertEquals(CloseCodes.UNSUPPORTED_DATA, unsupported.closeCode());
        assertEquals("Unsupported audio: opus at 11025 Hz, 1 channel(s). Supported: encoding alaw, linear16, mulaw; "
                + "sample_rate [8000, 16000, 22050, 24000, 32000, 44100, 48000]; channels 1 or 2", unsupported.getMessage());
    }

    @Test
    void bothAudioInputShapesDecodeToTheSameSamples() throws Exception {
        var seed = assertInstanceOf(NexteviInbound.AudioInput.class, decode("seed-audio-input"));
        var flat = assertInstanceOf(NexteviInbound.AudioInput.class, decode("flat-audio-input"));
        assertArrayEquals(FOUR_SAMPLES, seed.pcm());
        assertArrayEquals(FOUR_SAMPLES, flat.pcm());
        assertEquals("chunk-001", seed.chunkId());
        assertEquals("chunk-002", flat.chunkId());
    }

    @Test
    void controlMessagesInBothShapes() throws Exception {
        assertInstanceOf(NexteviInbound.KeepAlive.class, decode("seed-keep-alive"));
        assertInstanceOf(NexteviInbound.Interrupt.class, decode("seed-interrupt"));
        assertEquals("What are your opening hours?",
                assertInstanceOf(NexteviInbound.TextInput.class, decode("flat-text-input")).text());
        assertEquals("What are your opening hours?",
                assertInstanceOf(NexteviInbound.TextInput.class, decode("seed-text-input")).text());
        assertEquals("hi", assertInstanceOf(NexteviInbound.TextInput.class,
                decoder.decode("{\"type\":\"text_input\",\"content\":\"hi\"}")).text());
        assertEquals("client_event", assertInstanceOf(NexteviInbound.Ignored.class, decode("unknown-type")).type());
    }

    @Test
    void framesThatAreNotNextEviMessagesCloseWith1002() {
        for (String frame : new String[] {"{\"type\":\"text_input\",", "[1,2]", "{\"text\":\"hi\"}", "{\"type\":7}",
                "{\"type\":\"text_input\",\"data\":\"hi\"}"}) {
            var malformed = assertThrows(NexteviProtocolException.class, () -> decoder.decode(frame), frame);
            assertEquals(ErrorCodes.INVALID_MESSAGE, malformed.errorCode(), frame);
            assertEquals(CloseCodes.PROTOCOL_ERROR, malformed.closeCode(), frame);
        }
    }

    @Test
    void messagesWithWrongFieldsAreRejectedAndTheSessionGoesOn() {
        var wrongType = assertThrows(NexteviProtocolException.class,
                () -> decoder.decode("{\"type\":\"text_input\",\"text\":[1]}"));
        assertEquals(ErrorCodes.INVALID_MESSAGE, wrongType.errorCode());
        assertEquals(NexteviProtocolException.KEEP_OPEN, wrongType.closeCode());
        assertTrue(wrongType.getMessage().startsWith("Invalid text_input: "), wrongType::getMessage);

        var badAudio = assertThrows(NexteviProtocolException.class,
                () -> decoder.decode("{\"type\":\"audio_input\",\"data\":{\"audio\":\"%%%\",\"chunk_id\":\"c-9\"}}"));
        assertEquals(ErrorCodes.AUDIO_PROCESSING_FAILED, badAudio.errorCode());
        assertEquals(NexteviProtocolException.KEEP_OPEN, badAudio.closeCode());
        assertEquals(Map.of("chunk_id", "c-9"), badAudio.details());
    }

    // ---- server -> client ----

    /** The expected message: envelope fields, the payload on top, and the payload again as data. */
    private static JsonNode expected(String type, String payload) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("type", type).put("timestamp", 1645123456.789).put("message_id", "msg-1");
        ObjectNode fields = (ObjectNode) JSON.readTree(payload);
        message.setAll(fields.deepCopy());
        message.set("data", fields);
        return message;
    }

    private static void assertMessage(String type, String payload, String actual) throws IOException {
        assertEquals(expected(type, payload), JSON.readTree(actual));
    }

    @Test
    void connectionMetadata() throws Exception {
        assertMessage("connection_metadata", "{\"connection_id\":\"voice_1_abc\",\"status\":\"connected\",\"config\":{"
                        + "\"audio_format\":\"pcm_24khz_16bit_mono\",\"encoding\":\"linear16\",\"sample_rate\":24000,\"channels\":1},"
                        + "\"project_id\":\"project-123\",\"config_id\":\"scripted\"}",
                encoder.connectionMetadata("voice_1_abc", "project-123", "scripted"));
    }

    @Test
    void readyEchoesTheSettingsAndSaysWhetherEmotionDetectionIsOn() throws Exception {
        SessionAudio audio = new SessionAudio("linear16", 16_000, 1);
        assertMessage("status", "{\"status\":\"ready\",\"details\":{\"session_settings\":{\"sample_rate\":16000,\"channels\":1,"
                        + "\"encoding\":\"linear16\"},\"emotion_detection\":{\"enabled\":true,\"available\":true,\"detector\":\"hume\"},"
                        + "\"conversation_id\":\"conv_1\"}}",
                encoder.ready(new SessionReport(audio, true, Optional.of("hume"), "conv_1")));
        assertMessage("status", "{\"status\":\"ready\",\"details\":{\"session_settings\":{\"sample_rate\":16000,\"channels\":1,"
                        + "\"encoding\":\"linear16\"},\"emotion_detection\":{\"enabled\":false,\"available\":false,\"message\":"
                        + "\"Emotion detection is unavailable: no emotion detector is configured on this server\"},"
                        + "\"conversation_id\":\"conv_1\"}}",
                encoder.ready(new SessionReport(audio, true, Optional.empty(), "conv_1")));
        assertMessage("status", "{\"status\":\"processing\",\"details\":{\"generation_id\":\"gen_4\"}}", encoder.processing(4));
    }

    @Test
    void transcriptions() throws Exception {
        assertMessage("transcription", "{\"transcript\":\"what time\",\"confidence\":1.0,\"is_final\":false,"
                        + "\"is_speech_final\":false,\"session_id\":\"voice_1\",\"words\":[{\"word\":\"what\",\"confidence\":1.0},"
                        + "{\"word\":\"time\",\"confidence\":1.0}],\"accumulated_transcript\":\"what time\",\"is_turn_incomplete\":true,"
                        + "\"original_fragment\":\"what time\",\"metadata\":{\"event_type\":\"interim\",\"source\":\"speech\"}}",
                encoder.transcription("voice_1", Transcript.spoken("what time", false)));
        assertMessage("transcription", "{\"transcript\":\"hello\",\"confidence\":1.0,\"is_final\":true,"
                        + "\"is_speech_final\":true,\"session_id\":\"voice_1\",\"words\":[{\"word\":\"hello\",\"confidence\":1.0}],"
                        + "\"accumulated_transcript\":\"hello\",\"is_turn_incomplete\":false,\"original_fragment\":\"hello\","
                        + "\"metadata\":{\"event_type\":\"utterance_end\",\"source\":\"text_input\"}}",
                encoder.transcription("voice_1", Transcript.typed("hello")));
    }

    @Test
    void responseChunksCarryTheTextSoFar() throws Exception {
        assertMessage("llm_response_chunk", "{\"content\":\"one two \",\"is_final\":false,\"generation_id\":\"gen_3\","
                + "\"chunk_index\":1,\"delta\":\"two \"}", encoder.llmChunk(3, 1, "one two ", "two "));
        assertMessage("llm_response_chunk", "{\"content\":\"one two three\",\"is_final\":true,\"generation_id\":\"gen_3\","
                + "\"chunk_index\":3}", encoder.finalLlmChunk(3, 3, "one two three"));
        assertMessage("llm_response_chunk", "{\"content\":\"one\",\"is_final\":true,\"generation_id\":\"gen_3\","
                + "\"chunk_index\":2,\"interrupted\":true}", encoder.interruptedLlmChunk(3, 2, "one"));
    }

    @Test
    void speechAndInterruption() throws Exception {
        assertMessage("tts_chunk", "{\"content\":\"AAABAAIA/v8=\",\"generation_id\":\"gen_3\",\"chunk_index\":0,"
                + "\"chunk_id\":\"gen_3_0\",\"audio_format\":\"pcm_24khz_16bit_mono\"}", encoder.ttsChunk(3, 0, FOUR_SAMPLES));
        assertMessage("tts_interruption", "{\"content\":\"\",\"generation_id\":\"gen_3\"}", encoder.ttsInterruption(3));
    }

    @Test
    void turns() throws Exception {
        assertMessage("turn_start", "{\"turn_id\":\"turn_2\"}", encoder.turnStart("turn_2"));
        assertMessage("turn_end", "{\"turn_id\":\"turn_2\",\"duration\":3.2,\"is_complete\":true}",
                encoder.turnEnd("turn_2", Duration.ofMillis(3_200), true));
        assertMessage("turn_complete", "{\"turn_id\":\"turn_2\",\"transcript\":\"hello\",\"turn_result\":{\"is_complete\":true,"
                + "\"confidence\":1.0,\"reasons\":[\"end_of_turn_silence\"]}}", encoder.turnComplete("turn_2", Transcript.spoken("hello", true)));
    }

    @Test
    void emotionsAsBothPairsStrongestFirst() throws Exception {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("Sadness", 0.12);
        scores.put("Joy", 0.85);
        scores.put("Calmness", 0.45);
        scores.put("Excitement", 0.72);
        assertMessage("emotion_update", "{\"top_emotions\":[{\"emotion\":\"Joy\",\"percentage\":85.0,\"name\":\"Joy\",\"score\":0.85},"
                        + "{\"emotion\":\"Excitement\",\"percentage\":72.0,\"name\":\"Excitement\",\"score\":0.72},"
                        + "{\"emotion\":\"Calmness\",\"percentage\":45.0,\"name\":\"Calmness\",\"score\":0.45}],"
                        + "\"all_emotions\":{\"Sadness\":0.12,\"Joy\":0.85,\"Calmness\":0.45,\"Excitement\":0.72},"
                        + "\"processing_time\":0.045,\"utterance_duration\":2.3,\"connection_id\":\"voice_1\",\"session_id\":\"voice_1\"}",
                encoder.emotionUpdate("voice_1", new EmotionReading(scores, Optional.of(Duration.ofMillis(2_300)),
                        Optional.of(Duration.ofMillis(45)))));
        assertMessage("emotion_update", "{\"top_emotions\":[{\"emotion\":\"Joy\",\"percentage\":50.0,\"name\":\"Joy\",\"score\":0.5}],"
                        + "\"all_emotions\":{\"Joy\":0.5},\"connection_id\":\"voice_1\",\"session_id\":\"voice_1\"}",
                encoder.emotionUpdate("voice_1", EmotionReading.of(Map.of("Joy", 0.5))));
    }

    @Test
    void emotionScoresOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EmotionReading.of(Map.of("Joy", 85.0)));
        assertThrows(IllegalArgumentException.class, () -> EmotionReading.of(Map.of(" ", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> EmotionReading.of(Map.of("Joy", Double.NaN)));
    }

    @Test
    void errors() throws Exception {
        assertMessage("error", "{\"error_code\":\"AUDIO_PROCESSING_FAILED\",\"error_message\":\"Failed to process audio chunk\","
                        + "\"details\":{\"chunk_id\":\"chunk-001\"}}",
                encoder.error(ErrorCodes.AUDIO_PROCESSING_FAILED, "Failed to process audio chunk", Map.of("chunk_id", "chunk-001")));
    }
}
