package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Frames as the published web SDK 0.2.12 sends them (docs/dialects/playai-sdk-notes.md), decoded; and server frames
 * checked against what the SDK's schema requires, since it silently drops a frame that misses a field.
 */
class PlayaiCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlayaiDecoder decoder = new PlayaiDecoder();
    private final PlayaiEncoder encoder = new PlayaiEncoder();

    @Test
    void theSdksSetupWithTypeLastAndItsOptions() throws Exception {
        var setup = assertInstanceOf(PlayaiInbound.Setup.class, decoder.decode("{\"inputEncoding\":\"mulaw\","
                + "\"inputSampleRate\":16000,\"outputFormat\":\"mp3\",\"shouldSendLanguage\":true,\"customGreeting\":\"Hey\","
                + "\"prompt\":\"Be brief.\",\"continueConversation\":\"conv_1\",\"utteranceEndThreshold\":0.5,"
                + "\"events\":[\"a\"],\"type\":\"setup\"}"));
        assertEquals("mulaw", setup.inputEncoding());
        assertEquals(16_000, setup.inputSampleRate());
        assertEquals("mp3", setup.outputFormat());
        assertNull(setup.outputSampleRate());
        assertNull(setup.apiKey());
        assertEquals("Hey", setup.customGreeting());
        assertEquals("Be brief.", setup.prompt());
        assertEquals("conv_1", setup.continueConversation());
        assertEquals(0.5, setup.raw().get("utteranceEndThreshold"));
        assertEquals(true, setup.raw().get("shouldSendLanguage"));
    }

    @Test
    void theSdksAudioFrameAndItsMutedFrame() throws Exception {
        byte[] frame = new byte[1536];
        frame[0] = (byte) 0xFF;
        var audio = assertInstanceOf(PlayaiInbound.AudioIn.class, decoder.decode("{\"type\":\"audioIn\",\"data\":\""
                + Base64.getEncoder().encodeToString(frame) + "\"}"));
        assertArrayEquals(frame, audio.data());
        var muted = assertInstanceOf(PlayaiInbound.AudioIn.class, decoder.decode("{\"type\":\"audioIn\",\"data\":\"\"}"));
        assertEquals(0, muted.data().length);
    }

    @Test
    void customInputCarriesItsData() throws Exception {
        var input = assertInstanceOf(PlayaiInbound.CustomInput.class,
                decoder.decode("{\"type\":\"customInput\",\"data\":\"the user opened the menu\"}"));
        assertEquals("the user opened the menu", input.text());
    }

    @Test
    void theSdksHousekeepingFramesAreAcceptedAndIgnored() throws Exception {
        for (String frame : new String[] {
                "{\"type\":\"bufferEmpty\"}",
                "{\"type\":\"mediaLog\",\"payload\":{\"id\":\"1\",\"type\":\"MEDIA_LOG\",\"subtype\":\"MEDIA_ON_PLAY\","
                        + "\"messageType\":\"info\",\"message\":\"play\",\"timestamp\":\"1764550000000\","
                        + "\"conversationId\":\"conv_1\",\"isSysLog\":false}}",
                "{\"type\":\"extendConversationSetup\",\"events\":[\"x\"]}",
                "{\"type\":\"conversationAudio\",\"data\":\"GkXfow==\",\"chunkIndex\":1,\"totalChunks\":3,"
                        + "\"conversationId\":\"conv_1\",\"mimeType\":\"audio/webm\"}"}) {
            assertInstanceOf(PlayaiInbound.Ignored.class, decoder.decode(frame), frame);
        }
    }

    @Test
    void wrongTypesAreInvalidParameters() {
        var wrong = assertThrows(PlayaiException.class, () -> decoder.decode("{\"type\":\"setup\",\"apiKey\":5}"));
        assertEquals(4400, wrong.error.code);
        assertEquals("Invalid parameters. \"apiKey\" must be a string", wrong.getMessage());
        var fraction = assertThrows(PlayaiException.class,
                () -> decoder.decode("{\"type\":\"setup\",\"outputSampleRate\":44100.5}"));
        assertEquals("Invalid parameters. \"outputSampleRate\" must be a whole number", fraction.getMessage());
        var array = assertThrows(PlayaiException.class, () -> decoder.decode("[1,2]"));
        assertEquals("Invalid parameters. A message is a JSON object with a \"type\"", array.getMessage());
    }

    @Test
    void serverFramesHaveEveryFieldTheSdksSchemaRequires() throws Exception {
        JsonNode init = JSON.readTree(encoder.init("parley", "conv_1", "en"));
        assertEquals("init", init.path("type").asText());
        assertTrue(init.path("agentOwnerId").isTextual() && init.path("conversationId").isTextual());
        JsonNode end = JSON.readTree(encoder.audioStreamEnd("Hello", 7));
        assertTrue(end.path("jobId").isNumber() && end.path("message").isTextual(), end::toString);
        JsonNode error = JSON.readTree(encoder.error(PlayaiException.invalid("bad")));
        assertEquals(4400, error.path("code").asInt());
        assertTrue(error.path("isFatal").isBoolean() && error.path("message").isTextual(), error::toString);
        JsonNode audio = JSON.readTree(encoder.audioStream(new byte[] {1, 2, 3}));
        assertEquals("AQID", audio.path("data").asText());
        assertEquals("agent", JSON.readTree(encoder.hangup("agent")).path("endedBy").asText());
        assertEquals("Hi", JSON.readTree(encoder.agentInterrupted("Hi")).path("updatedMessage").asText());
        assertEquals("newAudioStream", JSON.readTree(encoder.bare("newAudioStream")).path("type").asText());
        assertEquals("quote \" inside", JSON.readTree(encoder.withMessage("onAgentTranscript", "quote \" inside"))
                .path("message").asText());
    }
}
