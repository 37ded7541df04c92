package dev.parley.runtime.audio;

import static dev.parley.runtime.audio.ToneAnalysis.db;
import static dev.parley.runtime.audio.ToneAnalysis.fit;
import static dev.parley.runtime.audio.ToneAnalysis.sine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFormat.Encoding;
import dev.parley.api.AudioFrame;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AudioConverterTest {

    private static final AudioFormat MULAW_8K = new AudioFormat(Encoding.MULAW, 8_000, 1);

    @Test
    void telephonyRoundTripKeepsA440HzTone() {
        AudioConverter toPhone = new AudioConverter(AudioFormat.PCM16_16K, MULAW_8K);
        AudioConverter fromPhone = new AudioConverter(MULAW_8K, AudioFormat.PCM16_16K);
        byte[] pcm = Pcm16Codec.fromFloats(sine(440, 0.5, 16_000, 16_000));

        float[] result = new float[16_000];
        int produced = 0;
        for (int offset = 0; offset < pcm.length; offset += 640) { // 20 ms frames
            AudioFrame phone = toPhone.convert(new AudioFrame(AudioFormat.PCM16_16K, Arrays.copyOfRange(pcm, offset, offset + 640)));
            assertEquals(MULAW_8K, phone.format());
            assertEquals(160, phone.sampleCount(), "20 ms at 8 kHz");
            AudioFrame back = fromPhone.convert(phone);
            assertEquals(320, back.sampleCount(), "20 ms at 16 kHz");
            Pcm16Codec.toFloats(back.data(), 0, result, produced, back.sampleCount());
            produced += back.sampleCount();
        }

        ToneAnalysis.Fit tone = fit(result, 1600, result.length, 440, 16_000); // skip the first 100 ms
        assertEquals(0, db(tone.amplitude() / 0.5), 0.5, "440 Hz level in dB");
        double noiseDb = db(tone.residualRms() / (tone.amplitude() / Math.sqrt(2)));
        assertTrue(noiseDb < -30, "mu-law noise and distortion at " + noiseDb + " dB");
    }

    @Test
    void stereoIsAveragedToMono() {
        AudioFormat stereo = new AudioFormat(Encoding.PCM16_LE, 16_000, 2);
        short[] interleaved = {1000, 3000, -2000, 0, 32767, 32767, -32768, -32768};
        AudioFrame mono = new AudioConverter(stereo, AudioFormat.PCM16_16K)
                .convert(new AudioFrame(stereo, Pcm16Codec.fromShorts(interleaved)));
        assertEquals(AudioFormat.PCM16_16K, mono.format());
        assertArrayEquals(new short[] {2000, -1000, 32767, -32768}, Pcm16Codec.toShorts(mono.data()));
    }

    @Test
    void stereoAtAnotherRateIsMixedThenResampled() {
        AudioFormat stereo48k = new AudioFormat(Encoding.FLOAT32_LE, 48_000, 2);
        float[] left = sine(1000, 0.8, 48_000, 9600);
        float[] interleaved = new float[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i]; // right channel silent: the mix is half the left
        }
        AudioFrame out = new AudioConverter(stereo48k, AudioFormat.PCM16_16K)
                .convert(new AudioFrame(stereo48k, Float32Codec.fromFloats(interleaved)));
        assertEquals(3200, out.sampleCount());
        float[] mono = Pcm16Codec.toFloats(out.data());
        assertEquals(0.4, fit(mono, 400, mono.length, 1000, 16_000).amplitude(), 0.4 * 0.06); // 0.5 dB
    }

    @Test
    void monoIsCopiedToEveryOutputChannel() {
        AudioFormat stereo = new AudioFormat(Encoding.PCM16_LE, 8_000, 2);
        AudioFrame out = new AudioConverter(MULAW_8K, stereo)
                .convert(new AudioFrame(MULAW_8K, new byte[] {(byte) 0x80, 0x00, (byte) 0xFF}));
        assertArrayEquals(new short[] {32124, 32124, -32124, -32124, 0, 0}, Pcm16Codec.toShorts(out.data()));
    }

    @Test
    void stereoStaysStereoWhenOnlyTheRateChanges() {
        AudioFormat in = new AudioFormat(Encoding.PCM16_LE, 8_000, 2);
        AudioFormat out = new AudioFormat(Encoding.PCM16_LE, 16_000, 2);
        float[] left = sine(300, 0.5, 8_000, 1600);
        float[] right = sine(700, 0.25, 8_000, 1600);
        float[] interleaved = new float[3200];
        for (int i = 0; i < 1600; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
        }
        AudioFrame converted = new AudioConverter(in, out).convert(new AudioFrame(in, Pcm16Codec.fromFloats(interleaved)));
        float[] samples = Pcm16Codec.toFloats(converted.data());
        float[] outLeft = new float[3200];
        float[] outRight = new float[3200];
        for (int i = 0; i < 3200; i++) {
            outLeft[i] = samples[2 * i];
            outRight[i] = samples[2 * i + 1];
        }
        assertEquals(0.5, fit(outLeft, 400, 3200, 300, 16_000).amplitude(), 0.01);
        assertEquals(0.25, fit(outRight, 400, 3200, 700, 16_000).amplitude(), 0.005);
        assertTrue(fit(outLeft, 400, 3200, 700, 16_000).amplitude() < 1e-3, "no crosstalk");
    }

    @Test
    void equalFormatsReturnTheSameFrame() {
        AudioFrame frame = new AudioFrame(MULAW_8K, new byte[] {1, 2, 3});
        assertSame(frame, new AudioConverter(MULAW_8K, new AudioFormat(Encoding.MULAW, 8_000, 1)).convert(frame));
    }

    @Test
    void encodingOnlyChangesAreSampleExact() {
        AudioFrame alaw = new AudioFrame(new AudioFormat(Encoding.ALAW, 8_000, 1), new byte[] {(byte) 0xD5, (byte) 0xAA});
        AudioFrame pcm = new AudioConverter(alaw.format(), AudioFormat.pcm16(8_000)).convert(alaw);
        assertArrayEquals(new short[] {8, 32256}, Pcm16Codec.toShorts(pcm.data()));
    }

    @Test
    void rejectsFramesInTheWrongFormat() {
        AudioConverter converter = new AudioConverter(MULAW_8K, AudioFormat.PCM16_16K);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> converter.convert(new AudioFrame(AudioFormat.PCM16_16K, new byte[2])));
        assertTrue(e.getMessage().contains("does not match this converter's input format"), e.getMessage());
    }

    @Test
    void flushReleasesTheTailThenStartsAfresh() {
        AudioConverter converter = new AudioConverter(AudioFormat.PCM16_16K, MULAW_8K);
        AudioFrame frame = new AudioFrame(AudioFormat.PCM16_16K, Pcm16Codec.fromFloats(sine(500, 0.5, 16_000, 320)));
        byte[] first = converter.convert(frame).data();
        AudioFrame tail = converter.flush();
        assertEquals(MULAW_8K, tail.format());
        int delay = PolyphaseFilterBank.forRates(16_000, 8_000).delayInputSamples;
        assertEquals((320 + delay) / 2 - 160, tail.sampleCount());
        assertArrayEquals(first, converter.convert(frame).data());
        assertEquals(0, new AudioConverter(MULAW_8K, AudioFormat.pcm16(8_000)).flush().sampleCount());
    }
}
