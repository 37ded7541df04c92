package com.acme;

import dev.parley.api.AgentSession;
import dev.parley.api.AudioFrame;
import dev.parley.api.Dialects;
import dev.parley.api.Interruption;
import dev.parley.api.OnAudio;
import dev.parley.api.OnContextUpdate;
import dev.parley.api.OnError;
import dev.parley.api.OnInterruption;
import dev.parley.api.OnSessionEnd;
import dev.parley.api.OnSessionStart;
import dev.parley.api.OnTranscript;
import dev.parley.api.SessionEnd;
import dev.parley.api.Transcript;
import dev.parley.api.VoiceAgent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Declares every handler kind, with parameters in unusual orders. */
@VoiceAgent(id = "full", dialects = {Dialects.XUNA, Dialects.PLAYAI}, greeting = "Hello, \"friend\"!",
        access = VoiceAgent.Access.PRIVATE)
public class FullAgent {
    private final List<String> events = new ArrayList<>();

    /** What the void handlers saw, in order. */
    public List<String> events() {
        return events;
    }

    @OnSessionStart
    CharSequence started(AgentSession session) {
        return new StringBuilder("Welcome to ").append(session.agentId());
    }

    @OnTranscript
    public String answer(String text, AgentSession session, Transcript transcript) throws IOException {
        if (text.equals("fail")) {
            throw new IOException("asked to fail");
        }
        return "You " + (transcript.source() == Transcript.Source.TYPED ? "typed" : "said") + " '" + text
                + "' in " + session.dialect();
    }

    @OnInterruption
    protected void interrupted(AgentSession session, Interruption interruption) {
        events.add("interrupted after '" + interruption.heardText() + "'");
    }

    @OnAudio
    void audio(AudioFrame frame) {
        events.add("audio " + frame.sampleCount());
    }

    @OnContextUpdate
    void context(String text, AgentSession session) {
        events.add("context '" + text + "' for " + session.conversationId());
    }

    @OnSessionEnd
    void ended(SessionEnd end) {
        events.add("ended " + end.reason());
    }

    @OnError
    void failed(AgentSession session, Throwable error) throws Exception {
        events.add("error " + error.getMessage());
    }
}
