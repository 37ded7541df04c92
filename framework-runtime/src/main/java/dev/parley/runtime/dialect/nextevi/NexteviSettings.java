package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.config.Settings;
import java.time.Duration;

/**
 * The dialect's tunables (docs/configuration.md). Credentials are read by {@link NexteviCredentials#fromSettings}.
 *
 * @param settingsTimeout how long to wait for {@code session_settings} before starting with the defaults
 * @param limits          the API's limits
 * @param emotionDetector which emotion detector to use: a name, empty for the one there is, {@code none} for none
 */
record NexteviSettings(Duration settingsTimeout, NexteviLimits limits, String emotionDetector) {

    static NexteviSettings from(Settings settings) {
        return new NexteviSettings(
                settings.getDuration("parley.nextevi.settings-timeout", Duration.ofSeconds(3)),
                NexteviLimits.from(settings),
                settings.get("parley.nextevi.emotion-detector", ""));
    }
}
