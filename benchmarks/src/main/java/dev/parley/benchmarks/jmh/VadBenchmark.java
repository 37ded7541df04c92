package dev.parley.benchmarks.jmh;

import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.speech.vad.WebRtcVad;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Voice activity detection per frame as a session runs it: WebRTC's detector (libfvad) on 30 ms frames of 16 kHz
 * {@link SpeechLikePcm}, voiced and silent frames in turn, in the default mode. x real time = 30 ms / time per op.
 *
 * <p>Silero is not measured here: the benchmarks module has neither ONNX Runtime (an optional dependency of the
 * runtime, so not inherited) nor the model, which only framework-runtime's tests fetch (with npm, into its target).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VadBenchmark {
    private static final int RATE = 16_000;

    private VoiceActivityStream webRtc;
    private short[][] frames;
    private int next;

    @Setup
    public void setUp() {
        WebRtcVad vad = new WebRtcVad(RATE, 30, WebRtcVad.DEFAULT_MODE);
        webRtc = vad.open();
        short[] speech = SpeechLikePcm.of(RATE, 1.5); // 50 frames, six syllables
        frames = new short[speech.length / vad.frameSamples()][vad.frameSamples()];
        for (int i = 0; i < frames.length; i++) {
            System.arraycopy(speech, i * vad.frameSamples(), frames[i], 0, vad.frameSamples());
        }
    }

    @TearDown
    public void tearDown() {
        webRtc.close();
    }

    @Benchmark
    public float webRtc30ms() {
        float probability = webRtc.speechProbability(frames[next]);
        next = (next + 1) % frames.length;
        return probability;
    }
}
