package dev.parley.runtime.session;

import dev.parley.api.ConversationTurn;
import dev.parley.api.ConversationTurn.Speaker;
import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A conversation's finished turns, saved to the {@link ConversationStore} after each change. Saves run one at
 * a time off the caller's thread (a shared store does network I/O), each with the latest snapshot: changes made
 * while a save is under way are saved together by the next one, so a slow store costs one save at a time per
 * conversation, however fast turns come, and the store always ends with the latest.
 */
final class History {
    private static final System.Logger LOG = System.getLogger(History.class.getName());

    private final String conversationId;
    private final String agentId;
    private final ConversationStore store;
    private final SerialExecutor saves;
    private final Clock clock;
    private final List<ConversationTurn> turns;
    /** The response whose text is the last agent turn, so an interruption can shorten it to what was heard. */
    private long lastResponseId = -1;
    /** The snapshot waiting to be saved, or null when a save of the latest is already under way or done. */
    private ConversationRecord unsaved;

    History(ConversationRecord earlier, ConversationStore store, Executor workers, Clock clock) {
        this.conversationId = earlier.conversationId();
        this.agentId = earlier.agentId();
        this.turns = new ArrayList<>(earlier.turns());
        this.store = store;
        this.saves = new SerialExecutor(workers);
        this.clock = clock;
    }

    synchronized List<ConversationTurn> turns() {
        return List.copyOf(turns);
    }

    synchronized void user(String text) {
        turns.add(new ConversationTurn(Speaker.USER, text, clock.instant()));
        save();
    }

    synchronized void agent(long responseId, String text) {
        if (addAgentTurn(responseId, text)) {
            save();
        }
    }

    /** The user cut the response off: the history keeps what they heard of it. */
    synchronized void interrupted(long responseId, String heard) {
        boolean changed = false;
        if (responseId == lastResponseId) {
            turns.remove(turns.size() - 1);
            lastResponseId = -1;
            changed = true;
        }
        if (addAgentTurn(responseId, heard) || changed) {
            save();
        }
    }

    private boolean addAgentTurn(long responseId, String text) {
        if (text.isEmpty()) {
            return false;
        }
        turns.add(new ConversationTurn(Speaker.AGENT, text, clock.instant()));
        lastResponseId = responseId;
        return true;
    }

    /** Completes once every change made so far has been saved (or its save failed, which is logged). */
    CompletableFuture<Void> saved() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        saves.execute(() -> done.complete(null));
        return done;
    }

    private void save() {
        boolean scheduled = unsaved != null;
        unsaved = new ConversationRecord(conversationId, agentId, turns);
        if (!scheduled) {
            saves.execute(this::saveLatest);
        }
    }

    /** On the saves executor. */
    private void saveLatest() {
        ConversationRecord snapshot;
        synchronized (this) {
            snapshot = unsaved;
            unsaved = null;
        }
        try {
            store.save(snapshot);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "Saving conversation " + conversationId + " failed; it may not be continued "
                    + "with its latest turns", failure);
        }
    }
}
