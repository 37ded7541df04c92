package dev.parley.runtime.session;

import dev.parley.runtime.speech.pipeline.SpeechOutput;

/** Responses spoken through the session's {@link SpeechOutput}. */
final class SpokenVoice implements Voice {
    private final SpeechOutput speech;

    SpokenVoice(SpeechOutput speech) {
        this.speech = speech;
    }

    @Override
    public void text(long responseId, String delta) {
        speech.text(responseId, delta);
    }

    @Override
    public void endOfText(long responseId, Runnable playedOut) {
        speech.endOfText(responseId, playedOut);
    }

    @Override
    public String stop(long responseId) {
        return speech.stop(responseId);
    }
}
