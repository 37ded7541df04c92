package dev.parley.runtime.audio.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.Resampler;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusMode;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Raw packets, one a piece, as a client with its own encoder sends them: the source speech, taken to 48 kHz, encoded
 * by concentus here, since no tool writes headerless Opus to a file.
 */
class OpusPacketDecoderTest {

    private static final int FRAME = 960; // 20 ms at 48 kHz

    @Test
    void decodesOnePacketAPieceInEveryModeAndAtTheRateAskedFor() throws Exception {
        short[] speech = new Resampler(16_000, 48_000).process(speech16k());
        for (OpusMode mode : new OpusMode[] {OpusMode.MODE_SILK_ONLY, OpusMode.MODE_HYBRID, OpusMode.MODE_CELT_ONLY}) {
            List<byte[]> packets = encode(speech, mode);
            OpusPacketDecoder decoder = new OpusPacketDecoder();
            assertEquals(16_000, decoder.sampleRate(), "no header to wait for");
            short[] pcm = Fixtures.decodeAll(decoder, packets);
            assertEquals(packets.size() * FRAME / 3, pcm.length, mode + ": 20 ms a packet");
            assertEquals(Fixtures.SPEECH_SECONDS, pcm.length / 16_000.0, Fixtures.DURATION_TOLERANCE);
            Fixtures.assertHearsTheSentence(pcm, 16_000);

            short[] at8k = Fixtures.decodeAll(new OpusPacketDecoder(8_000), packets);
            assertEquals(packets.size() * FRAME / 6, at8k.length);
        }
    }

    @Test
    void anEmptyPieceDecodesToNothingAndGarbageIsACorruptPacket() {
        OpusPacketDecoder decoder = new OpusPacketDecoder();
        assertEquals(0, decoder.decode(new byte[0]).length);
        byte[] invalid = {(byte) 0x03, (byte) 0xFF}; // code 3 with a frame count of 63: longer than 120 ms
        AudioDecodingException e = assertThrows(AudioDecodingException.class, () -> decoder.decode(invalid));
        assertTrue(e.getMessage().startsWith("corrupt Opus packet of 2 bytes: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OpusPacketDecoder(44_100));
    }

    private static short[] speech16k() {
        byte[] wav = Fixtures.bytes("speech.wav");
        return Pcm16Codec.toShorts(Arrays.copyOfRange(wav, 44, wav.length));
    }

    private static List<byte[]> encode(short[] speech, OpusMode mode) throws Exception {
        OpusEncoder encoder = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setBitrate(32_000);
        encoder.setForceMode(mode);
        // SILK alone codes up to wideband; anything wider would make the encoder add CELT (hybrid)
        encoder.setBandwidth(mode == OpusMode.MODE_SILK_ONLY ? OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND
                : OpusBandwidth.OPUS_BANDWIDTH_FULLBAND);
        List<byte[]> packets = new ArrayList<>();
        byte[] packet = new byte[1275];
        for (int at = 0; at + FRAME <= speech.length; at += FRAME) {
            int length = encoder.encode(speech, at, FRAME, packet, 0, packet.length);
            packets.add(Arrays.copyOf(packet, length));
        }
        // the encoder treats the forced mode as a wish; the test must cover each mode for real
        assertTrue(packets.stream().anyMatch(p -> OpusPacketInfo.getEncoderMode(p, 0) == mode), mode + " packets");
        return packets;
    }
}
