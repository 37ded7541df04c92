package dev.parley.samples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.samples.testing.LocalSampleServer;
import dev.parley.samples.testing.XunaClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The echo agent over XUNA: user audio comes back unchanged as the agent's audio. */
class EchoOverXunaTest {
    static final int SAMPLE_RATE = 16_000;
    static final int CHUNK_MS = 100;
    static final int CHUNKS = 10;

    @RegisterExtension
    static final LocalSampleServer SERVER = new LocalSampleServer();

    @Test
    void userAudioChunksComeBackAsAudioOfOneResponseWithIdenticalBytesInOrder() {
        List<byte[]> chunks = chunks(tone(440, SAMPLE_RATE * CHUNK_MS / 1000 * CHUNKS), SAMPLE_RATE * CHUNK_MS / 1000 * 2);
        try (XunaClient client = XunaClient.connect(SERVER.port(), "echo")) {
            JsonNode metadata = client.initiate();
            assertEquals("pcm_16000", metadata.path("user_input_audio_format").asText());
            assertEquals("pcm_16000", metadata.path("agent_output_audio_format").asText());

            chunks.forEach(client::sendAudio);

            List<JsonNode> audio = new ArrayList<>();
            for (int i = 0; i < CHUNKS; i++) {
                audio.add(client.await("audio").path("audio_event"));
            }
            long responseId = audio.get(0).path("event_id").asLong();
            assertTrue(audio.get(0).path("event_id").isIntegralNumber(), audio.get(0)::toString);
            for (int i = 0; i < CHUNKS; i++) {
                JsonNode event = audio.get(i);
                assertEquals(responseId, event.path("event_id").asLong(), "event_id of chunk " + i);
                assertArrayEquals(chunks.get(i), Base64.getDecoder().decode(event.path("audio_base_64").asText()),
                        "bytes of chunk " + i);
            }
            assertEquals(List.of(), client.problems());
        }
    }

    @Test
    void theChunksAreRealLookingAudioAndAllDifferent() {
        List<byte[]> chunks = chunks(tone(440, SAMPLE_RATE * CHUNK_MS / 1000 * CHUNKS), SAMPLE_RATE * CHUNK_MS / 1000 * 2);
        assertEquals(CHUNKS, chunks.size());
        int loudest = 0;
        for (int c = 0; c < CHUNKS; c++) {
            byte[] pcm = chunks.get(c);
            assertEquals(3_200, pcm.length, "100 ms of 16 kHz PCM16");
            int crossings = 0;
            for (int i = 0; i < pcm.length / 2; i++) {
                loudest = Math.max(loudest, Math.abs(sample(pcm, i)));
                if (i > 0 && (sample(pcm, i - 1) < 0) != (sample(pcm, i) < 0)) {
                    crossings++;
                }
            }
            int counted = crossings;
            assertTrue(counted >= 86 && counted <= 89, () -> "440 Hz crosses zero about 88 times in 100 ms, got " + counted);
            for (int other = 0; other < c; other++) {
                assertFalse(Arrays.equals(chunks.get(other), pcm), "chunks " + other + " and " + c + " differ, so order shows");
            }
        }
        assertTrue(loudest > 9_000 && loudest <= 10_000, "peak " + loudest);
    }

    /**
     * {@code samples} of a 16-bit little-endian sine at {@code hz}, its amplitude fading in from 2,000 to 10,000.
     * 100 ms hold exactly 44 periods of 440 Hz at 16 kHz, so without the fade every chunk would be the same.
     */
    static byte[] tone(double hz, int samples) {
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            double amplitude = 2_000 + 8_000.0 * i / samples;
            short value = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    static List<byte[]> chunks(byte[] pcm, int bytes) {
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += bytes) {
            chunks.add(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + bytes)));
        }
        return chunks;
    }

    private static short sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }
}
