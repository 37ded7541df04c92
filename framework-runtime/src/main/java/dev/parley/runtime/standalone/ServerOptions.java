package dev.parley.runtime.standalone;

import dev.parley.runtime.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the standalone server listens and any setting given on the command line. Command-line values win
 * over system properties, which win over environment variables ({@code PARLEY_PORT}, {@code PARLEY_HOST}).
 *
 * @param host      the address to bind; only this one (default 127.0.0.1)
 * @param port      the port; 0 picks a free one (default 8080)
 * @param overrides settings given explicitly, by key ({@code parley.xuna.ping-interval} ...)
 */
public record ServerOptions(String host, int port, Map<String, String> overrides) {
    static final String USAGE = "Usage: [--host ADDRESS] [--port PORT] [--set parley.key=value ...]\n"
            + "Defaults: --host 127.0.0.1 --port 8080 (or PARLEY_HOST, PARLEY_PORT).";

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--host", "--port", "--set");

    public ServerOptions {
        overrides = Map.copyOf(overrides);
    }

    /** Options from the command line, falling back to system properties and the environment. */
    public static ServerOptions parse(String[] args) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
            }
            String value = name.equals(arg) ? value(args, ++i, name) : arg.substring(equals + 1);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            switch (name) {
                case "--host" -> overrides.put("parley.host", value);
                case "--port" -> overrides.put("parley.port", value);
                case "--set" -> {
                    int split = value.indexOf('=');
                    if (split <= 0) {
                        throw new IllegalArgumentException("--set takes key=value, got '" + value + "'\n" + USAGE);
                    }
                    overrides.put(value.substring(0, split), value.substring(split + 1));
                }
                default -> throw new IllegalStateException("unhandled option " + name);
            }
        }
        return from(overrides);
    }

    /** Options from explicit settings, falling back to system properties and the environment. */
    public static ServerOptions from(Map<String, String> overrides) {
        Settings settings = settings(overrides);
        return new ServerOptions(settings.get("parley.host", "127.0.0.1"), settings.getInt("parley.port", 8080), overrides);
    }

    /** The runtime's settings: these options first, then system properties, then the environment. */
    public Settings settings() {
        return settings(overrides);
    }

    private static Settings settings(Map<String, String> overrides) {
        return new Settings(key -> overrides.containsKey(key) ? overrides.get(key) : System.getProperty(key), System.getenv());
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
