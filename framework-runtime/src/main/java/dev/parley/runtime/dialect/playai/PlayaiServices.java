package dev.parley.runtime.dialect.playai;

import dev.parley.api.spi.DialectContext;
import dev.parley.runtime.config.CdiBeans;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.dialect.ConcurrentSessions;
import dev.parley.runtime.dialect.DialectSettings;
import java.lang.System.Logger.Level;

/**
 * What the dialect's connections share, made from the settings when the first connection arrives.
 *
 * @param settings the dialect's settings
 * @param keys     the API keys
 * @param sessions open sessions per key, for the concurrent-session limit
 */
record PlayaiServices(PlayaiSettings settings, PlayaiKeys keys, ConcurrentSessions sessions) {
    private static final System.Logger LOG = System.getLogger(PlayaiServices.class.getName());

    /**
     * @throws IllegalArgumentException when a setting is invalid
     */
    static PlayaiServices create(DialectContext context) {
        Settings settings = DialectSettings.of(context);
        PlayaiSettings playai = PlayaiSettings.from(settings);
        PlayaiKeys keys = CdiBeans.unique(PlayaiKeys.class)
                .orElseGet(() -> PlayaiKeys.fromSetting(settings.get(PlayaiSettings.API_KEYS, "")));
        if (!keys.required()) {
            LOG.log(Level.WARNING, "PlayAI clients are not authenticated: no API key is configured (set "
                    + PlayaiSettings.API_KEYS + "). Public agents are open to anyone who can connect.");
        }
        return new PlayaiServices(playai, keys, new ConcurrentSessions(playai.sessionsPerKey()));
    }
}
