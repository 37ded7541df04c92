package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ClientOverrides;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XUNA frames recorded from @elevenlabs/client 1.25.0 (and the seed's forms), decoded; agent events encoded. */
class XunaCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] FOUR_SAMPLES = {0, 0, 1, 0, 2, 0, (byte) 0xFE, (byte) 0xFF};
    private final XunaCodec codec = new XunaCodec();

    private static String recorded(String name) throws IOException {
        try (InputStream in = XunaCodecTest.class.getResourceAsStream("/xuna/recorded/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private XunaInbound decode(String name) throws Exception {
        return codec.decode(recorded(name));
    }

    @Test
    void textOnlyInitiationOfTheCurrentClient() throws Exception {
        var data = assertInstanceOf(XunaInbound.ClientData.class, decode("client-initiation-text-only"));
        ClientOverrides overrides = XunaOverrides.of(data);
        assertTrue(overrides.textOnly());
        assertTrue(overrides.prompt().isEmpty());
        assertEquals(Map.of("source", "js_sdk", "version", "1.25.0"), overrides.raw().get("source_info"));
    }

    @Test
    void initiationWithEveryOverride() throws Exception {
        var data = assertInstanceOf(XunaInbound.ClientData.class, decode("client-initiation-full"));
        ClientOverrides overrides = XunaOverrides.of(data);
        assertEquals("You are terse.", overrides.prompt().orElseThrow());
        assertEquals("Hi, Ada!", overrides.firstMessage().orElseThrow());
        assertEquals("en", overrides.language().orElseThrow());
        assertEquals("slt", overrides.voiceId().orElseThrow());
        assertEquals("user-42", overrides.userId().orElseThrow());
        assertEquals(Map.of("name", "Ada", "visits", 3), overrides.dynamicVariables());
        assertFalse(overrides.textOnly());
        assertEquals(Map.of("temperature", 0.2), overrides.raw().get("custom_llm_extra_body"));
    }

    @Test
    void bareInitiationOfTheOldClient() throws Exception {
        var data = assertInstanceOf(XunaInbound.ClientData.class, decode("client-initiation-0.2.0"));
        assertEquals(ClientOverrides.NONE.textOnly(), XunaOverrides.of(data).textOnly());
        assertTrue(XunaOverrides.of(data).firstMessage().isEmpty());
    }

    @Test
    void bothAudioFormsDecodeToTheSameSamples() throws Exception {
        var real = assertInstanceOf(XunaInbound.UserAudio.class, decode("client-user-audio-chunk"));
        var seed = assertInstanceOf(XunaInbound.UserAudio.class, decode("client-audio-seed-form"));
        assertArrayEquals(FOUR_SAMPLES, real.pcm());
        assertArrayEquals(FOUR_SAMPLES, seed.pcm());
    }

    @Test
    void controlMessages() throws Exception {
        assertEquals("What are your opening hours?",
                assertInstanceOf(XunaInbound.UserMessage.class, decode("client-user-message")).text());
        assertEquals(3L, assertInstanceOf(XunaInbound.Pong.class, decode("client-pong")).eventId());
        assertEquals("The user opened the pricing page",
                assertInstanceOf(XunaInbound.ContextualUpdate.class, decode("client-contextual-update")).text());
        assertInstanceOf(XunaInbound.UserActivity.class, decode("client-user-activity"));
        var tool = assertInstanceOf(XunaInbound.ClientToolResult.class, decode("client-tool-result"));
        assertEquals("tc_1", tool.toolCallId());
        assertTrue(tool.isError());
        assertTrue(tool.result().startsWith("Client tool with name lookup"));
    }

    @Test
    void acceptedButIgnoredMessages() throws Exception {
        assertEquals("feedback", assertInstanceOf(XunaInbound.Ignored.class, decode("client-feedback")).type());
        assertEquals("multimodal_message", assertInstanceOf(XunaInbound.Ignored.class, decode("client-multimodal")).type());
    }

    @Test
    void toolResultsThatAreNotStringsKeepTheirJson() throws Exception {
        var tool = assertInstanceOf(XunaInbound.ClientToolResult.class,
                codec.decode("{\"type\":\"client_tool_result\",\"tool_call_id\":\"t\",\"result\":{\"open\":true},\"is_error\":false}"));
        assertEquals("{\"open\":true}", tool.result());
    }

    @Test
    void anAudioChunkDecodesAlikeInTheClientsCompactFormAndInAnyOtherJson() throws Exception {
        byte[] pcm = new byte[3_200];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * 7);
        }
        String base64 = java.util.Base64.getEncoder().encodeToString(pcm);
        for (String frame : new String[] {
                "{\"user_audio_chunk\":\"" + base64 + "\"}",                       // the client's form: no tree
                "{ \"user_audio_chunk\" : \"" + base64 + "\" }",                   // whitespace: through the tree
                "{\"user_audio_chunk\":\"" + base64.replace("/", "\\/") + "\"}",  // an escaped slash: the tree
                "{\"x\":\"1\",\"user_audio_chunk\":\"" + base64 + "\"}"}) {        // another field first: the tree
            var audio = assertInstanceOf(XunaInbound.UserAudio.class, codec.decode(frame), frame::toString);
            assertArrayEquals(pcm, audio.pcm(), frame.substring(0, 30));
        }
        // a frame that only looks compact: what is inside the quotes is not all base64
        var twoFields = assertThrows(XunaProtocolException.class,
                () -> codec.decode("{\"user_audio_chunk\":\"AAAA\",\"user_audio_chunk\":\"%\"}"));
        assertEquals("invalid_audio", twoFields.errorType());
        var empty = assertInstanceOf(XunaInbound.UserAudio.class, codec.decode("{\"user_audio_chunk\":\"\"}"));
        assertEquals(0, empty.pcm().length);
    }

    @Test
    void rejectionsNameTheProblem() {
        var wrongType = assertThrows(XunaProtocolException.class, () -> codec.decode("{\"type\":\"user_message\",\"text\":[1]}"));
        assertEquals("invalid_message", wrongType.errorType());
        var badAudio = assertThrows(XunaProtocolException.class, () -> codec.decode("{\"user_audio_chunk\":\"%%%\"}"));
        assertEquals("invalid_audio", badAudio.errorType());
    }

    @Test
    void outboundFramesHaveTheShapesTheClientReads() throws Exception {
        assertJson("{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":{"
                + "\"conversation_id\":\"conv_1\",\"agent_output_audio_format\":\"pcm_16000\",\"user_input_audio_format\":\"ulaw_8000\"}}",
                codec.metadata("conv_1", "pcm_16000", "ulaw_8000"));
        assertJson("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":\"Hi\",\"event_id\":4}}",
                codec.agentResponse(4, "Hi"));
        assertJson("{\"type\":\"user_transcript\",\"user_transcription_event\":{\"user_transcript\":\"hello\",\"event_id\":2}}",
                codec.userTranscript(2, "hello"));
        assertJson("{\"type\":\"tentative_user_transcript\",\"tentative_user_transcription_event\":{\"user_transcript\":\"hel\",\"event_id\":2}}",
                codec.tentativeUserTranscript(2, "hel"));
        assertJson("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"AAABAAIA/v8=\",\"event_id\":4}}",
                codec.audio(4, FOUR_SAMPLES));
        assertJson("{\"type\":\"interruption\",\"interruption_event\":{\"event_id\":4}}", codec.interruption(4));
        assertJson("{\"type\":\"ping\",\"ping_event\":{\"event_id\":7}}", codec.ping(7, null));
        assertJson("{\"type\":\"ping\",\"ping_event\":{\"event_id\":8,\"ping_ms\":12}}", codec.ping(8, 12L));
        assertJson("{\"type\":\"agent_chat_response_part\",\"text_response_part\":{\"text\":\"Hi\",\"type\":\"delta\",\"event_id\":4}}",
                codec.agentResponsePart(4, "delta", "Hi"));
        assertJson("{\"type\":\"agent_response_correction\",\"agent_response_correction_event\":{\"original_agent_response\":"
                + "\"We are open all day.\",\"corrected_agent_response\":\"We are\",\"event_id\":4}}",
                codec.agentResponseCorrection(4, "We are open all day.", "We are"));
        assertJson("{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_name\":\"lookup\",\"tool_call_id\":\"tool_1\","
                + "\"parameters\":{\"q\":\"hours\"}}}", codec.clientToolCall("tool_1", "lookup", Map.of("q", "hours")));
        assertJson("{\"type\":\"error\",\"error_event\":{\"error_type\":\"invalid_audio\",\"message\":\"bad\"}}",
                codec.error("invalid_audio", "bad"));
    }

    /**
     * {@code audio} and {@code ping} are written by hand (they are per chunk and per heartbeat); they must be the very
     * text the Jackson tree wrote before, for every length of audio (base64 padding) and event id.
     */
    @Test
    void handWrittenFramesAreWhatTheJsonTreeWrote() throws Exception {
        java.util.Random random = new java.util.Random(7);
        long[] ids = {0, 1, 4, 1_234_567_890_123L, Long.MAX_VALUE, -1};
        for (int length : new int[] {0, 1, 2, 3, 4, 5, 160, 3_200, 3_201, 3_202}) {
            byte[] audio = new byte[length];
            random.nextBytes(audio);
            for (long id : ids) {
                ObjectNode tree = JSON.createObjectNode().put("type", "audio");
                tree.putObject("audio_event").put("audio_base_64", audio).put("event_id", id);
                String fast = codec.audio(id, audio);
                assertEquals(JSON.writeValueAsString(tree), fast);
                assertJson(JSON.writeValueAsString(tree), fast);
                assertArrayEquals(audio, JSON.readTree(fast).path("audio_event").path("audio_base_64").binaryValue());
            }
        }
        for (long id : ids) {
            for (Long roundTrip : new Long[] {null, 0L, 12L, Long.MAX_VALUE}) {
                ObjectNode tree = JSON.createObjectNode().put("type", "ping");
                ObjectNode event = tree.putObject("ping_event").put("event_id", id);
                if (roundTrip != null) {
                    event.put("ping_ms", roundTrip);
                }
                String fast = codec.ping(id, roundTrip);
                assertEquals(JSON.writeValueAsString(tree), fast);
                assertJson(JSON.writeValueAsString(tree), fast);
            }
        }
    }

    private static void assertJson(String expected, String actual) throws IOException {
        JsonNode expectedTree = JSON.readTree(expected);
        JsonNode actualTree = JSON.readTree(actual);
        assertEquals(expectedTree, actualTree);
    }
}
