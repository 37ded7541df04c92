package dev.parley.runtime.session;

import java.util.concurrent.CompletableFuture;

/** One agent response: its id, the text produced so far, and how to stop whatever is producing it. */
final class AgentResponse {
    final long id;
    final StringBuilder text = new StringBuilder();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** An audio-only response (agent audio sent outside any reply) stays open until the next one starts. */
    final boolean openEnded;
    /** All its text has been produced (its speech may still be playing). */
    boolean textComplete;
    private volatile boolean cancelled;
    private volatile Runnable cancelAction = () -> { };

    AgentResponse(long id, boolean openEnded) {
        this.id = id;
        this.openEnded = openEnded;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** What stops the producer (closing a stream, cancelling a subscription); runs at once if already cancelled. */
    void onCancel(Runnable action) {
        cancelAction = action;
        if (cancelled) {
            action.run();
        }
    }

    void cancel() {
        cancelled = true;
        cancelAction.run();
        done.complete(null);
    }
}
