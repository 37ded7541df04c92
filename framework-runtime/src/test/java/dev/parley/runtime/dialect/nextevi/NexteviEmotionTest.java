package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Emotion detection through the extension point, with the test's loudness detector (a CDI bean). */
class NexteviEmotionTest {
    private static final String EMOTION_SETTINGS = "{\"type\":\"session_settings\",\"data\":{\"emotion_detection\":"
            + "{\"enabled\":true},\"audio\":{\"sample_rate\":24000,\"channels\":1,\"encoding\":\"linear16\"}}}";

    @RegisterExtension
    static final NexteviServer SERVER = new NexteviServer();

    /** Half a second at 24 kHz of a square wave of this amplitude (RMS = amplitude). */
    private static byte[] utterance(short amplitude) {
        byte[] pcm = new byte[LoudnessEmotionDetector.UTTERANCE_SAMPLES * 2];
        for (int i = 0; i < pcm.length; i += 2) {
            short sample = (short) ((i / 2) % 48 < 24 ? amplitude : -amplitude);
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }

    private static NexteviTestClient withEmotions() {
        NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted");
        client.send(EMOTION_SETTINGS);
        JsonNode emotion = client.awaitStatus("ready").path("details").path("emotion_detection");
        assertEquals("{\"enabled\":true,\"available\":true,\"detector\":\"loudness\"}", emotion.toString());
        client.agentResponse();
        client.awaitStatus("ready");
        return client;
    }

    @Test
    void detectedEmotionsAreSentAsBothPairsStrongestFirst() {
        try (NexteviTestClient client = withEmotions()) {
            byte[] loud = utterance((short) 8_000);
            client.sendBinary(java.util.Arrays.copyOfRange(loud, 0, 12_000));
            client.sendBinary(java.util.Arrays.copyOfRange(loud, 12_000, loud.length));
            JsonNode update = client.skipTo("emotion_update");
            JsonNode top = update.path("top_emotions");
            assertEquals(2, top.size());
            assertEquals("Excitement", top.get(0).path("emotion").asText());
            assertEquals("Excitement", top.get(0).path("name").asText());
            assertEquals(80.0, top.get(0).path("percentage").asDouble());
            assertEquals(0.8, top.get(0).path("score").asDouble(), 1e-9);
            assertEquals("Calmness", top.get(1).path("emotion").asText());
            assertEquals(20.0, top.get(1).path("percentage").asDouble());
            assertEquals(0.2, update.path("all_emotions").path("Calmness").asDouble(), 1e-9);
            assertEquals(0.5, update.path("utterance_duration").asDouble());
            assertTrue(update.path("processing_time").isMissingNode(), "the detector gave no processing time: none is made up");
            assertEquals(update.path("connection_id").asText(), update.path("session_id").asText());
        }
    }

    @Test
    void withoutEmotionDetectionInTheSettingsNoEmotionsAreSent() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            JsonNode ready = client.history().stream().filter(frame -> frame.path("status").asText().equals("ready"))
                    .findFirst().orElseThrow();
            assertEquals("{\"enabled\":false,\"available\":true,\"detector\":\"loudness\"}",
                    ready.path("details").path("emotion_detection").toString());
            client.agentResponse();
            client.awaitStatus("ready");
            client.sendBinary(utterance((short) 8_000));
            client.awaitStatus("processing");
            client.expectSilence(Duration.ofMillis(300));
        }
    }

    @Test
    void aFailingDetectorIsReportedOnceAndTheSessionGoesOn() throws Exception {
        try (NexteviTestClient client = withEmotions()) {
            byte[] breaking = utterance((short) 8_000);
            breaking[0] = 0;
            breaking[1] = (byte) 0x80; // Short.MIN_VALUE
            client.sendBinary(breaking);
            client.sendBinary(utterance((short) 8_000));
            JsonNode error = client.skipTo("error");
            assertEquals("EMOTION_DETECTION_FAILED", error.path("error_code").asText());
            assertTrue(error.path("error_message").asText().matches(
                    "Emotion detection failed and is off for this session \\(ref [0-9a-f]{8}\\)"), error::toString);
            client.textInput("still there?");
            assertEquals("You said: still there?", client.agentResponse());
            for (JsonNode frame : client.history()) {
                assertTrue(!frame.path("type").asText().equals("emotion_update"), "no emotions after the failure: " + frame);
            }
        }
    }
}
