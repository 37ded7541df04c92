package dev.parley.benchmarks.jmh;

import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.speech.vad.SileroVad;
import dev.parley.runtime.speech.vad.WebRtcVad;
import java.nio.file.Path;
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
 * <p>Silero v5 (ONNX Runtime, one thread) on its 32 ms frames of the same audio, with the model that the jmh
 * profile fetches into {@code target/silero} (npm pack of {@value SileroVad#NPM_PACKAGE}); x real time = 32 ms / time
 * per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VadBenchmark {
    private static final int RATE = 16_000;

    /** Where the jmh profile unpacks the model; JMH's forks run in the module's directory, like the profile. */
    private static final Path SILERO_MODEL = Path.of("target/silero/package/dist/silero_vad_v5.onnx");

    private VoiceActivityStream webRtc;
    private short[][] frames;
    private int next;
    private SileroVad silero;
    private VoiceActivityStream sileroStream;
    private short[][] sileroFrames;
    private int nextSilero;

    @Setup
    public void setUp() {
        WebRtcVad vad = new WebRtcVad(RATE, 30, WebRtcVad.DEFAULT_MODE);
        webRtc = vad.open();
        short[] speech = SpeechLikePcm.of(RATE, 1.5); // 50 frames, six syllables
        frames = framesOf(speech, vad.frameSamples());
        silero = new SileroVad(SILERO_MODEL, RATE);
        sileroStream = silero.open();
        sileroFrames = framesOf(speech, silero.frameSamples());
    }

    private static short[][] framesOf(short[] audio, int frameSamples) {
        short[][] split = new short[audio.length / frameSamples][frameSamples];
        for (int i = 0; i < split.length; i++) {
            System.arraycopy(audio, i * frameSamples, split[i], 0, frameSamples);
        }
        return split;
    }

    @TearDown
    public void tearDown() {
        webRtc.close();
        sileroStream.close();
        silero.close();
    }

    @Benchmark
    public float webRtc30ms() {
        float probability = webRtc.speechProbability(frames[next]);
        next = (next + 1) % frames.length;
        return probability;
    }

    @Benchmark
    public float silero32ms() {
        float probability = sileroStream.speechProbability(sileroFrames[nextSilero]);
        nextSilero = (nextSilero + 1) % sileroFrames.length;
        return probability;
    }
}
