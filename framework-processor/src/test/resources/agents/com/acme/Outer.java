package com.acme;

import dev.parley.api.AgentSession;
import dev.parley.api.OnSessionEnd;
import dev.parley.api.OnTranscript;
import dev.parley.api.Transcript;
import dev.parley.api.VoiceAgent;
import java.util.concurrent.CompletableFuture;

/** Not an agent itself: it holds one. */
public class Outer {

    @VoiceAgent(id = "inner", dialects = "nextevi")
    public static class Inner {
        @OnTranscript
        CompletableFuture<String> answer(Transcript transcript) {
            return CompletableFuture.completedFuture(transcript.text().toUpperCase());
        }

        @OnSessionEnd
        void ended(AgentSession session) {
        }
    }
}
