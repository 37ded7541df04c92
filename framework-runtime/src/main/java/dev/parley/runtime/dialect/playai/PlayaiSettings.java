package dev.parley.runtime.dialect.playai;

import dev.parley.runtime.config.Settings;
import java.time.Duration;

/**
 * The dialect's tunables (docs/configuration.md).
 *
 * @param setupTimeout       how long a client may take to send {@code setup}
 * @param sessionsPerKey     concurrent sessions per API key (4429 beyond it)
 * @param agentOwnerId       the {@code agentOwnerId} of the {@code init} message
 * @param language           the conversation language the {@code init} message reports when the client names none
 */
record PlayaiSettings(Duration setupTimeout, int sessionsPerKey, String agentOwnerId, String language) {
    static final String API_KEYS = "parley.playai.api-keys";

    static PlayaiSettings from(Settings settings) {
        return new PlayaiSettings(
                settings.getDuration("parley.playai.setup-timeout", Duration.ofSeconds(15)),
                settings.getInt("parley.playai.sessions-per-key", 10),
                settings.get("parley.playai.agent-owner-id", "parley"),
                settings.get("parley.playai.language", "en"));
    }
}
