package dev.parley.runtime.session;

import dev.parley.api.AudioFrame;
import dev.parley.api.Interruption;
import dev.parley.api.spi.Reply;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The agent's responses of one conversation, played one after another: a response starts when the one
 * before it is complete, and an interruption stops the playing one and drops those still waiting.
 */
final class Responses {

    /** Where a failed reply is reported. */
    interface FailureListener {
        void replyFailed(Throwable failure);
    }

    private final Output output;
    private Voice voice = Voice.SILENT;
    private final ReplyPlayer player;
    private final LongSupplier ids;
    private final FailureListener failures;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private AgentResponse active;
    /** What waits for the agent to have nothing left to say ({@code end()}, a draining server), in order. */
    private final ArrayDeque<Runnable> whenIdle = new ArrayDeque<>();

    /** A reply waiting its turn; {@code greeting} is its text when it is the agent's greeting, else null. */
    private record Pending(AgentResponse response, Reply reply, String greeting) {
    }

    Responses(Output output, ReplyPlayer player, LongSupplier ids, FailureListener failures) {
        this.output = output;
        this.player = player;
        this.ids = ids;
        this.failures = failures;
    }

    /** Speaks responses from now on (set before the first response). */
    synchronized void voice(Voice voice) {
        this.voice = voice;
    }

    /** Whether a response is being produced or spoken, so that user speech now is a barge-in. */
    synchronized boolean speaking() {
        return active != null && !active.openEnded;
    }

    /** Queues a reply; the stage completes when it has been played in full or was interrupted. */
    synchronized CompletionStage<Void> enqueue(Reply reply) {
        return enqueue(reply, null);
    }

    /** Queues the agent's greeting, which dialects may mark as such. */
    synchronized CompletionStage<Void> enqueueGreeting(String greeting) {
        return enqueue(Reply.of(greeting), greeting);
    }

    private CompletionStage<Void> enqueue(Reply reply, String greeting) {
        if (reply instanceof Reply.None) {
            return CompletableFuture.completedFuture(null);
        }
        AgentResponse response = new AgentResponse(ids.getAsLong(), false);
        waiting.add(new Pending(response, reply, greeting));
        if (active != null && active.openEnded) {
            finish(active);
        } else if (active == null) {
            startNext();
        }
        return response.done;
    }

    /** Agent audio: part of the playing response, or of an open-ended one started for it. */
    synchronized void audio(AudioFrame frame) {
        if (active == null) {
            active = new AgentResponse(ids.getAsLong(), true);
            output.responseStarted(active.id);
        }
        output.responseAudio(active.id, frame);
    }

    synchronized void text(AgentResponse response, CharSequence delta) {
        if (response != active || response.cancelled() || delta.length() == 0) {
            return;
        }
        response.text.append(delta);
        output.responseText(response.id, delta.toString(), response.text.toString());
        voice.text(response.id, delta.toString());
    }

    /** The response's text is complete; it stays active until its speech has played. */
    synchronized void finish(AgentResponse response) {
        if (response != active || response.cancelled() || response.textComplete) {
            return;
        }
        response.textComplete = true;
        output.responseCompleted(response.id, response.text.toString());
        if (response.openEnded) {
            playedOut(response);
        } else {
            voice.endOfText(response.id, () -> playedOut(response));
        }
    }

    private synchronized void playedOut(AgentResponse response) {
        if (response != active || response.cancelled()) {
            return;
        }
        output.responsePlayedOut(response.id);
        response.done.complete(null);
        active = null;
        startNext();
    }

    void fail(AgentResponse response, Throwable failure) {
        if (response.cancelled()) {
            return; // stopping it is what made the producer fail
        }
        finish(response);
        failures.replyFailed(failure);
    }

    /** Stops the playing response and drops the waiting ones; returns what was cut off, if anything. */
    synchronized Optional<Interruption> interrupt() {
        waiting.forEach(pending -> pending.response().cancel());
        waiting.clear();
        AgentResponse cut = active;
        if (cut == null) {
            return Optional.empty();
        }
        active = null;
        cut.cancel();
        String text = cut.text.toString();
        String heard = cut.openEnded ? null : voice.stop(cut.id);
        Interruption interruption = new Interruption(cut.id, text, heard == null ? text : heard);
        output.interrupted(interruption);
        runWhenIdle();
        return Optional.of(interruption);
    }

    /** Runs {@code action} once every queued response has been played (at once if none is). */
    synchronized void whenIdle(Runnable action) {
        whenIdle.add(action);
        if (active == null || active.openEnded) {
            runWhenIdle();
        }
    }

    /** The conversation closed: stop everything without telling anyone. */
    synchronized void cancelAll() {
        waiting.forEach(pending -> pending.response().cancel());
        waiting.clear();
        if (active != null) {
            voice.stop(active.id);
            active.cancel();
            active = null;
        }
        whenIdle.clear();
    }

    private void startNext() {
        Pending next = waiting.poll();
        if (next == null) {
            runWhenIdle();
            return;
        }
        active = next.response();
        if (next.greeting() == null) {
            output.responseStarted(active.id);
        } else {
            output.greetingStarted(active.id, next.greeting());
        }
        player.play(next.reply(), active, this);
    }

    private void runWhenIdle() {
        Runnable action;
        while ((action = whenIdle.poll()) != null) {
            action.run();
        }
    }
}
