package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import dev.parley.runtime.testing.XunaTestClient;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code parley.inline-audio=on} the scripted agent's {@code @OnAudio} runs on the container's thread whenever
 * its session is idle: every chunk still comes back once, whole and in order, and a typed turn sent after the audio
 * is answered after it.
 */
class XunaInlineAudioTest {
    private static ParleyServer server;

    @BeforeAll
    static void start() {
        server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of(
                "parley.speech", "off",
                "parley.inline-audio", "on")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyChunkComesBackOnceInOrderAndATurnAfterThemIsAnsweredAfterThem() throws Exception {
        int chunks = 300;
        try (XunaTestClient client = XunaTestClient.initiated(server.port(), "scripted")) {
            assertEquals("Hi there", client.agentResponse());
            for (int i = 0; i < chunks; i++) {
                client.send("{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(chunk(i)) + "\"}");
            }
            client.userMessage("after the audio");
            List<JsonNode> frames = client.collectUntil(frame -> frame.path("type").asText().equals("agent_response"), 20);
            List<JsonNode> audio = frames.stream().filter(frame -> frame.path("type").asText().equals("audio")).toList();
            assertEquals(chunks, audio.size());
            for (int i = 0; i < chunks; i++) {
                assertArrayEquals(chunk(i), audio.get(i).path("audio_event").path("audio_base_64").binaryValue());
            }
            assertEquals("You said: after the audio",
                    frames.get(frames.size() - 1).path("agent_response_event").path("agent_response").asText());
        }
    }

    /** 20 ms of 16 kHz PCM whose first samples say which chunk it is. */
    private static byte[] chunk(int index) {
        byte[] pcm = new byte[640];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (index * 31 + i);
        }
        pcm[0] = (byte) index;
        pcm[1] = (byte) (index >> 8);
        return pcm;
    }
}
