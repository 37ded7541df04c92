package dev.parley.benchmarks.jmh;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.AudioConverter;
import dev.parley.runtime.audio.Resampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The streaming resampler per 20 ms frame of one mono stream: {@code process} on floats (the filter alone), and
 * {@link AudioConverter} from PCM16 bytes to PCM16 bytes (decode, resample, encode, one output array), which is what
 * a session runs per frame. x real time = 20 ms / time per op (JmhMain prints it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResamplerBenchmark {
    /** input rate -> output rate */
    @Param({"16000-8000", "48000-16000", "8000-16000", "24000-16000"})
    public String rates;

    private Resampler resampler;
    private AudioConverter converter;
    private float[] in;
    private float[] out;
    private AudioFrame frame;

    @Setup
    public void setUp() {
        String[] parts = rates.split("-");
        int from = Integer.parseInt(parts[0]);
        int to = Integer.parseInt(parts[1]);
        resampler = new Resampler(from, to);
        in = new float[from / 50];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.25 * Math.sin(2 * Math.PI * 440 * i / from));
        }
        out = new float[to / 50 + 8];
        byte[] pcm = new byte[in.length * 2];
        for (int i = 0; i < in.length; i++) {
            short s = (short) (in[i] * 32767);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        frame = new AudioFrame(AudioFormat.pcm16(from), pcm);
        converter = new AudioConverter(AudioFormat.pcm16(from), AudioFormat.pcm16(to));
    }

    @Benchmark
    public float[] resample20ms() {
        resampler.process(in, 0, in.length, out, 0);
        return out;
    }

    @Benchmark
    public AudioFrame convertPcm16Frame20ms() {
        return converter.convert(frame);
    }
}
