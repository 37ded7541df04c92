package dev.parley.benchmarks.jmh;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with JMH's usual command line ({@code -f 1 -wi 3 -i 5 Resampler} ...) and then prints a
 * markdown table with each result as time per operation and, for audio, as x real time: how many times faster than
 * the audio plays (one core). Run through {@code exec:exec@jmh} (docs/performance.md).
 */
public final class JmhMain {
    /** Milliseconds of audio one operation handles, by benchmark method name. */
    private static final Map<String, Double> AUDIO_MILLIS = Map.ofEntries(
            Map.entry("decodeUserAudioChunk", 100.0),
            Map.entry("validateUserAudio", 100.0),
            Map.entry("encodeAudio", 100.0),
            Map.entry("referenceTreeEncode", 100.0),
            Map.entry("tyrusUnmask", 100.0),
            Map.entry("webRtc30ms", 30.0),
            Map.entry("silero32ms", 32.0),
            Map.entry("localsUnmask", 100.0),
            Map.entry("wordUnmask", 100.0),
            Map.entry("referenceStreamingDecode", 100.0),
            Map.entry("referenceConcatEncode", 100.0),
            Map.entry("jdkEncode", 100.0),
            Map.entry("jdkDecode", 100.0),
            Map.entry("jacksonEncode", 100.0),
            Map.entry("jacksonDecode", 100.0),
            Map.entry("resample20ms", 20.0),
            Map.entry("convertPcm16Frame20ms", 20.0),
            Map.entry("encode20ms", 20.0),
            Map.entry("decode20ms", 20.0),
            Map.entry("ulaw8kToPcm16k20ms", 20.0),
            Map.entry("pcm16kToUlaw8k20ms", 20.0));

    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        // a fixed 1 GiB heap unless -jvmArgs/-jvmArgsAppend say otherwise: with the default heap (a quarter of RAM) the
        // forks' young generation kept reaching fresh memory, which this VM backs lazily, and allocating benchmarks
        // swung between 1 and 80 µs per op from one iteration to the next
        Options options = commandLine.getJvmArgs().hasValue() || commandLine.getJvmArgsAppend().hasValue() ? commandLine
                : new OptionsBuilder().parent(commandLine).jvmArgsAppend("-Xms1g", "-Xmx1g").build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("| benchmark | params | time per op | ± (99.9 %) | audio per op | x real time (one core) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            String label = run.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            String shortLabel = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            for (String key : run.getParams().getParamsKeys()) {
                params.append(key).append('=').append(run.getParams().getParam(key)).append(' ');
            }
            double micros = toMicros(primary.getScore(), primary.getScoreUnit());
            double error = toMicros(primary.getScoreError(), primary.getScoreUnit());
            Double audio = AUDIO_MILLIS.get(method);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", shortLabel, params.toString().trim(),
                    time(micros), Double.isNaN(error) ? "n/a" : time(error), audio == null ? "-" : audio.intValue() + " ms",
                    audio == null ? "-" : String.format(Locale.ROOT, "%,.0f", audio * 1_000 / micros));
        }
    }

    private static double toMicros(double value, String unit) {
        return switch (unit) {
            case "ns/op" -> value / 1_000;
            case "us/op" -> value;
            case "ms/op" -> value * 1_000;
            case "s/op" -> value * 1_000_000;
            default -> throw new IllegalArgumentException("use AverageTime mode; got unit " + unit);
        };
    }

    private static String time(double micros) {
        return micros >= 1 ? String.format(Locale.ROOT, "%.2f µs", micros) : String.format(Locale.ROOT, "%.0f ns", micros * 1_000);
    }
}
