package dev.parley.processor;

import dev.parley.api.AgentSession;
import dev.parley.api.AudioFrame;
import dev.parley.api.ClientOverrides;
import dev.parley.api.Emotions;
import dev.parley.api.ToolResult;
import dev.parley.api.TurnTaking;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A session that only answers questions about itself. */
record TestSession(String conversationId, String agentId, String dialect, Map<String, Object> attributes)
        implements AgentSession {

    TestSession(String agentId, String dialect) {
        this("conversation-1", agentId, dialect, new HashMap<>());
    }

    @Override
    public ClientOverrides overrides() {
        return ClientOverrides.NONE;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public CompletionStage<Void> say(String text) {
        throw new UnsupportedOperationException("say");
    }

    @Override
    public CompletionStage<Void> stream(Flow.Publisher<? extends CharSequence> chunks) {
        throw new UnsupportedOperationException("stream");
    }

    @Override
    public void sendAudio(AudioFrame frame) {
        throw new UnsupportedOperationException("sendAudio");
    }

    @Override
    public CompletionStage<ToolResult> callClientTool(String toolName, Map<String, Object> parameters) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("callClientTool"));
    }

    @Override
    public void end(String reason) {
        throw new UnsupportedOperationException("end");
    }

    @Override
    public TurnTaking turnTaking() {
        return TurnTaking.DEFAULT;
    }

    @Override
    public void turnTaking(TurnTaking turnTaking) {
        throw new UnsupportedOperationException("not needed by generated-code tests");
    }

    @Override
    public java.util.List<dev.parley.api.ConversationTurn> history() {
        return java.util.List.of();
    }

    @Override
    public void publishEmotions(Emotions emotions) {
        throw new UnsupportedOperationException("not needed by generated-code tests");
    }
}
