package dev.parley.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFormat.Encoding;
import dev.parley.api.AudioFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavTest {

    private static final byte[] SAMPLES = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void writesTheCanonical44ByteHeader() {
        AudioFrame frame = new AudioFrame(new AudioFormat(Encoding.PCM16_LE, 16_000, 2), SAMPLES);
        byte[] wav = WavWriter.write(frame);

        Wav expected = new Wav().ascii("RIFF").u32(36 + 8).ascii("WAVE")
                .ascii("fmt ").u32(16).u16(1).u16(2).u32(16_000).u32(64_000).u16(4).u16(16)
                .ascii("data").u32(8).bytes(SAMPLES);
        assertArrayEquals(expected.toBytes(), wav);
    }

    @Test
    void writeThenReadGivesTheSameFrame() throws IOException {
        byte[] pcm = Pcm16Codec.fromFloats(ToneAnalysis.sine(440, 0.5, 8_000, 801));
        AudioFrame frame = new AudioFrame(AudioFormat.pcm16(8_000), pcm);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(frame, out);

        AudioFrame read = WavReader.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(frame.format(), read.format());
        assertArrayEquals(pcm, read.data());
    }

    @Test
    void writingAnotherEncodingConvertsToPcm16() {
        byte[] mulaw = {(byte) 0xFF, (byte) 0x80, 0x00, (byte) 0xCE};
        AudioFrame read = WavReader.read(WavWriter.write(new AudioFrame(new AudioFormat(Encoding.MULAW, 8_000, 1), mulaw)));
        assertEquals(AudioFormat.pcm16(8_000), read.format());
        assertArrayEquals(new short[] {0, 32124, -32124, 988}, Pcm16Codec.toShorts(read.data()));
    }

    @Test
    void readsWaveFormatExtensible() {
        // A 48 kHz stereo float file as written by most DAWs: 40-byte fmt, KSDATAFORMAT_SUBTYPE_IEEE_FLOAT.
        byte[] floats = Float32Codec.fromFloats(new float[] {0.5f, -0.5f, 0.25f, -0.25f});
        byte[] wav = new Wav().ascii("RIFF").u32(0).ascii("WAVE")
                .ascii("fmt ").u32(40).u16(0xFFFE).u16(2).u32(48_000).u32(48_000 * 8).u16(8).u16(32)
                .u16(22).u16(32).u32(0x3) // cbSize, valid bits, channel mask (front left | right)
                .bytes(guid(0x0003))
                .ascii("fact").u32(4).u32(2)
                .ascii("data").u32(floats.length).bytes(floats)
                .toBytes();
        AudioFrame frame = WavReader.read(wav);
        assertEquals(new AudioFormat(Encoding.FLOAT32_LE, 48_000, 2), frame.format());
        assertArrayEquals(floats, frame.data());
    }

    @Test
    void readsExtensiblePcm16() {
        byte[] wav = new Wav().ascii("RIFF").u32(0).ascii("WAVE")
                .ascii("fmt ").u32(40).u16(0xFFFE).u16(1).u32(24_000).u32(48_000).u16(2).u16(16)
                .u16(22).u16(16).u32(0x4).bytes(guid(0x0001))
                .ascii("data").u32(SAMPLES.length).bytes(SAMPLES)
                .toBytes();
        assertEquals(AudioFormat.pcm16(24_000), WavReader.read(wav).format());
    }

    @Test
    void skipsListAndOddSizedChunks() {
        byte[] wav = new Wav().ascii("RIFF").u32(0).ascii("WAVE")
                .ascii("LIST").u32(26).ascii("INFO").ascii("ISFT").u32(14).ascii("Lavf58.76.100").u8(0)
                .ascii("fmt ").u32(16).u16(1).u16(1).u32(16_000).u32(32_000).u16(2).u16(16)
                .ascii("junk").u32(3).u8(9).u8(9).u8(9).u8(0) // odd size: a pad byte follows
                .ascii("data").u32(SAMPLES.length).bytes(SAMPLES)
                .ascii("LIST").u32(4).ascii("INFO") // chunks after the data are fine too
                .toBytes();
        AudioFrame frame = WavReader.read(wav);
        assertEquals(AudioFormat.PCM16_16K, frame.format());
        assertArrayEquals(SAMPLES, frame.data());
    }

    @Test
    void readsMuLawAndALawWithTheirUsual18ByteFmt() {
        for (int tag : new int[] {6, 7}) {
            byte[] codes = {(byte) 0xD5, 0x55, 0x2A};
            byte[] wav = new Wav().ascii("RIFF").u32(0).ascii("WAVE")
                    .ascii("fmt ").u32(18).u16(tag).u16(1).u32(8_000).u32(8_000).u16(1).u16(8).u16(0)
                    .ascii("fact").u32(4).u32(3)
                    .ascii("data").u32(3).bytes(codes).u8(0)
                    .toBytes();
            AudioFrame frame = WavReader.read(wav);
            assertEquals(new AudioFormat(tag == 7 ? Encoding.MULAW : Encoding.ALAW, 8_000, 1), frame.format());
            assertArrayEquals(codes, frame.data());
        }
    }

    @Test
    void dataSizeOfZeroOrAllOnesMeansToTheEnd() {
        for (long size : new long[] {0, 0xFFFFFFFFL}) {
            byte[] wav = new Wav().ascii("RIFF").u32(size).ascii("WAVE")
                    .ascii("fmt ").u32(16).u16(1).u16(2).u32(8_000).u32(32_000).u16(4).u16(16)
                    .ascii("data").u32(size).bytes(SAMPLES).u8(42) // a trailing partial frame is dropped
                    .toBytes();
            AudioFrame frame = WavReader.read(wav);
            assertEquals(new AudioFormat(Encoding.PCM16_LE, 8_000, 2), frame.format());
            assertArrayEquals(SAMPLES, frame.data(), "data size " + size);
        }
    }

    @Test
    void aTruncatedDataChunkYieldsWhatIsThere() {
        byte[] wav = new Wav().ascii("RIFF").u32(1000).ascii("WAVE")
                .ascii("fmt ").u32(16).u16(1).u16(1).u32(8_000).u32(16_000).u16(2).u16(16)
                .ascii("data").u32(1000).bytes(SAMPLES)
                .toBytes();
        assertArrayEquals(SAMPLES, WavReader.read(wav).data());
    }

    @Test
    void malformedAndUnsupportedFilesAreRejectedWithClearMessages() {
        Wav fmtPcm16 = new Wav().ascii("fmt ").u32(16).u16(1).u16(1).u32(8_000).u32(16_000).u16(2).u16(16);
        Wav data = new Wav().ascii("data").u32(SAMPLES.length).bytes(SAMPLES);

        assertMessage(new byte[5], "not a WAV file: 5 bytes, a RIFF/WAVE header needs at least 12");
        assertMessage(new Wav().ascii("OggS").u32(0).ascii("WAVE").toBytes(),
                "not a WAV file: expected 'RIFF' at offset 0, found 'OggS'");
        assertMessage(new Wav().u8(0xFF).u8(0xFB).u8(0x90).u8(0x00).u32(0).ascii("WAVE").toBytes(),
                "found '\\xFF\\xFB\\x90\\x00'");
        assertMessage(new Wav().ascii("RIFF").u32(0).ascii("AVI ").toBytes(),
                "not a WAV file: expected 'WAVE' at offset 8, found 'AVI '");
        assertMessage(new Wav().ascii("RIFX").u32(0).ascii("WAVE").toBytes(),
                "unsupported WAV: 'RIFX' files (big-endian) are not supported");
        assertMessage(riff(data), "malformed WAV: no 'fmt ' chunk (chunks found: 'data')");
        assertMessage(riff(fmtPcm16), "malformed WAV: no 'data' chunk (chunks found: 'fmt ')");
        assertMessage(riff(new Wav().ascii("data").u32(0).bytes(SAMPLES), fmtPcm16),
                "malformed WAV: no 'fmt ' chunk before the 'data' chunk that runs to the end");
        assertMessage(riff(new Wav().ascii("fmt ").u32(12).u16(1).u16(1).u32(8_000).u32(16_000), data),
                "malformed WAV: 'fmt ' chunk is 12 bytes, needs at least 16");
        assertMessage(riff(new Wav().ascii("LIST").u32(500).ascii("INFO")),
                "malformed WAV: chunk 'LIST' at offset 12 declares 500 bytes but only 4 remain");
        assertMessage(riff(fmt(2, 1, 8_000, 256, 4), data),
                "unsupported WAV: format tag 0x0002 with 4 bits per sample; supported: 16-bit PCM (tag 0x0001)");
        assertMessage(riff(fmt(1, 1, 8_000, 3, 24), data),
                "unsupported WAV: format tag 0x0001 with 24 bits per sample");
        assertMessage(riff(fmt(1, 2, 8_000, 2, 16), data),
                "malformed WAV: block align 2 does not match 2 channel(s) of 16-bit samples (expected 4)");
        assertMessage(riff(fmt(1, 0, 8_000, 2, 16), data), "malformed WAV: 'fmt ' chunk declares 0 channels");
        assertMessage(riff(fmt(1, 1, 0, 2, 16), data), "malformed WAV: 'fmt ' chunk declares a sample rate of 0 Hz");
        assertMessage(riff(new Wav().ascii("fmt ").u32(18).u16(0xFFFE).u16(1).u32(8_000).u32(16_000).u16(2).u16(16)
                        .u16(0), data),
                "malformed WAV: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is 18 bytes, needs 40");
        byte[] ambisonic = guid(0x0001);
        ambisonic[15] = 0x00;
        assertMessage(riff(new Wav().ascii("fmt ").u32(40).u16(0xFFFE).u16(1).u32(8_000).u32(16_000).u16(2).u16(16)
                        .u16(22).u16(16).u32(0).bytes(ambisonic), data),
                "unsupported WAV: WAVE_FORMAT_EXTENSIBLE sub-format {00000001-0000-0010-8000-00AA00389B00}");
    }

    private static void assertMessage(byte[] wav, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WavReader.read(wav));
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }

    private static Wav fmt(int tag, int channels, int rate, int blockAlign, int bits) {
        return new Wav().ascii("fmt ").u32(16).u16(tag).u16(channels).u32(rate).u32((long) rate * blockAlign)
                .u16(blockAlign).u16(bits);
    }

    private static byte[] riff(Wav... chunks) {
        Wav wav = new Wav().ascii("RIFF").u32(0).ascii("WAVE");
        for (Wav chunk : chunks) {
            wav.bytes(chunk.toBytes());
        }
        return wav.toBytes();
    }

    /** KSDATAFORMAT_SUBTYPE_* for a plain format tag, as stored in the file. */
    private static byte[] guid(int tag) {
        byte[] guid = {0, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
        guid[0] = (byte) tag;
        guid[1] = (byte) (tag >> 8);
        return guid;
    }

    /** Little-endian byte builder for hand-made files. */
    private static final class Wav {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wav ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Wav u8(int v) {
            out.write(v);
            return this;
        }

        Wav u16(int v) {
            return u8(v & 0xFF).u8((v >> 8) & 0xFF);
        }

        Wav u32(long v) {
            return u16((int) (v & 0xFFFF)).u16((int) ((v >> 16) & 0xFFFF));
        }

        Wav bytes(byte[] b) {
            out.writeBytes(Arrays.copyOf(b, b.length));
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
