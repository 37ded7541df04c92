package dev.parley.runtime.dialect;

import dev.parley.api.spi.DialectContext;
import dev.parley.runtime.config.Settings;
import java.util.Map;

/** The runtime's settings as a dialect sees them (system properties and environment already consulted). */
public final class DialectSettings {
    private DialectSettings() {
    }

    public static Settings of(DialectContext context) {
        return new Settings(key -> context.setting(key, null), Map.of());
    }
}
