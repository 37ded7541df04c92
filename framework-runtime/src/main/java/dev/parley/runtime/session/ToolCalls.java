package dev.parley.runtime.session;

import dev.parley.api.ToolResult;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The client tool calls of one conversation that await an answer. */
final class ToolCalls {
    private static final System.Logger LOG = System.getLogger(ToolCalls.class.getName());

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<ToolResult>> waiting = new ConcurrentHashMap<>();

    /** A new call id and the stage its answer completes. */
    Map.Entry<String, CompletableFuture<ToolResult>> open() {
        String id = "tool_" + ids.incrementAndGet();
        CompletableFuture<ToolResult> result = new CompletableFuture<>();
        waiting.put(id, result);
        return Map.entry(id, result);
    }

    void answer(ToolResult result) {
        CompletableFuture<ToolResult> call = waiting.remove(result.toolCallId());
        if (call == null) {
            LOG.log(Level.DEBUG, "Tool result for unknown call {0}", result.toolCallId());
            return;
        }
        call.complete(result);
    }

    /** The conversation ended: no answer will come. */
    void abandonAll() {
        waiting.values().forEach(call -> call.completeExceptionally(
                new IllegalStateException("The conversation ended before the client answered the tool call")));
        waiting.clear();
    }
}
