package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.audio.MuLawCodec;
import dev.parley.runtime.audio.decoding.Mp3StreamDecoder;
import dev.parley.runtime.speech.SpeechSamples;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PlayAI conversations without speech engines, driven as the published SDK drives them (its path and setup), with
 * the scripted agent taking its turns from {@code customInput} ({@code say:<command>}) since PlayAI has no typed turn.
 */
class PlayaiConversationTest {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    private Recorder recorder;

    @BeforeEach
    void clearRecorder() {
        recorder = SERVER.recorder();
        recorder.drain();
    }

    @Test
    void theSdkSetupIsAnsweredWithInitThenTheGreetingFramedForTheSdk() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            client.send(PlayaiTestClient.SDK_SETUP);
            JsonNode init = client.await("init");
            assertEquals("parley", init.path("agentOwnerId").asText());
            assertTrue(init.path("conversationId").asText().startsWith("conv_"), init::toString);
            assertEquals("en", init.path("language").asText());
            assertEquals("Hi there", client.message("onAgentGreeting"));
            client.await("newAudioStream");
            assertEquals("Hi there", client.message("onAgentGreetingEnd"));
        }
    }

    @Test
    void theSeedPathTakesTheSeedSetupWithAnApiKeyWhenAuthenticationIsOff() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "/v1/talk/scripted", Map.of())) {
            client.send("{\"type\":\"setup\",\"apiKey\":\"any\"}");
            client.await("init");
            assertEquals("Hi there", client.greeting());
        }
    }

    @Test
    void customInputReachesTheAgentAndItsReplyIsTheAgentTranscript() throws Exception {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            client.customInput("say:hello");
            assertEquals("context:say:hello", recorder.await("context:"));
            client.await("newAudioStream");
            assertEquals("You said: hello", client.agentTranscript());
        }
    }

    @Test
    void customGreetingReplacesTheAgentsGreetingAndThePromptReachesTheAgent() {
        String setup = PlayaiTestClient.setup(Map.of("customGreeting", "Welcome back", "prompt", "Be brief."));
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", setup)) {
            assertEquals("Welcome back", client.greeting());
            client.customInput("say:prompt");
            assertEquals("prompt Be brief.", client.agentTranscript());
        }
    }

    @Test
    void linear16AudioEchoedByTheAgentComesBackAsOneWavStreamPerResponse() {
        String setup = PlayaiTestClient.setup(Map.of("inputEncoding", "linear16", "outputFormat", "wav",
                "outputSampleRate", 16000));
        byte[] pcm = SpeechSamples.bytes(SpeechSamples.noise(0.1, 16_000, -20, 7));
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", setup)) {
            client.greeting();
            client.audioIn(pcm);
            client.audioIn(pcm);
            client.await("newAudioStream");
            client.await("audioStreamStart");
            client.customInput("say:done"); // the next response ends the echo's open-ended one
            byte[] wav = client.responseAudio();
            assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(16_000, java.nio.ByteBuffer.wrap(wav, 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
            byte[] twice = new byte[pcm.length * 2];
            System.arraycopy(pcm, 0, twice, 0, pcm.length);
            System.arraycopy(pcm, 0, twice, pcm.length, pcm.length);
            assertArrayEquals(twice, Arrays.copyOfRange(wav, 44, wav.length), "the echo, bit for bit, after the header");
            assertEquals("You said: done", client.agentTranscript());
        }
    }

    @Test
    void mulawAudioEchoedByTheAgentComesBackAsMp3At44100ByDefault() {
        byte[] mulaw = new byte[1536]; // the SDK's 96 ms frame
        short[] noise = SpeechSamples.noise(0.096, 16_000, -20, 3);
        MuLawCodec.encode(noise, 0, mulaw, 0, mulaw.length);
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            for (int i = 0; i < 11; i++) {
                client.audioIn(mulaw);
            }
            client.await("newAudioStream");
            client.await("audioStreamStart");
            client.customInput("say:done");
            Mp3StreamDecoder decoder = new Mp3StreamDecoder();
            short[] decoded = decoder.decode(client.responseAudio());
            assertEquals(44_100, decoder.sampleRate());
            double seconds = decoded.length / 44_100.0;
            assertTrue(Math.abs(seconds - 11 * 0.096) < 0.1, "about 1.06 s of audio, decoded " + seconds + " s");
            assertTrue(SpeechSamples.dbfs(decoded) > -35, "the echo is audible: " + SpeechSamples.dbfs(decoded) + " dBFS");
        }
    }

    @Test
    void continueConversationGivesTheAgentTheEarlierHistoryUnderTheSameId() throws Exception {
        String id;
        try (PlayaiTestClient first = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            first.send(PlayaiTestClient.SDK_SETUP);
            id = first.await("init").path("conversationId").asText();
            first.greeting();
            first.customInput("say:remember the blue door");
            assertEquals("You said: remember the blue door", first.agentTranscript());
        }
        Thread.sleep(200); // saves run off the connection's thread
        String setup = PlayaiTestClient.setup(Map.of("continueConversation", id));
        try (PlayaiTestClient second = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            second.send(setup);
            assertEquals(id, second.await("init").path("conversationId").asText());
            second.greeting();
            second.customInput("say:history");
            assertEquals("AGENT: Hi there | AGENT: You said: remember the blue door | AGENT: Hi there",
                    second.agentTranscript());
        }
    }

    @Test
    void continuingAnUnknownConversationIsAFatalInvalidParameters() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "scripted")) {
            client.send(PlayaiTestClient.setup(Map.of("continueConversation", "conv_nope")));
            JsonNode error = client.awaitError(4400, true);
            String message = "Invalid parameters. continueConversation: There is no conversation 'conv_nope' with agent "
                    + "'scripted' to continue";
            assertEquals(message, error.path("message").asText());
            client.assertClosed(4400, message);
        }
    }

    @Test
    void aHandlerFailureIsA4500ThatIsNotFatalAndTheConversationGoesOn() throws Exception {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            client.customInput("say:fail");
            JsonNode error = client.awaitError(4500, false);
            assertTrue(error.path("message").asText().startsWith("Internal error. The agent failed to handle that (ref "),
                    error::toString);
            client.customInput("say:after");
            assertEquals("You said: after", client.agentTranscript());
        }
    }

    @Test
    void anAgentThatCannotStartIsAFatal4500Closing1011() {
        try (PlayaiTestClient client = PlayaiTestClient.connect(SERVER.port(), "broken")) {
            client.send(PlayaiTestClient.SDK_SETUP);
            client.await("init");
            client.awaitError(4500, false); // the agent's failure, as every handler failure is reported
            JsonNode error = client.awaitError(4500, true);
            assertTrue(error.path("message").asText().startsWith("Internal error. The agent could not be started (ref "));
            assertEquals(1011, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void clientToolCallsAreAnsweredAsUnsupported() {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            client.customInput("say:tool");
            assertEquals("The tool said PlayAI clients run no client tools (error)", client.agentTranscript());
        }
    }

    @Test
    void theAgentEndingIsAHangupAndTheServerClosesOnlyIfTheClientDoesNot() throws Exception {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            recorder.drain();
            client.customInput("say:end");
            assertEquals("Goodbye", client.agentTranscript());
            assertEquals("agent", client.frames().skipTo("hangup").path("endedBy").asText());
            client.send("{\"type\":\"conversationAudio\",\"data\":\"GkXfow==\",\"chunkIndex\":1,\"totalChunks\":1,"
                    + "\"conversationId\":\"c\",\"mimeType\":\"audio/webm\"}");
            assertTrue(client.isOpen(), "the client may upload its recording after a hangup");
            long started = System.nanoTime();
            client.assertClosed(1000, "Goodbye from the agent");
            assertTrue(System.nanoTime() - started > Duration.ofSeconds(1).toNanos(), "closed after a grace period");
            // a session of an earlier test may still be ending: wait for this one's, which must be the agent's doing
            assertEquals("ended:AGENT_ENDED:1000", recorder.await("ended:AGENT_ENDED"));
        }
    }

    @Test
    void theSdksOtherMessagesAreAccepted() throws Exception {
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
            client.greeting();
            for (String frame : List.of("{\"type\":\"bufferEmpty\"}",
                    "{\"type\":\"mediaLog\",\"payload\":{\"type\":\"MEDIA_LOG\",\"message\":\"play\"}}",
                    "{\"type\":\"extendConversationSetup\",\"events\":[]}",
                    "{\"type\":\"audioIn\",\"data\":\"\"}")) {
                client.send(frame);
            }
            client.customInput("say:still here");
            assertEquals("You said: still here", client.agentTranscript());
        }
    }
}
