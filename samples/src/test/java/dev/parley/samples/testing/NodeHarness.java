package dev.parley.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Node harnesses that drive a published client (src/test/node, src/test/browser): bounded in time,
 * killed with its children when over, its output kept in target/e2e, its single JSON line returned.
 */
public final class NodeHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUTPUT_DIR = Path.of("target", "e2e");

    private final Path directory;
    private final String script;
    private final long limitSeconds;

    /** @param directory a harness folder; {@code npm ci} must have run there (the e2e profile does) */
    public NodeHarness(Path directory, String script, long limitSeconds) {
        this.directory = directory;
        this.script = script;
        this.limitSeconds = limitSeconds;
    }

    /** Fails with the way to install it if {@code npm ci} has not run for this harness. */
    public void assertInstalled(String module) {
        assertTrue(Files.isDirectory(directory.resolve("node_modules").resolve(module)),
                () -> "the harness is not installed: run `npm ci` in " + directory.toAbsolutePath());
    }

    /** Runs the script with {@code args} and {@code environment}; returns its JSON line, failing unless it exits 0. */
    public JsonNode run(List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
        Files.createDirectories(OUTPUT_DIR);
        String name = script.replaceAll("\\.m?js$", "");
        Path stdout = OUTPUT_DIR.resolve(name + ".stdout");
        Path stderr = OUTPUT_DIR.resolve(name + ".stderr");
        List<String> command = new java.util.ArrayList<>(List.of("node", script));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process node = builder.start();
        if (!node.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
            fail(script + " did not finish within " + limitSeconds + " s; stderr:\n" + read(stderr));
        }
        List<String> lines = read(stdout).lines().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), () -> "no JSON line on stdout; exit " + node.exitValue() + ", stderr:\n" + read(stderr));
        JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals(0, node.exitValue(), () -> script + " exit code; result " + result + "\nstderr:\n" + read(stderr));
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }
}
