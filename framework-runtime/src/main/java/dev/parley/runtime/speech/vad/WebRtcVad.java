package dev.parley.runtime.speech.vad;

import dev.parley.api.AudioFormat;
import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import io.github.givimad.libfvadjni.VoiceActivityDetector.Mode;
import io.github.givimad.libfvadjni.VoiceActivityDetector.SampleRate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * WebRTC's voice activity detector (libfvad, through {@code io.github.givimad:libfvad-jni}): a Gaussian mixture
 * model over sub-band energies, a few microseconds per frame. It answers yes or no, so probabilities are 0 or 1.
 *
 * <p>Settings: {@code parley.vad.webrtc.mode} 0 (quality, most speech kept) to 3 (very aggressive, least noise
 * let through), default {@value #DEFAULT_MODE}; {@code parley.vad.webrtc.sample-rate} 8000, 16000, 32000 or
 * 48000 (default 16000); {@code parley.vad.webrtc.frame-ms} 10, 20 or 30 (default 30).
 *
 * <p>This class is the only one that touches libfvad-jni, an optional dependency of the runtime.
 */
public final class WebRtcVad implements VoiceActivityDetector {

    public static final String NAME = "webrtc";
    public static final int DEFAULT_MODE = 2;

    private final AudioFormat format;
    private final int frameSamples;
    private final Mode mode;
    private final SampleRate rate;

    /**
     * Loads the native library and checks the parameters.
     *
     * @param sampleRate  8000, 16000, 32000 or 48000
     * @param frameMillis 10, 20 or 30
     * @param mode        0..3, higher drops more non-speech
     * @throws SpeechEngineException if a parameter is unsupported or the native library cannot be loaded
     */
    public WebRtcVad(int sampleRate, int frameMillis, int mode) {
        if (mode < 0 || mode > 3) {
            throw new SpeechEngineException("WebRTC VAD mode must be 0..3 (parley.vad.webrtc.mode), not " + mode);
        }
        if (frameMillis != 10 && frameMillis != 20 && frameMillis != 30) {
            throw new SpeechEngineException("WebRTC VAD frames are 10, 20 or 30 ms (parley.vad.webrtc.frame-ms), not "
                    + frameMillis);
        }
        try {
            this.rate = SampleRate.fromValue(sampleRate);
        } catch (IllegalArgumentException e) {
            throw new SpeechEngineException("WebRTC VAD runs at 8000, 16000, 32000 or 48000 Hz "
                    + "(parley.vad.webrtc.sample-rate), not " + sampleRate, e);
        }
        this.mode = Mode.values()[mode];
        this.format = AudioFormat.pcm16(sampleRate);
        this.frameSamples = sampleRate / 1000 * frameMillis;
        try {
            io.github.givimad.libfvadjni.VoiceActivityDetector.loadLibrary();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new SpeechEngineException("libfvad-jni's native library could not be loaded on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " (it ships Linux x86-64/arm64/armv7, macOS and Windows x86-64 builds): " + e.getMessage(), e);
        }
        open().close(); // fail at startup, not in the first session, if the native side rejects the parameters
    }

    /** The engine configured by {@code parley.vad.webrtc.*}. */
    public static WebRtcVad fromSettings(Settings settings) {
        return new WebRtcVad(settings.getInt("parley.vad.webrtc.sample-rate", 16_000),
                settings.getInt("parley.vad.webrtc.frame-ms", 30),
                settings.getInt("parley.vad.webrtc.mode", DEFAULT_MODE));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AudioFormat inputFormat() {
        return format;
    }

    @Override
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public VoiceActivityStream open() {
        try {
            io.github.givimad.libfvadjni.VoiceActivityDetector vad = io.github.givimad.libfvadjni.VoiceActivityDetector.newInstance();
            try {
                if (!vad.setMode(mode) || !vad.setSampleRate(rate)) {
                    throw new SpeechEngineException("libfvad rejected mode " + mode + " at " + rate);
                }
            } catch (IOException | RuntimeException e) {
                vad.close();
                throw e;
            }
            return new Stream(vad, frameSamples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a WebRTC VAD instance", e);
        }
    }

    @Override
    public String toString() {
        return "WebRtcVad[" + format.sampleRate() + " Hz, " + frameSamples + " samples, mode " + mode.ordinal() + "]";
    }

    private static final class Stream implements VoiceActivityStream {
        private final io.github.givimad.libfvadjni.VoiceActivityDetector vad;
        private final int frameSamples;
        private boolean closed;

        Stream(io.github.givimad.libfvadjni.VoiceActivityDetector vad, int frameSamples) {
            this.vad = vad;
            this.frameSamples = frameSamples;
        }

        @Override
        public float speechProbability(short[] frame) {
            Objects.requireNonNull(frame, "frame");
            if (frame.length != frameSamples) {
                throw new IllegalArgumentException("WebRTC VAD frames hold " + frameSamples + " samples, not " + frame.length);
            }
            if (closed) {
                throw new IllegalStateException("the VAD stream is closed");
            }
            try {
                return vad.process(frame) ? 1f : 0f;
            } catch (IOException e) {
                throw new UncheckedIOException("WebRTC VAD failed", e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                vad.close();
            }
        }
    }
}
