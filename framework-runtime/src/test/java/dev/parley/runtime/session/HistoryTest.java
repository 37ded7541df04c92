package dev.parley.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.api.ConversationTurn;
import dev.parley.api.ConversationTurn.Speaker;
import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import dev.parley.runtime.store.InMemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final InMemoryConversationStore store = new InMemoryConversationStore(10, Duration.ofHours(1), Clock.systemUTC());

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private List<String> stored(String id) throws InterruptedException {
        workers.submit(() -> { }); // saves run in order on the workers: wait for those before it
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        return store.load(id).orElseThrow().turns().stream().map(turn -> turn.speaker() + ": " + turn.text()).toList();
    }

    @Test
    void turnsContinueTheEarlierConversationAndAreSavedInOrder() throws InterruptedException {
        var earlier = new ConversationRecord("c1", "concierge", List.of(
                new ConversationTurn(Speaker.USER, "hello", java.time.Instant.EPOCH)));
        History history = new History(earlier, store, workers, Clock.systemUTC());
        history.user("what are your opening hours");
        history.agent(2, "We are open from nine to five.");
        assertEquals(List.of("USER: hello", "USER: what are your opening hours", "AGENT: We are open from nine to five."),
                stored("c1"));
    }

    @Test
    void anInterruptedResponseIsKeptAsFarAsItWasHeard() throws InterruptedException {
        History history = new History(new ConversationRecord("c2", "concierge", List.of()), store, workers, Clock.systemUTC());
        history.agent(1, "Once upon a time there was a king.");
        history.interrupted(1, "Once upon a time");
        history.interrupted(3, "");
        assertEquals(List.of("AGENT: Once upon a time"), stored("c2"));
    }

    @Test
    void aResponseCutBeforeItsTextWasCompleteIsAddedAsHeard() throws InterruptedException {
        History history = new History(new ConversationRecord("c3", "concierge", List.of()), store, workers, Clock.systemUTC());
        history.user("tell me a story");
        history.interrupted(2, "Once");
        assertEquals(List.of("USER: tell me a story", "AGENT: Once"), stored("c3"));
    }

    /** A store whose first save waits for {@code release}; records every save's turns. */
    private static final class SlowStore implements ConversationStore {
        final CountDownLatch release = new CountDownLatch(1);
        final List<List<String>> saves = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public Optional<ConversationRecord> load(String conversationId) {
            return Optional.empty();
        }

        @Override
        public void save(ConversationRecord conversation) {
            saves.add(conversation.turns().stream().map(ConversationTurn::text).toList());
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new IllegalStateException("the store is down");
            }
        }
    }

    @Test
    void changesMadeWhileASaveIsUnderWayAreSavedTogetherByTheNextOne() throws Exception {
        SlowStore slow = new SlowStore();
        History history = new History(new ConversationRecord("c4", "concierge", List.of()), slow, workers, Clock.systemUTC());
        history.user("one");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (slow.saves.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        history.user("two");
        history.agent(1, "three");
        history.user("four");
        slow.release.countDown();
        history.saved().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("one"), List.of("one", "two", "three", "four")), slow.saves);
    }

    @Test
    void savedCompletesEvenWhenTheStoreFailsAndTheNextChangeIsSavedAgain() throws Exception {
        SlowStore failing = new SlowStore();
        failing.failing = true;
        failing.release.countDown();
        History history = new History(new ConversationRecord("c5", "concierge", List.of()), failing, workers, Clock.systemUTC());
        history.user("lost");
        history.saved().get(5, TimeUnit.SECONDS);
        failing.failing = false;
        history.user("kept");
        history.saved().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("lost"), List.of("lost", "kept")), failing.saves);
    }
}
