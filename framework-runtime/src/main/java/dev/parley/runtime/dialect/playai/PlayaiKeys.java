package dev.parley.runtime.dialect.playai;

import dev.parley.runtime.auth.ApiKeyList;
import java.util.Optional;
import java.util.Set;

/**
 * The PlayAI dialect's API keys. The default reads {@code parley.playai.api-keys} (comma-separated;
 * {@code key:agent1|agent2} limits a key to those agents and lets it reach them if they are private); an
 * application replaces it with a CDI bean implementing this interface. Clients offer a key in the setup
 * message's {@code apiKey}, as the {@code apiKey} query parameter, or as {@code Authorization: Bearer <key>};
 * the published web SDK sends none, so with no keys configured authentication is off.
 */
public interface PlayaiKeys {

    /**
     * What a key lets its holder reach.
     *
     * @param principal who the concurrent-session limit counts against
     * @param agents    the agents it may use; empty means every public agent
     */
    record Grant(String principal, Set<String> agents) {
        public Grant {
            agents = Set.copyOf(agents);
        }

        boolean permits(String agentId, boolean privateAgent) {
            return agents.isEmpty() ? !privateAgent : agents.contains(agentId);
        }
    }

    /** The grant of a key, or empty when it is not a valid key. */
    Optional<Grant> grant(String apiKey);

    /** Whether clients must offer a key. */
    boolean required();

    /** Keys from {@code parley.playai.api-keys}. */
    static PlayaiKeys fromSetting(String value) {
        ApiKeyList keys = ApiKeyList.parse(PlayaiSettings.API_KEYS, value, key -> !key.isBlank(), "keys must not be empty");
        return new PlayaiKeys() {
            @Override
            public Optional<Grant> grant(String apiKey) {
                return keys.find(apiKey).map(entry -> new Grant(entry.key(), entry.agents()));
            }

            @Override
            public boolean required() {
                return !keys.isEmpty();
            }
        };
    }
}
