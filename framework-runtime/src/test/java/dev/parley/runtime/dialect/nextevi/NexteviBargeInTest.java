package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.speech.pipeline.SpeechServices;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.StorytellerAgent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Talking over the agent: {@code tts_interruption} comes at once, and not one more chunk of the interrupted response
 * follows it, because the React SDK keeps playing whatever audio it already has. Skipped without speech engines.
 */
@Tag("slow")
class NexteviBargeInTest {
    @RegisterExtension
    static final NexteviServer SERVER = NexteviServer.withSpeech();

    @Test
    void talkingOverTheStoryStopsItAndNothingOfItFollows() throws Exception {
        SpeechServices speech = SERVER.server().runtime().speech();
        assumeTrue(speech.canListen() && speech.canSpeak(), "the runtime has no speech engines");
        Recorder recorder = SERVER.recorder();
        recorder.drain();
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "storyteller")) {
            assertEquals("Hi there", client.agentResponse());
            client.textInput("tell me a story"); // typed, to be quick: talking over the story is what is tested
            client.skipTo("turn_complete");
            String story = client.awaitStatus("processing").path("details").path("generation_id").asText();
            assertEquals(StorytellerAgent.STORY, client.agentResponse());
            while (!client.nextAudio().path("generation_id").asText().equals(story)) {
                // the greeting's last chunks, if any
            }

            CompletableFuture<Void> talking = CompletableFuture.runAsync(() ->
                    SpokenAudio.stream(client, SpokenAudio.of("what are your opening hours")));
            JsonNode interruption = client.skipTo("tts_interruption");
            assertEquals(story, interruption.path("generation_id").asText());
            String prefix = "told:" + story.substring("gen_".length()) + ":";
            String heard = recorder.await(prefix).substring(prefix.length());
            assertFalse(heard.isBlank(), "some of the story was heard before the interruption");
            assertTrue(StorytellerAgent.STORY.startsWith(heard) && heard.length() < StorytellerAgent.STORY.length() / 2,
                    () -> "cut early, at what was heard: " + heard);

            talking.get(20, TimeUnit.SECONDS);
            assertTrue(client.agentResponse().endsWith("opening hours"));
            List<JsonNode> history = client.history();
            int cut = history.indexOf(interruption);
            for (JsonNode frame : history.subList(cut + 1, history.size())) {
                assertNotEquals(story, frame.path("generation_id").asText(), () -> "after the interruption: " + frame);
            }
        }
    }
}
