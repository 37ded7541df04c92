package dev.parley.benchmarks.jmh;

import dev.parley.runtime.audio.encoding.Mp3StreamEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * MP3 encoding of agent speech as the PlayAI dialect streams it by default: 128 kbps mono at 44.1 kHz, 100 ms of
 * {@link SpeechLikePcm} per op into one long-running {@link Mp3StreamEncoder}, whole frames out. The method is named
 * {@code encodeAudio} so that JmhMain reports it as 100 ms of audio, i.e. in x real time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Mp3EncodeBenchmark {
    private static final int RATE = 44_100;
    private static final int CHUNK = RATE / 10;

    private short[] speech;
    private Mp3StreamEncoder encoder;
    private int next;

    @Setup
    public void setUp() {
        speech = SpeechLikePcm.of(RATE, 2.0); // 20 chunks, whole syllables
        encoder = new Mp3StreamEncoder(RATE);
    }

    @Benchmark
    public byte[] encodeAudio() {
        byte[] frames = encoder.encode(speech, next, CHUNK);
        next = (next + CHUNK) % speech.length;
        return frames;
    }
}
