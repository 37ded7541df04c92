package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.speech.SpeechSamples;
import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class MuLawStreamEncoderTest {

    /** G.711 keeps about 38 dB of SNR over most of its range; 35 leaves room for the quieter parts of the tones. */
    private static final double MIN_SNR_DB = 35;

    @Test
    void theJdkDecoderHearsTheTonesWithG711Quality() throws Exception {
        short[] input = Signals.twoTones(8_000, 1.0);
        byte[] mulaw = Signals.encode(new MuLawStreamEncoder(8_000), input);
        assertEquals(input.length, mulaw.length, "no header, a byte a sample");

        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8_000, 8, 1, 1, 8_000, false);
        AudioFormat pcm = new AudioFormat(8_000, 16, 1, true, false);
        try (AudioInputStream coded = new AudioInputStream(new ByteArrayInputStream(mulaw), ulaw, mulaw.length);
             AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm, coded)) {
            double snr = Signals.snrDb(input, SpeechSamples.shorts(decoded.readAllBytes()));
            assertTrue(snr > MIN_SNR_DB, "SNR " + snr + " dB");
        }
    }

    @Test
    void aFinishedStreamTakesNothingMore() {
        MuLawStreamEncoder encoder = new MuLawStreamEncoder(8_000);
        assertEquals(0, encoder.finish().length);
        assertEquals("this mu-law stream is finished; open a new encoder for the next one",
                assertThrows(IllegalStateException.class, encoder::finish).getMessage());
    }
}
