package dev.parley.api.spi;

import dev.parley.api.AudioFormat;

/**
 * Tells speech from silence and noise, frame by frame. An engine is created once and shared by all
 * sessions; each session analyses through its own {@link VoiceActivityStream}. Parley's turn detection
 * decides from these probabilities when a user starts and stops talking.
 *
 * <p>Provided as a CDI bean or through {@link java.util.ServiceLoader}; see docs/speech.md.
 */
public interface VoiceActivityDetector {

    /** A short name for logs and settings ({@code webrtc}, {@code silero}). */
    String name();

    /** The audio it analyses: mono PCM16 at a rate it supports; the pipeline resamples to it. */
    AudioFormat inputFormat();

    /** How many samples one analysed frame holds (480 = 30 ms at 16 kHz for WebRTC VAD; 512 for Silero). */
    int frameSamples();

    /** Per-session analysis state. */
    VoiceActivityStream open();
}
