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
 * The published {@code @play-ai/agent-web-sdk}, in headless Chromium whose microphone plays a flite recording of "what
 * are your opening hours", talks with the concierge over the PlayAI dialect: the greeting is played, the question is
 * transcribed, the spoken answer is played, and the user's hang-up ends the call cleanly. The SDK's socket to its
 * vendor's host goes to the local server, and its VAD model and ONNX Runtime wasm come from npm packages (see
 * src/test/playai-browser). Runs with {@code mvn verify -Pe2e}; needs Chromium, flite and sox.
 */
class PlayaiVoiceClientIT {
    private static final Path HARNESS_DIR = Path.of(System.getProperty("parley.playai.browser.dir", "src/test/playai-browser"));

    @Test
    void thePublishedWebSdkHoldsASpokenConversationWithTheConcierge() throws Exception {
        NodeHarness harness = new NodeHarness(HARNESS_DIR, "playai-voice-conversation.mjs", 180);
        harness.assertInstalled("@play-ai/agent-web-sdk");
        // 16 s of silence after the question: Chromium loops the file, and the answer must play before it comes again
        Path microphone = SpokenQuestion.recordWav(Path.of("target", "e2e", "playai-microphone.wav"), 1, 16);
        JsonNode result;
        try (ParleyServer server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of()))) {
            result = harness.run(
                    List.of("ws://127.0.0.1:" + server.port(), "concierge", microphone.toAbsolutePath().toString()),
                    Map.of("PLAYAI_VOICE_SECONDS", "60", "PLAYAI_REPLY_MATCH", "monday to friday"));
        }
        // the harness exits 0 only after a greeting, a user transcript, a reply, their audio played, and a clean
        // hang-up (one onHangup("user"), a clean close) with no SDK error and no frame dropped by the SDK's schema
        assertTrue(result.path("connected").asBoolean(), result::toString);

        String greeting = result.path("greeting").asText().toLowerCase(Locale.ROOT);
        assertTrue(greeting.startsWith("hello, i am the concierge"), greeting);
        assertTrue(result.path("greetingPlayedSeconds").asDouble() > 1.0, () -> "greeting played: " + result);

        List<String> user = texts(result.path("userTranscripts"));
        // what the microphone said, heard as words of that sentence: a CPU-starved browser may clip the first words
        assertTrue(user.stream().anyMatch(SpokenQuestion::heardIn), () -> "user transcripts: " + user);
        assertTrue(result.path("reply").asText().toLowerCase(Locale.ROOT).contains("monday to friday"),
                () -> "replies: " + result.path("replyTranscripts"));
        assertTrue(result.path("replyPlayedSeconds").asDouble() > 1.0, () -> "reply played: " + result);

        assertEquals("[{\"endedBy\":\"user\"}]", result.path("hangups").toString().replaceAll(",\"atMs\":\\d+", ""));
        assertTrue(result.path("closeWasClean").asBoolean(), result::toString);
        assertTrue(result.path("audioInFrames").asInt() > 50, () -> "microphone frames: " + result);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
