package dev.parley.runtime.testing;

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
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A test agent scripted by what the user types: each command exercises one handler path or session call.
 * Everything it observes goes to the {@link Recorder}.
 */
@VoiceAgent(id = "scripted", dialects = {Dialects.XUNA, Dialects.NEXTEVI, Dialects.PLAYAI}, greeting = "Hi there")
public class ScriptedAgent {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final int instance = INSTANCES.incrementAndGet();

    @Inject
    Recorder recorder;

    @OnSessionStart
    void started(AgentSession session) {
        recorder.record("started:" + instance + ":" + session.overrides().dynamicVariables());
    }

    @OnTranscript
    CompletionStage<String> reply(Transcript said, AgentSession session) {
        String text = said.text();
        switch (text) {
            case "fail":
                throw new IllegalStateException("scripted failure");
            case "fail later":
                return CompletableFuture.failedFuture(new IllegalStateException("scripted late failure"));
            case "end":
                session.end("Goodbye from the agent");
                return CompletableFuture.completedFuture("Goodbye");
            case "tool":
                return session.callClientTool("lookup", Map.of("query", "hours"))
                        .thenApply(result -> "The tool said " + result.result() + (result.isError() ? " (error)" : ""));
            case "instance":
                return CompletableFuture.completedFuture("instance " + instance);
            case "silence":
                return CompletableFuture.completedFuture("silence " + session.turnTaking().endOfTurnSilence().toMillis());
            case "prompt":
                return CompletableFuture.completedFuture("prompt " + session.overrides().prompt().orElse("none"));
            case "history":
                return CompletableFuture.completedFuture(session.history().stream()
                        .map(turn -> turn.speaker() + ": " + turn.text()).collect(Collectors.joining(" | ")));
            default:
                return CompletableFuture.completedFuture("You said: " + text);
        }
    }

    @OnAudio
    void audio(AudioFrame frame, AgentSession session) {
        recorder.record("audio:" + frame.data().length);
        session.sendAudio(frame);
    }

    /** Dialects without typed turns (PlayAI) script the agent with context {@code say:<command>}. */
    @OnContextUpdate
    void context(String text, AgentSession session) {
        recorder.record("context:" + text);
        if (text.startsWith("say:")) {
            reply(Transcript.typed(text.substring(4)), session).thenAccept(session::say);
        }
    }

    @OnInterruption
    void interrupted(Interruption cut) {
        recorder.record("interrupted:" + cut.heardText());
    }

    @OnError
    void failed(Exception error) {
        recorder.record("error:" + error.getMessage());
    }

    @OnSessionEnd
    void ended(SessionEnd end) {
        recorder.record("ended:" + end.reason() + ":" + end.closeCode());
    }

    @PreDestroy
    void destroyed() {
        recorder.record("destroyed:" + instance);
    }
}
