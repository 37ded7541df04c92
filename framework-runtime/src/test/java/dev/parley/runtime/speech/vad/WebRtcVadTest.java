package dev.parley.runtime.speech.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebRtcVadTest {

    @Test
    void defaultsAreThirtyMillisecondFramesAtSixteenKilohertz() {
        WebRtcVad vad = WebRtcVad.fromSettings(new Settings(key -> null, Map.of()));
        assertEquals("webrtc", vad.name());
        assertEquals(AudioFormat.PCM16_16K, vad.inputFormat());
        assertEquals(480, vad.frameSamples());
    }

    @Test
    void tellsSpeechFromSilenceAndNoise() {
        WebRtcVad vad = new WebRtcVad(16_000, 30, WebRtcVad.DEFAULT_MODE);
        VadAssertions.tellsSpeechFromSilenceAndNoise(vad);
        System.out.printf("[measure] WebRTC VAD %.1f us per 30 ms frame%n", VadAssertions.microsPerFrame(vad));
    }

    @Test
    void worksAtTelephoneRate() {
        WebRtcVad vad = WebRtcVad.fromSettings(new Settings(Map.of("parley.vad.webrtc.sample-rate", "8000",
                "parley.vad.webrtc.frame-ms", "20", "parley.vad.webrtc.mode", "3")::get, Map.of()));
        assertEquals(160, vad.frameSamples());
        VadAssertions.tellsSpeechFromSilenceAndNoise(vad);
    }

    @Test
    void badSettingsFailAtStartup() {
        assertTrue(assertThrows(SpeechEngineException.class, () -> new WebRtcVad(22_050, 30, 2)).getMessage().contains("22050"));
        assertTrue(assertThrows(SpeechEngineException.class, () -> new WebRtcVad(16_000, 25, 2)).getMessage().contains("frame-ms"));
        assertTrue(assertThrows(SpeechEngineException.class, () -> new WebRtcVad(16_000, 30, 4)).getMessage().contains("mode"));
    }

    @Test
    void framesMustHaveTheRightLengthAndStreamsCloseOnce() {
        WebRtcVad vad = new WebRtcVad(16_000, 30, 2);
        VoiceActivityStream stream = vad.open();
        assertThrows(IllegalArgumentException.class, () -> stream.speechProbability(new short[512]));
        stream.close();
        stream.close();
        assertThrows(IllegalStateException.class, () -> stream.speechProbability(new short[480]));
    }
}
