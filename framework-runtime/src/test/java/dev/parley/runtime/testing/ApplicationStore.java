package dev.parley.runtime.testing;

import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import java.util.Optional;

/**
 * An application's own conversation store, as a CDI bean; the tests only check that it is the one chosen, so it keeps
 * nothing. No scope annotation, so the test bean archive's discovery leaves it out (every test server would use it
 * otherwise); tests add it to their container themselves.
 */
public class ApplicationStore implements ConversationStore {

    @Override
    public Optional<ConversationRecord> load(String conversationId) {
        return Optional.empty();
    }

    @Override
    public void save(ConversationRecord conversation) {
        // kept nowhere: see above
    }
}
