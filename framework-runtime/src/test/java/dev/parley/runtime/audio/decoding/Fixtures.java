package dev.parley.runtime.audio.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.Resampler;
import dev.parley.runtime.speech.Transcriber;
import dev.parley.runtime.speech.stt.VoskSpeechToText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The recordings in src/test/resources/audio (made by make-fixtures.sh there; see its README) and what every decoder
 * test does with them: cut them into pieces, decode, and check that the speech survived.
 */
final class Fixtures {

    /** What flite says in every fixture. */
    static final Set<String> WORDS = Set.of("what", "your", "opening", "hours");
    /** speech.wav, the source of all but the WebM: 29,600 samples at 16 kHz. */
    static final double SPEECH_SECONDS = 1.85;
    /** How far a decoded duration may be from the source's. */
    static final double DURATION_TOLERANCE = 0.040;

    private static VoskSpeechToText vosk;

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name + " in src/test/resources/audio");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pieces Chromium's MediaRecorder handed out while recording recording.webm, in order. */
    static List<byte[]> mediaRecorderChunks() {
        return new String(bytes("recording-chunks.txt"), StandardCharsets.US_ASCII).lines()
                .map(Base64.getDecoder()::decode).toList();
    }

    /** The duration Chromium's own decoder gave recording.webm (decodeAudioData), from recording.json. */
    static double chromiumSeconds() {
        String json = new String(bytes("recording.json"), StandardCharsets.UTF_8);
        int at = json.indexOf("\"decodedSeconds\":") + "\"decodedSeconds\":".length();
        return Double.parseDouble(json.substring(at, json.indexOf(',', at)).strip());
    }

    /** {@code whole} cut into pieces of 1 to {@code maxPiece} bytes, the sizes drawn from {@code seed}. */
    static List<byte[]> randomPieces(byte[] whole, long seed, int maxPiece) {
        Random random = new Random(seed);
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < whole.length; ) {
            int size = Math.min(whole.length - at, 1 + random.nextInt(maxPiece));
            pieces.add(Arrays.copyOfRange(whole, at, at + size));
            at += size;
        }
        return pieces;
    }

    /** Feeds every piece and joins what comes out. */
    static short[] decodeAll(StreamDecoder decoder, List<byte[]> pieces) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            pcm.writeBytes(Pcm16Codec.fromShorts(decoder.decode(piece)));
        }
        return Pcm16Codec.toShorts(pcm.toByteArray());
    }

    /**
     * Decodes {@code file} whole, in seeded random pieces (small ones, so elements and frames are cut everywhere)
     * and, if given, in {@code realPieces}; all must give the same PCM, at {@code rate}, lasting
     * {@code expectedSeconds}, in which Vosk hears the sentence.
     *
     * @return the PCM
     */
    static short[] assertDecodes(Supplier<StreamDecoder> decoders, byte[] file, List<byte[]> realPieces,
                                 int rate, double expectedSeconds) {
        StreamDecoder whole = decoders.get();
        short[] pcm = whole.decode(file);
        assertEquals(rate, whole.sampleRate());
        double seconds = pcm.length / (double) rate;
        assertEquals(expectedSeconds, seconds, DURATION_TOLERANCE, "decoded duration");
        for (long seed = 1; seed <= 3; seed++) {
            StreamDecoder cut = decoders.get();
            assertArrayEquals(pcm, decodeAll(cut, randomPieces(file, seed, seed == 1 ? 8 : 700)),
                    "random pieces, seed " + seed);
            assertEquals(rate, cut.sampleRate());
        }
        if (realPieces != null) {
            assertArrayEquals(pcm, decodeAll(decoders.get(), realPieces), "the recorder's own pieces");
        }
        assertHearsTheSentence(pcm, rate);
        return pcm;
    }

    /** Vosk, after {@link Resampler} took the PCM to its 16 kHz, hears at least 3 of {@link #WORDS}. */
    static void assertHearsTheSentence(short[] pcm, int rate) {
        short[] at16k = rate == 16_000 ? pcm : new Resampler(rate, 16_000).process(pcm);
        String text;
        try {
            text = Transcriber.transcribe(vosk(), new AudioFrame(AudioFormat.pcm16(16_000), Pcm16Codec.fromShorts(at16k)));
        } catch (Exception e) {
            throw new AssertionError("Vosk failed", e);
        }
        Set<String> heard = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z']+")).collect(Collectors.toSet());
        long found = WORDS.stream().filter(heard::contains).count();
        assertTrue(found >= 3, "Vosk heard '" + text + "', expected at least 3 of " + WORDS);
    }

    /** Decoding {@code pieces} fails, with a message that contains {@code expected}; returns the message. */
    static String assertFails(StreamDecoder decoder, List<byte[]> pieces, String expected) {
        AudioDecodingException e = assertThrows(AudioDecodingException.class, () -> decodeAll(decoder, pieces));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
        AudioDecodingException again = assertThrows(AudioDecodingException.class, () -> decoder.decode(new byte[1]));
        assertEquals(e.getMessage(), again.getMessage(), "a failed stream stays failed");
        return e.getMessage();
    }

    /**
     * Feeds {@code start} and then up to 10 MB of {@code garbage} in 64 KB pieces; the decoder must fail before it has
     * seen 2 MB, which is what its bounded buffer allows.
     */
    static String assertGarbageFailsEarly(StreamDecoder decoder, byte[] start, byte[] garbage) {
        decoder.decode(start);
        long fed = 0;
        try {
            while (fed < 10L << 20) {
                decoder.decode(garbage);
                fed += garbage.length;
            }
        } catch (AudioDecodingException e) {
            assertTrue(fed < 2L << 20, "failed only after " + fed + " bytes of garbage");
            return e.getMessage();
        }
        throw new AssertionError("10 MB of garbage decoded without an error");
    }

    /** A file with some of its bytes replaced. */
    static byte[] patched(byte[] file, int offset, byte... replacement) {
        byte[] copy = file.clone();
        System.arraycopy(replacement, 0, copy, offset, replacement.length);
        return copy;
    }

    /** Where {@code needle} first occurs in {@code haystack}. */
    static int indexOf(byte[] haystack, byte... needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found: " + Arrays.toString(needle));
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static synchronized VoskSpeechToText vosk() {
        if (vosk == null) {
            vosk = new VoskSpeechToText(Path.of(System.getProperty("parley.stt.vosk.model")), 16_000, 1, 200);
        }
        return vosk;
    }
}
