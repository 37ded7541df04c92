package dev.parley.runtime.testing;

import dev.parley.api.Dialects;
import dev.parley.api.Interruption;
import dev.parley.api.OnInterruption;
import dev.parley.api.OnTranscript;
import dev.parley.api.VoiceAgent;
import jakarta.inject.Inject;

/** A spoken agent: repeats what it heard, or tells a long story that a test can talk over. */
@VoiceAgent(id = "storyteller", dialects = {Dialects.XUNA, Dialects.NEXTEVI, Dialects.PLAYAI}, greeting = "Hi there")
public class StorytellerAgent {
    public static final String STORY = "Once upon a time there was a small lighthouse by the sea. Every night it sent "
            + "its light far across the dark water. Ships came and went, and the keeper counted every one of them. "
            + "In winter the storms were loud and the waves were high. In summer the sea was calm and green. "
            + "The keeper grew old, but the light never went out.";

    @Inject
    Recorder recorder;

    @OnTranscript
    String reply(String heard) {
        return heard.contains("story") ? STORY : "You said: " + heard;
    }

    @OnInterruption
    void interrupted(Interruption cut) {
        recorder.record("told:" + cut.responseId() + ":" + cut.heardText());
    }
}
