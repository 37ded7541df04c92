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

    public ServerOptions {
        overrides = Map.copyOf(overrides);
    }

    /** Options from the command line, falling back to system properties and the environment. */
    public static ServerOptions parse(String[] args) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") && arg.startsWith("--") && !arg.startsWith("--set") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (name) {
                case "--host" -> overrides.put("parley.host", inline != null ? inline : value(args, ++i, name));
                case "--port" -> overrides.put("parley.port", inline != null ? inline : value(args, ++i, name));
                case "--set" -> {
                    String setting = value(args, ++i, name);
                    int equals = setting.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--set takes key=value, got '" + setting + "'\n" + USAGE);
                    }
                    overrides.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
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
