package dev.parley.runtime.speech.tts;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Synthesis;
import dev.parley.api.spi.SynthesisListener;
import dev.parley.api.spi.TextToSpeech;
import dev.parley.runtime.speech.SpeechEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthesizer run as a child process per synthesis, writing WAV to its standard output; the audio is handed on in
 * chunks as it arrives. Each synthesis has its own reader thread from a pool, so syntheses run concurrently, and
 * {@link Synthesis#cancel()} kills the process.
 */
abstract class SubprocessTextToSpeech implements TextToSpeech, AutoCloseable {

    private static final long PROBE_TIMEOUT_SECONDS = 20;
    private static final int MAX_STDERR = 4096;
    /** Linux pipes buffer 64 KiB, macOS 16 KiB: input up to this size is written without waiting for the reader. */
    private static final int PIPE_SAFE_BYTES = 8192;

    private final String engine;
    private final String command;
    private final String defaultVoice;
    private final Set<String> voices;
    private final AudioFormat format;
    private final int chunkBytes;
    private final Map<String, AudioFormat> voiceFormats = new ConcurrentHashMap<>();
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers;

    /**
     * Checks that the program runs, lists its voices and synthesizes a word with the default voice to learn the
     * output format.
     *
     * @throws SpeechEngineException with {@code installHelp} if the program cannot be started
     */
    SubprocessTextToSpeech(String engine, String command, String defaultVoice, int chunkMillis) {
        this.engine = engine;
        this.command = Objects.requireNonNull(command, "command");
        this.defaultVoice = Objects.requireNonNull(defaultVoice, "defaultVoice");
        if (chunkMillis < 10) {
            throw new SpeechEngineException("speech chunks must be at least 10 ms, not " + chunkMillis);
        }
        this.voices = Set.copyOf(listVoices(command));
        if (!voices.contains(defaultVoice)) {
            throw new SpeechEngineException(engine + " has no voice '" + defaultVoice + "' (" + voiceSetting()
                    + "); its voices are " + voices.stream().sorted().toList());
        }
        this.format = probe(defaultVoice);
        if (format.channels() != 1) {
            throw new SpeechEngineException(engine + " voice " + defaultVoice + " is not mono: " + format);
        }
        voiceFormats.put(defaultVoice, format);
        this.chunkBytes = Math.max(2, format.bytesPerSecond() * chunkMillis / 1000 / 2 * 2);
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "parley-tts-" + engine + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.readers = Executors.newCachedThreadPool(factory);
    }

    /** The command line that speaks {@code text} (or reads it from standard input) in {@code voice} as WAV. */
    abstract List<String> commandLine(String command, String voice, String text);

    /** Whether {@link #commandLine} expects the text on standard input. */
    abstract boolean textOnStandardInput();

    /** The voices the program offers; only these are ever passed to it. */
    abstract Set<String> parseVoices(String listing);

    /** The command line that lists the voices. */
    abstract List<String> listVoicesCommand(String command);

    /** How to install the program or choose another engine; ends the error when it cannot be started. */
    abstract String installHelp();

    /** The setting naming the default voice, for error messages. */
    abstract String voiceSetting();

    /** Whether a listed voice can speak ordinary sentences (some are special-purpose). */
    boolean usableVoice(String voice) {
        return true;
    }

    @Override
    public String name() {
        return engine;
    }

    @Override
    public AudioFormat outputFormat() {
        return format;
    }

    /** The voices a client may ask for. */
    public Set<String> voices() {
        return voices;
    }

    /** The voice used when the client asks for none or for one this engine does not have. */
    public String defaultVoice() {
        return defaultVoice;
    }

    /**
     * Starts speaking {@code text}. An unknown {@code voice}, or one whose audio format differs from
     * {@link #outputFormat()}, falls back to the default voice: a client's voice names belong to another vendor.
     * After {@link Synthesis#cancel()} returns, the listener hears nothing more (neither audio nor completion).
     */
    @Override
    public Synthesis synthesize(String text, String voice, SynthesisListener listener) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(listener, "listener");
        Run run = new Run(text.replace('\0', ' '), voice, listener);
        running.add(run);
        try {
            readers.execute(run);
        } catch (RejectedExecutionException e) {
            running.remove(run);
            throw new IllegalStateException("the " + engine + " engine is closed", e);
        }
        return run;
    }

    /** Cancels what is running and stops the reader threads. */
    @Override
    public void close() {
        readers.shutdown();
        for (Run run : running) {
            run.cancel();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + command + ", voice " + defaultVoice + ", " + format + "]";
    }

    private Set<String> listVoices(String command) {
        Process process = start(listVoicesCommand(command));
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new SpeechEngineException("'" + String.join(" ", listVoicesCommand(command)) + "' failed: "
                        + new String(err, StandardCharsets.UTF_8).trim() + ". " + installHelp());
            }
            Set<String> listed = parseVoices(new String(out, StandardCharsets.UTF_8));
            if (listed.isEmpty()) {
                throw new SpeechEngineException(engine + " lists no voices. " + installHelp());
            }
            return listed;
        } catch (IOException e) {
            throw new SpeechEngineException("cannot list " + engine + "'s voices: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechEngineException("interrupted while starting " + engine, e);
        } finally {
            process.destroy();
        }
    }

    /** Synthesizes a word with {@code voice} and reads the format of what comes out. */
    private AudioFormat probe(String voice) {
        Process process = start(commandLine(command, voice, textOnStandardInput() ? null : "a"));
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                if (textOnStandardInput()) {
                    stdin.write("a".getBytes(StandardCharsets.UTF_8));
                }
            }
            AudioFormat probed;
            try (InputStream stdout = process.getInputStream()) {
                probed = WavStreamHeader.read(stdout);
                stdout.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new SpeechEngineException(engine + " voice " + voice + " produced no usable WAV ("
                        + e.getMessage() + "): " + stderr(process), e);
            }
            process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return probed;
        } catch (IOException e) {
            throw new SpeechEngineException("cannot run " + engine + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechEngineException("interrupted while starting " + engine, e);
        } finally {
            process.destroy();
        }
    }

    private Process start(List<String> commandLine) {
        try {
            return new ProcessBuilder(commandLine).start();
        } catch (IOException e) {
            throw new SpeechEngineException(engine + " cannot be started as '" + command + "' (" + e.getMessage()
                    + "). " + installHelp(), e);
        }
    }

    private static String stderr(Process process) {
        try {
            byte[] err = process.getErrorStream().readNBytes(MAX_STDERR);
            return new String(err, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "(no error output)";
        }
    }

    /** The voice to use for a client's request: its own if this engine has it in the right format, else the default. */
    private String chooseVoice(String requested) {
        if (requested == null || requested.equals(defaultVoice) || !voices.contains(requested) || !usableVoice(requested)) {
            return defaultVoice;
        }
        AudioFormat voiceFormat = voiceFormats.computeIfAbsent(requested, v -> {
            try {
                return probe(v);
            } catch (SpeechEngineException e) {
                return new AudioFormat(AudioFormat.Encoding.PCM16_LE, 1, 1); // never matches: use the default
            }
        });
        return voiceFormat.equals(format) ? requested : defaultVoice;
    }

    /** One synthesis: its process, the thread reading it, and cancellation. */
    final class Run implements Synthesis, Runnable {
        private final String text;
        private final String requestedVoice;
        private final SynthesisListener listener;
        private final Object lock = new Object();
        private boolean stopped;
        private Process process;

        Run(String text, String requestedVoice, SynthesisListener listener) {
            this.text = text;
            this.requestedVoice = requestedVoice;
            this.listener = listener;
        }

        @Override
        public void run() {
            try {
                speak();
            } catch (Exception e) {
                synchronized (lock) {
                    if (!stopped) {
                        stopped = true; // nothing follows a failure
                        listener.failed(e);
                    }
                }
            } finally {
                Process p;
                synchronized (lock) {
                    p = process;
                }
                if (p != null && p.isAlive()) {
                    p.destroyForcibly();
                }
                running.remove(this);
            }
        }

        private void speak() throws IOException, InterruptedException {
            String voice = chooseVoice(requestedVoice);
            List<String> commandLine = commandLine(command, voice, textOnStandardInput() ? null : text);
            Process p;
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                p = new ProcessBuilder(commandLine).start();
                process = p;
            }
            byte[] input = textOnStandardInput() ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (input.length <= PIPE_SAFE_BYTES) {
                writeInput(p, input); // fits in the pipe's buffer: cannot block
            } else {
                // A long text could fill the input pipe while the program's output waits to be read: write it apart.
                readers.execute(() -> writeInput(p, input));
            }
            try (InputStream stdout = p.getInputStream()) {
                AudioFormat produced = WavStreamHeader.read(stdout);
                if (!produced.equals(format)) {
                    throw new IOException(engine + " voice " + voice + " produced " + produced + ", not " + format);
                }
                byte[] buffer = new byte[chunkBytes];
                int filled = 0;
                while (true) {
                    int n = stdout.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                    int whole = filled & ~1; // hand on whole samples; an odd byte waits for its partner
                    if (whole > 0 && (filled == buffer.length || stdout.available() == 0)) {
                        byte[] chunk = java.util.Arrays.copyOf(buffer, whole);
                        if (filled > whole) {
                            buffer[0] = buffer[whole];
                        }
                        filled -= whole;
                        if (!deliver(new AudioFrame(format, chunk))) {
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                if (isStopped()) {
                    return; // the killed process closed its pipe
                }
                throw new IOException(engine + " failed: " + e.getMessage() + " " + stderr(p), e);
            }
            int status = p.waitFor();
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                stopped = true; // finished: a late cancel() has nothing to do
                if (status != 0) {
                    listener.failed(new IOException(engine + " exited with status " + status + ": " + stderr(p)));
                } else {
                    listener.completed();
                }
            }
        }

        private void writeInput(Process p, byte[] input) {
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // the process died or was killed; reading its output tells the rest
            }
        }

        private boolean deliver(AudioFrame chunk) {
            synchronized (lock) {
                if (stopped) {
                    return false;
                }
                listener.audio(chunk);
                return true;
            }
        }

        private boolean isStopped() {
            synchronized (lock) {
                return stopped;
            }
        }

        /**
         * Stops the synthesis: waits for a chunk being delivered right now, then nothing more is delivered, and the
         * process is killed.
         */
        @Override
        public void cancel() {
            Process p;
            synchronized (lock) {
                stopped = true;
                p = process;
            }
            if (p != null) {
                p.destroyForcibly();
            }
        }

        /** The synthesizer process once started (for tests and diagnostics). */
        java.util.Optional<ProcessHandle> processHandle() {
            synchronized (lock) {
                return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
            }
        }
    }
}
