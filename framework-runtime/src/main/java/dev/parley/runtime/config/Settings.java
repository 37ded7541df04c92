package dev.parley.runtime.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parley's configuration: a key such as {@code parley.xuna.ping-interval} is read from the system property
 * of that name, then from MicroProfile Config when the server provides it, then from the environment variable
 * {@code PARLEY_XUNA_PING_INTERVAL}. Every key and its default is listed in docs/configuration.md.
 */
public final class Settings {
    private final Function<String, String> properties;
    private final Map<String, String> environment;

    public Settings(Function<String, String> properties, Map<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Settings from this JVM's system properties, the application's MicroProfile Config if any, and the environment. */
    public static Settings fromSystem() {
        Function<String, String> microProfile = MicroProfileConfig.lookup(Thread.currentThread().getContextClassLoader());
        return new Settings(key -> {
            String property = System.getProperty(key);
            return property != null ? property : microProfile.apply(key);
        }, System.getenv());
    }

    public Optional<String> get(String key) {
        String value = properties.apply(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(value -> parse(key, value, Integer::parseInt)).orElse(defaultValue);
    }

    /** A switch written {@code on}/{@code off} (or {@code true}/{@code false}). */
    public boolean getSwitch(String key, boolean defaultValue) {
        return get(key).map(value -> parse(key, value, Settings::onOff)).orElse(defaultValue);
    }

    /** A duration written as milliseconds ({@code 500}) or ISO-8601 ({@code PT0.5S}). */
    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(value -> parse(key, value, Settings::duration)).orElse(defaultValue);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Duration duration(String value) {
        return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value) : Duration.ofMillis(Long.parseLong(value));
    }

    private static boolean onOff(String value) {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("it is 'on' or 'off'");
        };
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting " + key + " (or " + environmentName(key) + ") has the invalid value '"
                    + value + "': " + e.getMessage(), e);
        }
    }
}
