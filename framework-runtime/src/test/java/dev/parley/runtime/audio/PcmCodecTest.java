package dev.parley.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.api.AudioFormat.Encoding;
import org.junit.jupiter.api.Test;

class PcmCodecTest {

    @Test
    void pcm16IsLittleEndianSigned() {
        byte[] bytes = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80, (byte) 0xFF, 0x7F};
        short[] samples = Pcm16Codec.toShorts(bytes);
        assertArrayEquals(new short[] {0x1234, -1, Short.MIN_VALUE, Short.MAX_VALUE}, samples);
        assertArrayEquals(bytes, Pcm16Codec.fromShorts(samples));
        assertArrayEquals(new float[] {0x1234 / 32768f, -1 / 32768f, -1f, 32767 / 32768f}, Pcm16Codec.toFloats(bytes));
    }

    @Test
    void everyPcm16ValueSurvivesTheFloatRoundTrip() {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i + Short.MIN_VALUE);
        }
        byte[] bytes = Pcm16Codec.fromShorts(all);
        assertArrayEquals(bytes, Pcm16Codec.fromFloats(Pcm16Codec.toFloats(bytes)));
    }

    @Test
    void floatToPcm16RoundsAndClips() {
        assertEquals(16384, Pcm16Codec.toPcm16(0.5f));
        assertEquals(-16384, Pcm16Codec.toPcm16(-0.5f));
        assertEquals(1, Pcm16Codec.toPcm16(0.6f / 32768f));
        assertEquals(0, Pcm16Codec.toPcm16(0.4f / 32768f));
        assertEquals(Short.MAX_VALUE, Pcm16Codec.toPcm16(1f));
        assertEquals(Short.MAX_VALUE, Pcm16Codec.toPcm16(1.5f));
        assertEquals(Short.MIN_VALUE, Pcm16Codec.toPcm16(-1f));
        assertEquals(Short.MIN_VALUE, Pcm16Codec.toPcm16(-7f));
        assertEquals(0, Pcm16Codec.toPcm16(Float.NaN));
    }

    @Test
    void pcm16OffsetsAreInBytesAndSamples() {
        byte[] bytes = {9, 0x01, 0x00, 0x02, 0x00};
        short[] samples = new short[3];
        Pcm16Codec.toShorts(bytes, 1, samples, 1, 2);
        assertArrayEquals(new short[] {0, 1, 2}, samples);
        byte[] back = new byte[5];
        Pcm16Codec.fromShorts(samples, 1, back, 1, 2);
        assertArrayEquals(new byte[] {0, 0x01, 0x00, 0x02, 0x00}, back);
        assertThrows(IndexOutOfBoundsException.class, () -> Pcm16Codec.toShorts(bytes, 2, samples, 0, 2));
    }

    @Test
    void float32IsLittleEndianIeee() {
        byte[] bytes = Float32Codec.fromFloats(new float[] {1f, -2.5f});
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}, bytes);
        float[] values = {0f, -0f, 1.5f, -1e-9f, Float.MIN_VALUE, 3.25f};
        assertArrayEquals(values, Float32Codec.toFloats(Float32Codec.fromFloats(values)));
    }

    @Test
    void sampleCodecRoundTripsEveryEncoding() {
        float[] samples = {0f, 0.25f, -0.25f, 0.9f, -0.9f, 0.001f};
        for (Encoding encoding : Encoding.values()) {
            byte[] bytes = new byte[samples.length * encoding.bytesPerSample()];
            SampleCodec.encode(encoding, samples, 0, bytes, 0, samples.length);
            float[] back = new float[samples.length];
            SampleCodec.decode(encoding, bytes, 0, back, 0, samples.length);
            for (int i = 0; i < samples.length; i++) {
                // G.711 keeps roughly 5 significant bits: half a step is at most 1/32 of the value, plus
                // the size of the smallest step near zero.
                double tolerance = switch (encoding) {
                    case PCM16_LE -> 0.5 / 32768;
                    case FLOAT32_LE -> 0;
                    case MULAW, ALAW -> Math.abs(samples[i]) / 32 + 16 / 32768.0;
                };
                assertEquals(samples[i], back[i], tolerance, encoding + " " + samples[i]);
            }
        }
    }

    @Test
    void channelMixerAveragesAndDuplicates() {
        float[] stereo = {0.5f, 0.25f, -1f, 1f, 0.2f, 0f};
        float[] mono = new float[3];
        ChannelMixer.downmixToMono(stereo, 0, 2, mono, 0, 3);
        assertArrayEquals(new float[] {0.375f, 0f, 0.1f}, mono, 1e-7f);
        float[] triple = new float[9];
        ChannelMixer.duplicateMono(mono, 0, 3, triple, 0, 3);
        assertArrayEquals(new float[] {0.375f, 0.375f, 0.375f, 0f, 0f, 0f, 0.1f, 0.1f, 0.1f}, triple, 1e-7f);
    }
}
