package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.config.CdiBeans;
import dev.parley.runtime.dialect.DialectSettings;
import dev.parley.api.spi.DialectContext;
import dev.parley.runtime.ParleyRuntime;
import dev.parley.runtime.config.Settings;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the dialect's connections share, made from the settings when the first connection arrives (settings do not
 * change while a runtime runs).
 *
 * @param settings        the dialect's settings
 * @param gatekeeper      admission, with the rate and session counters
 * @param emotionDetector the emotion detector, if one is configured
 * @param workers         where emotion detection runs
 */
record NexteviServices(NexteviSettings settings, Gatekeeper gatekeeper, Optional<EmotionDetector> emotionDetector,
                       Executor workers) {
    private static final System.Logger LOG = System.getLogger(NexteviServices.class.getName());

    /**
     * @throws IllegalArgumentException when a setting is invalid
     */
    static NexteviServices create(DialectContext context) {
        Settings settings = DialectSettings.of(context);
        NexteviSettings nextevi = NexteviSettings.from(settings);
        NexteviCredentials credentials = CdiBeans.unique(NexteviCredentials.class)
                .orElseGet(() -> NexteviCredentials.fromSettings(settings));
        if (!credentials.required()) {
            LOG.log(Level.WARNING, "NextEVI clients are not authenticated: no API key or JWT key is configured (set "
                    + SettingsCredentials.API_KEYS + ", " + SettingsCredentials.HS256_SECRET + " or "
                    + SettingsCredentials.RS256_PUBLIC_KEY + "). Public agents are open to anyone who can connect.");
        }
        // the dialect SPI offers no executor; the runtime's shared worker pool is the one handlers run on too
        return new NexteviServices(nextevi, new Gatekeeper(credentials, nextevi.limits()),
                EmotionDetectors.find(nextevi.emotionDetector()), ParleyRuntime.current().workers());
    }
}
