package dev.parley.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import dev.parley.samples.testing.NodeHarness;
import dev.parley.samples.testing.SpokenQuestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published {@code @elevenlabs/client} in VOICE mode, in headless Chromium whose microphone plays a flite
 * recording of "what are your opening hours", talks with the concierge: the greeting is heard, the question is
 * transcribed, and the spoken answer arrives. Runs with {@code mvn verify -Pe2e}; needs Chromium, flite and sox.
 */
class XunaVoiceClientIT {
    private static final Path BROWSER_DIR = Path.of(System.getProperty("parley.browser.dir", "src/test/browser"));

    @Test
    void thePublishedClientHoldsASpokenConversationWithTheConcierge() throws Exception {
        NodeHarness harness = new NodeHarness(BROWSER_DIR, "xuna-voice-conversation.mjs", 120);
        harness.assertInstalled("playwright-core");
        JsonNode result;
        try (ParleyServer server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of()))) {
            result = harness.run(List.of("ws://127.0.0.1:" + server.port(), "concierge"),
                    Map.of("XUNA_EXPECT", "audio,transcript,reply", "XUNA_VOICE_SECONDS", "40"));
        }
        assertTrue(result.path("connected").asBoolean(), result::toString);
        assertEquals("pcm_16000", result.path("outputFormat").asText());

        List<String> user = new ArrayList<>();
        List<String> agent = new ArrayList<>();
        result.path("messages").forEach(m -> (m.path("source").asText().equals("user") ? user : agent)
                .add(m.path("message").asText().toLowerCase(Locale.ROOT)));
        assertTrue(agent.get(0).startsWith("hello, i am the concierge"), agent::toString);
        // what the microphone said, heard as words of that sentence: a CPU-starved browser may clip the first words
        assertTrue(user.stream().anyMatch(SpokenQuestion::heardIn), () -> "transcripts: " + user);
        assertTrue(agent.stream().anyMatch(reply -> reply.contains("monday to friday")), () -> "replies: " + agent);
        assertTrue(result.path("audioFramesReceived").asInt() > 20, () -> "spoken greeting and answer: " + result);
        assertTrue(result.path("userAudioChunksSent").asInt() > 50, result::toString);
    }
}
