package dev.parley.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The question the voice tests ask the concierge, "what are your opening hours": as a recording for a browser's fake
 * microphone, and as what a transcript of it may look like.
 */
public final class SpokenQuestion {
    public static final String TEXT = "what are your opening hours";
    private static final Set<String> WORDS = Set.of(TEXT.split(" "));

    private SpokenQuestion() {
    }

    /**
     * Whether {@code transcript} is the question as heard: only its words, including one of its last two. A
     * CPU-starved browser may clip the first words.
     */
    public static boolean heardIn(String transcript) {
        List<String> words = List.of(transcript.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return WORDS.containsAll(words) && (words.contains("opening") || words.contains("hours"));
    }

    /**
     * Writes the question to {@code wav} as Chromium's fake microphone wants it (16-bit PCM, 48 kHz, mono): flite's
     * voice slt, with {@code silenceBefore} and {@code silenceAfter} seconds of silence. Chromium loops the file, so a
     * long silence after the question keeps it from coming round again while the agent answers. Needs flite and sox.
     */
    public static Path recordWav(Path wav, double silenceBefore, double silenceAfter) throws IOException, InterruptedException {
        Path target = wav.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path speech = directory.resolve(target.getFileName() + ".flite.wav");
        run(List.of("flite", "-voice", "slt", "-t", TEXT, "-o", speech.toString()), directory);
        run(List.of("sox", speech.toString(), "-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer", target.toString(),
                "pad", Double.toString(silenceBefore), Double.toString(silenceAfter)), directory);
        Files.deleteIfExists(speech);
        return target;
    }

    private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "spoken-question", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(command.get(0) + " did not finish within 30 s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed (needs flite and sox):\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
