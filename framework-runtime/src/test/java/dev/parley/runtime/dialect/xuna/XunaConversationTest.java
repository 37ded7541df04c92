package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.TestServer;
import dev.parley.runtime.testing.XunaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XUNA conversations against a real server, through a real WebSocket client. */
class XunaConversationTest {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    private Recorder recorder;

    @BeforeEach
    void freshRecorder() {
        recorder = SERVER.recorder();
        recorder.drain();
    }

    @Test
    void handshakeSelectsConvaiAndSendsMetadataFirstThenTheGreeting() {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted&source=js_sdk&version=1.25.0")) {
            assertEquals("convai", client.subprotocol());
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"agent\":{},\"tts\":{},\"conversation\":{}},\"source_info\":{\"source\":\"js_sdk\",\"version\":\"1.25.0\"}}");
            JsonNode metadata = client.await("conversation_initiation_metadata").path("conversation_initiation_metadata_event");
            assertTrue(metadata.path("conversation_id").asText().startsWith("conv_"), metadata::toString);
            assertEquals("pcm_16000", metadata.path("agent_output_audio_format").asText());
            assertEquals("pcm_16000", metadata.path("user_input_audio_format").asText());
            JsonNode start = client.await("agent_chat_response_part").path("text_response_part");
            assertEquals("start", start.path("type").asText());
            JsonNode greeting = client.skipTo("agent_response").path("agent_response_event");
            assertEquals("Hi there", greeting.path("agent_response").asText());
            assertEquals(1, greeting.path("event_id").asLong());
        }
    }

    @Test
    void typedQuestionIsEchoedAsTranscriptAndAnsweredWithIncreasingEventIds() {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            assertEquals("Hi there", client.agentResponse());
            client.userMessage("hello");
            JsonNode transcript = client.skipTo("user_transcript").path("user_transcription_event");
            assertEquals("hello", transcript.path("user_transcript").asText());
            JsonNode answer = client.skipTo("agent_response").path("agent_response_event");
            assertEquals("You said: hello", answer.path("agent_response").asText());
            assertEquals(2, transcript.path("event_id").asLong());
            assertEquals(3, answer.path("event_id").asLong());
        }
    }

    @Test
    void pingsCarryIncreasingEventIdsAndRoundTripOnceAnswered() {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            long first = client.nextPing().path("ping_event").path("event_id").asLong();
            JsonNode second = client.nextPing().path("ping_event");
            JsonNode third = client.nextPing().path("ping_event");
            assertEquals(first + 1, second.path("event_id").asLong());
            assertEquals(first + 2, third.path("event_id").asLong());
            assertTrue(third.has("ping_ms"), () -> "ping_ms after an answered ping: " + third);
        }
    }

    @Test
    void aClientThatStopsAnsweringPingsIsClosedAsDead() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.answerPings(false);
            var close = client.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().startsWith("No pong within 1000 ms"), close::getReasonPhrase);
            assertEquals("ended:TIMEOUT:1008", recorder.await("ended:TIMEOUT:1008"));
        }
    }

    @Test
    void unknownAgentIsRefusedWithAReasonNamingTheAgentsThatExist() {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=nobody")) {
            var close = client.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().startsWith("Unknown agent 'nobody'. Agents here: "), close::getReasonPhrase);
            assertTrue(close.getReasonPhrase().contains("scripted"), close::getReasonPhrase);
            assertFalse(close.getReasonPhrase().contains("vault"), "private agents are not listed");
        }
    }

    @Test
    void missingAgentIdIsRefused() {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "source=js_sdk")) {
            var close = client.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode());
            assertEquals("Missing agent_id query parameter", close.getReasonPhrase());
        }
    }

    @Test
    void privateAgentNeedsASignedTokenAndRejectsForgedOnes() {
        try (XunaTestClient byId = XunaTestClient.connect(SERVER.port(), "agent_id=vault")) {
            var close = byId.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().contains("private"), close::getReasonPhrase);
        }
        String token = SERVER.server().runtime().tokens().mint("vault", Duration.ofMinutes(5));
        try (XunaTestClient signed = XunaTestClient.connect(SERVER.port(), "token=" + token)) {
            signed.send("{\"type\":\"conversation_initiation_client_data\"}");
            signed.await("conversation_initiation_metadata");
            assertEquals("Vault open", signed.agentResponse());
        }
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        try (XunaTestClient rejected = XunaTestClient.connect(SERVER.port(), "token=" + forged)) {
            var close = rejected.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode());
            assertEquals("Invalid or expired token", close.getReasonPhrase());
        }
    }

    @Test
    void bothAudioFormsReachOnAudioAndComeBackAsAgentAudioOfOneResponse() throws Exception {
        byte[] pcm = new byte[640];
        pcm[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(pcm);
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            assertEquals("Hi there", client.agentResponse());
            client.send("{\"user_audio_chunk\":\"" + b64 + "\"}");
            client.send("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"" + b64 + "\"}}");
            assertEquals("audio:640", recorder.await("audio:"));
            assertEquals("audio:640", recorder.await("audio:"));
            JsonNode first = client.await("audio").path("audio_event");
            JsonNode second = client.await("audio").path("audio_event");
            assertEquals(b64, first.path("audio_base_64").asText());
            assertEquals(first.path("event_id").asLong(), second.path("event_id").asLong());
        }
    }

    @Test
    void agentAudioIsConvertedToTheOutputFormatTheClientAskedFor() throws Exception {
        byte[] pcm16k = new byte[640]; // 20 ms at 16 kHz
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"tts\":{\"agent_output_audio_format\":\"pcm_24000\"}}}");
            JsonNode metadata = client.await("conversation_initiation_metadata").path("conversation_initiation_metadata_event");
            assertEquals("pcm_24000", metadata.path("agent_output_audio_format").asText());
            assertEquals("pcm_16000", metadata.path("user_input_audio_format").asText());
            client.agentResponse();
            client.send("{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(pcm16k) + "\"}");
            byte[] out = Base64.getDecoder().decode(client.await("audio").path("audio_event").path("audio_base_64").asText());
            assertEquals(960, out.length, "20 ms at 24 kHz");
        }
    }

    @Test
    void streamedReplyArrivesAsStartDeltasStopThenTheWholeResponse() {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "streaming")) {
            client.userMessage("count");
            client.await("user_transcript");
            List<String> parts = new ArrayList<>();
            JsonNode frame;
            while ((frame = client.next()).path("type").asText().equals("agent_chat_response_part")) {
                JsonNode part = frame.path("text_response_part");
                parts.add(part.path("type").asText() + ":" + part.path("text").asText());
            }
            assertEquals(List.of("start:", "delta:one ", "delta:two ", "delta:three", "stop:"), parts);
            assertEquals("agent_response", frame.path("type").asText());
            assertEquals("one two three", frame.path("agent_response_event").path("agent_response").asText());
        }
    }

    @Test
    void aNewUserTurnInterruptsTheStreamingReplyAndNothingOfItFollows() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "slow")) {
            client.userMessage("talk");
            client.await("user_transcript");
            client.await("agent_chat_response_part");
            JsonNode delta = client.await("agent_chat_response_part").path("text_response_part");
            long responseId = delta.path("event_id").asLong();
            client.userMessage("short");
            List<JsonNode> before = new ArrayList<>();
            JsonNode frame;
            while (!(frame = client.next()).path("type").asText().equals("interruption")) {
                before.add(frame);
            }
            assertEquals(responseId + 1, frame.path("interruption_event").path("event_id").asLong(),
                    "@elevenlabs/client keeps audio whose event_id is at least the interruption's");
            String heard = recorder.await("slow-interrupted:" + responseId + ":").substring(("slow-interrupted:" + responseId + ":").length());
            assertTrue(heard.startsWith("word0 "), heard);
            JsonNode kept = client.await("agent_response").path("agent_response_event");
            assertEquals(responseId, kept.path("event_id").asLong());
            assertEquals(heard, kept.path("agent_response").asText(), "the transcript keeps what the user heard");
            assertEquals("short answer", client.agentResponse());
            Thread.sleep(300);
            for (JsonNode late : client.drain()) {
                assertNotEquals(responseId, late.path("text_response_part").path("event_id").asLong(-1),
                        () -> "a part of the interrupted response arrived after the interruption: " + late);
            }
        }
    }

    @Test
    void overridesReachTheAgentAndTheFirstMessageReplacesTheGreeting() throws Exception {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":{\"agent\":"
                    + "{\"first_message\":\"Welcome back\",\"prompt\":{\"prompt\":\"Be brief\"}}},"
                    + "\"dynamic_variables\":{\"name\":\"Ada\"}}");
            client.await("conversation_initiation_metadata");
            assertEquals("Welcome back", client.agentResponse());
            assertTrue(recorder.await("started:").endsWith(":{name=Ada}"));
            client.userMessage("prompt");
            assertEquals("prompt Be brief", client.agentResponse());
        }
    }

    @Test
    void eachSessionHasItsOwnAgentInstanceDestroyedWhenTheSessionEnds() throws Exception {
        String first;
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.userMessage("instance");
            client.agentResponse();
            first = client.agentResponse();
        }
        String instance = first.substring("instance ".length());
        assertEquals("ended:CLIENT_CLOSED:1000", recorder.await("ended:CLIENT_CLOSED:1000"));
        assertEquals("destroyed:" + instance, recorder.await("destroyed:" + instance));
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.userMessage("instance");
            client.agentResponse();
            assertNotEquals(first, client.agentResponse());
        }
    }

    @Test
    void theAgentEndingTheConversationClosesWith1000AfterItsLastWords() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.userMessage("end");
            assertEquals("Goodbye", client.agentResponse());
            var close = client.awaitClose();
            assertEquals(1000, close.getCloseCode().getCode());
            assertEquals("Goodbye from the agent", close.getReasonPhrase());
            assertEquals("ended:AGENT_ENDED:1000", recorder.await("ended:AGENT_ENDED:1000"));
        }
    }

    @Test
    void contextualUpdatesAndClientToolResultsReachTheAgent() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.send("{\"type\":\"contextual_update\",\"text\":\"user opened the menu\"}");
            assertEquals("context:user opened the menu", recorder.await("context:"));
            client.userMessage("tool");
            JsonNode call = client.skipTo("client_tool_call").path("client_tool_call");
            assertEquals("lookup", call.path("tool_name").asText());
            assertEquals("hours", call.path("parameters").path("query").asText());
            client.send("{\"type\":\"client_tool_result\",\"tool_call_id\":\"" + call.path("tool_call_id").asText()
                    + "\",\"result\":\"9 to 5\",\"is_error\":false}");
            assertEquals("The tool said 9 to 5", client.agentResponse());
        }
    }

    @Test
    void aFailingHandlerGivesThatSessionAnErrorEventAndTheConversationGoesOn() throws Exception {
        try (XunaTestClient failing = XunaTestClient.initiated(SERVER.port(), "scripted");
             XunaTestClient bystander = XunaTestClient.initiated(SERVER.port(), "scripted")) {
            failing.agentResponse();
            bystander.agentResponse();
            failing.userMessage("fail");
            JsonNode error = failing.skipTo("error").path("error_event");
            assertEquals("agent_error", error.path("error_type").asText());
            assertTrue(error.path("message").asText().matches("The agent failed to handle that \\(ref [0-9a-f]{8}\\)"),
                    error::toString);
            assertEquals("error:scripted failure", recorder.await("error:"));
            failing.userMessage("fail later");
            assertEquals("agent_error", failing.skipTo("error").path("error_event").path("error_type").asText());
            failing.userMessage("still there?");
            assertEquals("You said: still there?", failing.agentResponse());
            bystander.userMessage("fine?");
            assertEquals("You said: fine?", bystander.agentResponse());
        }
    }

    @Test
    void anAgentThatCannotBeCreatedEndsTheSessionWith1011AndAnErrorReference() {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "broken")) {
            JsonNode error = client.await("error").path("error_event");
            assertEquals("agent_error", error.path("error_type").asText());
            var close = client.awaitClose();
            assertEquals(1011, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().matches("The agent could not be started \\(ref [0-9a-f]{8}\\)"),
                    close::getReasonPhrase);
        }
    }

    @Test
    void textOnlyConversationsGetNoAudio() throws Exception {
        byte[] pcm = new byte[320];
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"conversation\":{\"text_only\":true}}}");
            client.await("conversation_initiation_metadata");
            client.agentResponse();
            client.send("{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}");
            recorder.await("audio:");
            client.expectSilence(Duration.ofMillis(300));
        }
    }
}
