package dev.parley.runtime.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Real speech for the speech tests, made at test time: flite (and espeak-ng for a second, different voice) speak a
 * sentence into a WAV, sox converts rates; nothing is committed. Files are kept under target/speech-samples.
 */
public final class SpeechSamples {

    public static final Path DIRECTORY = Path.of(System.getProperty("parley.test.samples", "target/speech-samples"));

    private SpeechSamples() {
    }

    /** 16 kHz mono PCM16 samples of {@code text} spoken by flite's {@code voice}. */
    public static short[] flite(String text, String voice) {
        Path wav = DIRECTORY.resolve("flite-" + voice + "-" + slug(text) + ".wav");
        if (!Files.exists(wav)) {
            run("flite", "-voice", voice, "-t", text, "-o", wav.toString());
        }
        return pcm16(wav, 16_000);
    }

    /**
     * 16 kHz mono PCM16 samples of {@code text} spoken by espeak-ng at 140 words a minute (its default 175 is hard
     * even for people), made at 22.05 kHz and resampled by sox.
     */
    public static short[] espeak(String text, String voice) {
        Path raw = DIRECTORY.resolve("espeak-" + voice + "-140-" + slug(text) + "-22k.wav");
        Path wav = DIRECTORY.resolve("espeak-" + voice + "-140-" + slug(text) + ".wav");
        if (!Files.exists(wav)) {
            run("espeak-ng", "-v", voice, "-s", "140", "-w", raw.toString(), text);
            run("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", wav.toString());
        }
        return pcm16(wav, 16_000);
    }

    /** {@code samples} at {@code toRate}, converted by sox (its high-quality resampler). */
    public static short[] resample(short[] samples, int fromRate, int toRate) {
        try {
            Path in = Files.createTempFile(dir(), "in", ".raw");
            Path out = Files.createTempFile(dir(), "out", ".raw");
            Files.write(in, bytes(samples));
            run("sox", "-t", "raw", "-r", String.valueOf(fromRate), "-e", "signed", "-b", "16", "-c", "1", in.toString(),
                    "-t", "raw", "-r", String.valueOf(toRate), "-e", "signed", "-b", "16", "-c", "1", out.toString());
            short[] result = shorts(Files.readAllBytes(out));
            Files.delete(in);
            Files.delete(out);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Samples of a mono 16-bit WAV file, which must be at {@code expectedRate}. */
    public static short[] pcm16(Path wav, int expectedRate) {
        try {
            byte[] file = Files.readAllBytes(wav);
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 12;
            int rate = -1;
            while (pos + 8 <= file.length) {
                String id = new String(file, pos, 4, StandardCharsets.US_ASCII);
                int size = b.getInt(pos + 4);
                if (id.equals("fmt ")) {
                    rate = b.getInt(pos + 12);
                } else if (id.equals("data")) {
                    if (rate != expectedRate) {
                        throw new IllegalStateException(wav + " is at " + rate + " Hz, not " + expectedRate);
                    }
                    int length = Math.min(size, file.length - pos - 8);
                    return shorts(Arrays.copyOfRange(file, pos + 8, pos + 8 + length));
                }
                pos += 8 + size + (size & 1);
            }
            throw new IllegalStateException("no data chunk in " + wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        return b.array();
    }

    public static short[] shorts(byte[] pcm16le) {
        short[] samples = new short[pcm16le.length / 2];
        ByteBuffer.wrap(pcm16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** {@code seconds} of digital silence. */
    public static short[] silence(double seconds, int rate) {
        return new short[(int) (seconds * rate)];
    }

    /** White noise at {@code rmsDbfs} (e.g. -50 for a quiet line), seeded so runs repeat. */
    public static short[] noise(double seconds, int rate, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        double rms = 32768 * Math.pow(10, rmsDbfs / 20);
        short[] samples = new short[(int) (seconds * rate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(random.nextGaussian() * rms)));
        }
        return samples;
    }

    public static short[] concat(short[]... parts) {
        int length = 0;
        for (short[] part : parts) {
            length += part.length;
        }
        short[] all = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Consecutive frames of {@code frameSamples}; a last partial frame is dropped. */
    public static List<short[]> frames(short[] samples, int frameSamples) {
        List<short[]> frames = new ArrayList<>();
        for (int at = 0; at + frameSamples <= samples.length; at += frameSamples) {
            frames.add(Arrays.copyOfRange(samples, at, at + frameSamples));
        }
        return frames;
    }

    /** RMS level of a frame in dBFS. */
    public static double dbfs(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return 10 * Math.log10(sum / frame.length / (32768.0 * 32768.0) + 1e-12);
    }

    /**
     * The Silero v5 model, fetched from npm into the path {@code parley.vad.silero.model} names (the build sets it);
     * the test is skipped when npm cannot fetch it.
     */
    public static Path sileroModel() {
        Path model = Path.of(System.getProperty("parley.vad.silero.model", "target/silero/silero_vad_v5.onnx"));
        if (Files.isRegularFile(model)) {
            return model;
        }
        String npmPackage = System.getProperty("parley.test.silero.npm-package", "@ricky0123/vad-web@0.0.31");
        try {
            Path work = Files.createDirectories(model.toAbsolutePath().getParent()).resolve("npm");
            Files.createDirectories(work);
            Process pack = new ProcessBuilder("npm", "pack", "--silent", npmPackage).directory(work.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(pack.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean done = pack.waitFor(120, TimeUnit.SECONDS);
            assumeTrue(done && pack.exitValue() == 0, () -> "npm pack " + npmPackage + " failed: " + output);
            String tarball = output.lines().reduce((a, b) -> b).orElse("");
            run(work, "tar", "xzf", tarball, "package/dist/silero_vad_v5.onnx");
            Files.move(work.resolve("package/dist/silero_vad_v5.onnx"), model, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(work.resolve(tarball));
            return model;
        } catch (IOException e) {
            assumeTrue(false, "cannot fetch the Silero model with npm: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path dir() throws IOException {
        return Files.createDirectories(DIRECTORY);
    }

    private static void run(String... command) {
        try {
            dir();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(null, command);
    }

    private static void run(Path directory, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 40 ? slug.substring(0, 40) : slug;
    }
}
