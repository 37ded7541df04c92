package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.runtime.speech.SpeechSamples;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavStreamEncoderTest {

    @Test
    void theFirstPieceStartsWithAHeaderOfUnknownLength() {
        WavStreamEncoder encoder = new WavStreamEncoder(22_050);
        byte[] first = encoder.encode(new short[] {9, 1, -2, 3, 9}, 1, 3);
        ByteBuffer b = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(44 + 6, first.length);
        assertEquals("RIFF", ascii(first, 0));
        assertEquals(0xFFFFFFFF, b.getInt(4), "RIFF size unknown");
        assertEquals("WAVE", ascii(first, 8));
        assertEquals("fmt ", ascii(first, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20), "PCM");
        assertEquals(1, b.getShort(22), "mono");
        assertEquals(22_050, b.getInt(24));
        assertEquals(44_100, b.getInt(28), "byte rate");
        assertEquals(2, b.getShort(32), "block align");
        assertEquals(16, b.getShort(34), "bits per sample");
        assertEquals("data", ascii(first, 36));
        assertEquals(0xFFFFFFFF, b.getInt(40), "data size unknown");
        assertEquals(1, b.getShort(44));
        assertEquals(-2, b.getShort(46));
        assertEquals(3, b.getShort(48));
        assertArrayEquals(new byte[] {7, 0}, encoder.encode(new short[] {7}, 0, 1), "then samples only");
        assertEquals(0, encoder.finish().length);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 44100})
    void theJdkReadsThePiecesBackBitExact(int rate) throws Exception {
        short[] input = Signals.twoTones(rate, 1.0);
        byte[] wav = Signals.encode(new WavStreamEncoder(rate), input);

        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
            assertEquals(rate, format.getSampleRate());
            assertEquals(1, format.getChannels());
            assertEquals(16, format.getSampleSizeInBits());
            assertArrayEquals(input, SpeechSamples.shorts(in.readAllBytes()));
        }
    }

    @Test
    void anEmptyStreamIsTheHeaderAlone() throws Exception {
        byte[] wav = new WavStreamEncoder(8_000).finish();
        assertEquals(44, wav.length);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    @Test
    void misuseIsRejected() {
        assertEquals("WAV sample rate must be positive, not 0",
                assertThrows(IllegalArgumentException.class, () -> new WavStreamEncoder(0)).getMessage());
        WavStreamEncoder encoder = new WavStreamEncoder(8_000);
        encoder.finish();
        assertEquals("this WAV stream is finished; open a new encoder for the next one",
                assertThrows(IllegalStateException.class, () -> encoder.encode(new short[1], 0, 1)).getMessage());
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
