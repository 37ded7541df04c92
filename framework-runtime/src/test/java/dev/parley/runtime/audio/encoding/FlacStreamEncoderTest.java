package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.runtime.speech.SpeechSamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlacStreamEncoderTest {

    /** "fLaC", STREAMINFO with its block header, the library's 40-byte PADDING with its block header. */
    private static final int HEADER_LENGTH = 4 + 4 + 34 + 4 + 40;

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 44100, 48000})
    void jflacDecodesThePiecesBitExact(int rate) throws IOException {
        short[] input = SpeechSamples.concat(Signals.twoTones(rate, 0.7), SpeechSamples.noise(0.3, rate, -30, rate));
        byte[] flac = Signals.encode(new FlacStreamEncoder(rate), input);

        Jflac decoded = Jflac.decode(flac);
        assertEquals(rate, decoded.info.getSampleRate());
        assertEquals(1, decoded.info.getChannels());
        assertEquals(16, decoded.info.getBitsPerSample());
        assertEquals(0, decoded.info.getTotalSamples(), "unknown");
        assertEquals(0, decoded.info.getMinFrameSize(), "unknown");
        assertEquals(0, decoded.info.getMaxFrameSize(), "unknown");
        assertArrayEquals(input, decoded.samples);
    }

    @Test
    void theHeaderGoesFirstThenAFrameForEachCompleteBlock() {
        FlacStreamEncoder encoder = new FlacStreamEncoder(16_000); // blocks of 20 ms: 320 samples
        byte[] first = encoder.encode(new short[112], 0, 112);
        assertEquals("fLaC", new String(first, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(HEADER_LENGTH, first.length, "no block complete yet");
        assertFrame(encoder.encode(new short[496], 0, 496)); // 608 samples: one block
        assertEquals(0, encoder.encode(new short[16], 0, 16).length, "624: still one block and 304 samples");
        assertFrame(encoder.finish()); // the short last block
    }

    @Test
    void anEmptyStreamIsTheHeaderAlone() throws IOException {
        byte[] flac = new FlacStreamEncoder(22_050).finish();
        assertEquals(HEADER_LENGTH, flac.length);
        assertEquals(0, Jflac.decode(flac).samples.length);
    }

    @Test
    void theReferenceDecoderAgreesWhereInstalled() {
        assumeTrue(ExternalTool.installed("flac"), "flac is not installed");
        short[] input = Signals.twoTones(44_100, 1.0);
        Path flac = ExternalTool.file("tones.flac", Signals.encode(new FlacStreamEncoder(44_100), input));
        Path wav = flac.resolveSibling("tones-flac.wav");
        ExternalTool.run("flac", "--silent", "--test", flac.toString());
        ExternalTool.run("flac", "--silent", "--decode", "--force", "-o", wav.toString(), flac.toString());
        assertArrayEquals(input, SpeechSamples.pcm16(wav, 44_100));
    }

    @Test
    void misuseIsRejected() {
        assertEquals("FLAC has no sample rate of 700000 Hz; it has 1 to 655350 Hz",
                assertThrows(IllegalArgumentException.class, () -> new FlacStreamEncoder(700_000)).getMessage());
        assertEquals("FLAC sample rate must be positive, not -1",
                assertThrows(IllegalArgumentException.class, () -> new FlacStreamEncoder(-1)).getMessage());
        FlacStreamEncoder encoder = new FlacStreamEncoder(8_000);
        encoder.finish();
        assertEquals("this FLAC stream is finished; open a new encoder for the next one",
                assertThrows(IllegalStateException.class, () -> encoder.encode(new short[1], 0, 1)).getMessage());
    }

    /** A frame header's sync code and fixed block size: 0xFFF8. */
    private static void assertFrame(byte[] piece) {
        assertEquals(0xFF, piece[0] & 0xFF);
        assertEquals(0xF8, piece[1] & 0xFF);
    }

    /** FLAC decoded by jflac, a decoder independent of the encoder. */
    private record Jflac(StreamInfo info, short[] samples) {
        static Jflac decode(byte[] flac) throws IOException {
            FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(flac));
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            decoder.addPCMProcessor(new PCMProcessor() {
                @Override
                public void processStreamInfo(StreamInfo info) {
                }

                @Override
                public void processPCM(ByteData data) {
                    pcm.write(data.getData(), 0, data.getLen()); // 16-bit little-endian
                }
            });
            decoder.decode();
            return new Jflac(decoder.getStreamInfo(), SpeechSamples.shorts(pcm.toByteArray()));
        }
    }
}
