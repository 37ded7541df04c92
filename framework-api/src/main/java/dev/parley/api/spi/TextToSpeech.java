package dev.parley.api.spi;

import dev.parley.api.AudioFormat;

/**
 * Speaks text. Parley calls it once per sentence of a reply, so the first audio leaves before the whole reply
 * is synthesized, and cancels what is still running when the user interrupts. Engines are shared and must
 * allow concurrent syntheses; see docs/speech.md.
 */
public interface TextToSpeech {

    /** A short name for logs and settings ({@code flite}). */
    String name();

    /** The audio it produces; the pipeline converts it to each client's format. */
    AudioFormat outputFormat();

    /**
     * Starts synthesizing {@code text}; audio arrives in chunks on {@code listener}, then completion.
     *
     * @param voice a voice the client asked for, or null for the engine's default
     */
    Synthesis synthesize(String text, String voice, SynthesisListener listener);
}
