package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Command-line tools that check the encoders' files a second way where they happen to be installed (opus-tools,
 * flac); the tests never require them.
 */
final class ExternalTool {

    static final Path WORK = Path.of("target", "encoding-tests");

    private ExternalTool() {
    }

    static boolean installed(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** {@code bytes} in a file of WORK named {@code name}. */
    static Path file(String name, byte[] bytes) {
        try {
            return Files.write(Files.createDirectories(WORK).resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command}, asserts it succeeded, returns what it printed (stdout and stderr). */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
            }
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed: " + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
