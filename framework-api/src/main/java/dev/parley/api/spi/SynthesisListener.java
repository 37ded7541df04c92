package dev.parley.api.spi;

import dev.parley.api.AudioFrame;

/** Receives a synthesis' audio, in order, on whichever thread the engine produces it. */
public interface SynthesisListener {

    /** The next chunk of speech, in the engine's {@link TextToSpeech#outputFormat()}. */
    void audio(AudioFrame chunk);

    /** All audio has been delivered. */
    void completed();

    /** The synthesis failed; nothing more follows. */
    void failed(Exception failure);
}
