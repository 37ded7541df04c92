package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.speech.pipeline.SpeechServices;
import dev.parley.runtime.speech.Transcriber;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spoken NextEVI conversation with the embedded engines, as the React SDK holds it: 24 kHz PCM16 in 4096-byte binary
 * frames in real time; the final {@code transcription} is the sentence spoken, the reply streams as cumulative
 * {@code llm_response_chunk}s, and its {@code tts_chunk} audio (24 kHz PCM16) is itself recognized as the reply.
 * Skipped when the runtime has no speech engines.
 */
@Tag("slow")
class NexteviSpokenRoundTripTest {
    private static final String SENTENCE = "what are your opening hours";

    @RegisterExtension
    static final NexteviServer SERVER = NexteviServer.withSpeech();

    @Test
    void aSpokenQuestionIsTranscribedAnsweredAndTheAnswerIsSpoken() throws Exception {
        SpeechServices speech = SERVER.server().runtime().speech();
        assumeTrue(speech.canListen() && speech.canSpeak(), "the runtime has no speech engines");
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "storyteller")) {
            assertEquals("Hi there", client.agentResponse());
            client.audioUntilQuiet(Duration.ofMillis(1_200)); // the greeting plays out: talking over it would interrupt it
            SpokenAudio.stream(client, SpokenAudio.of(SENTENCE));

            List<String> partials = new ArrayList<>();
            JsonNode transcription;
            while (!(transcription = client.skipTo("transcription")).path("is_final").asBoolean()) {
                partials.add(transcription.path("transcript").asText());
                assertTrue(transcription.path("is_turn_incomplete").asBoolean(), transcription::toString);
            }
            assertEquals(SENTENCE, transcription.path("transcript").asText(), () -> "partials were " + partials);
            assertEquals(SENTENCE, transcription.path("accumulated_transcript").asText());
            assertEquals(SENTENCE.split(" ").length, transcription.path("words").size());

            String generation = client.skipTo("status").path("details").path("generation_id").asText();
            String textSoFar = "";
            JsonNode chunk;
            while (!(chunk = client.await("llm_response_chunk")).path("is_final").asBoolean()) {
                String content = chunk.path("content").asText();
                assertTrue(content.startsWith(textSoFar) && content.endsWith(chunk.path("delta").asText()),
                        "each chunk carries the text so far: " + chunk);
                textSoFar = content;
            }
            String reply = chunk.path("content").asText();
            assertEquals("You said: " + SENTENCE, reply);
            assertEquals(reply, textSoFar);

            ByteArrayOutputStream replyAudio = new ByteArrayOutputStream();
            for (JsonNode audio : client.audioUntilQuiet(Duration.ofMillis(1_500))) {
                if (audio.path("generation_id").asText().equals(generation)) {
                    replyAudio.writeBytes(Base64.getDecoder().decode(audio.path("content").asText()));
                }
            }
            assertTrue(replyAudio.size() > SessionAudio.OUTPUT.bytesPerSecond(), "at least a second of reply audio");
            String heard = Transcriber.transcribe(speech.stt(), new AudioFrame(SessionAudio.OUTPUT, replyAudio.toByteArray()));
            assertTrue(heard.contains("said") && heard.contains("opening hours"), () -> "the reply audio says: " + heard);
        }
    }
}
