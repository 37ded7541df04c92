package dev.parley.runtime.config;

import java.util.ServiceConfigurationError;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * MicroProfile Config, where the server provides it (WildFly, Payara, Open Liberty): settings can then also come
 * from the server's configuration and the application's {@code META-INF/microprofile-config.properties}.
 */
final class MicroProfileConfig {
    private static final String API = "org.eclipse.microprofile.config.ConfigProvider";

    private MicroProfileConfig() {
    }

    /** A lookup in the application's MicroProfile Config; without one (no API, no implementation), one that finds nothing. */
    static Function<String, String> lookup(ClassLoader application) {
        try {
            // this class links against the API: check it is there before touching it (the standalone launcher has none)
            Class.forName(API, false, MicroProfileConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return key -> null;
        }
        Config config;
        try {
            config = ConfigProvider.getConfig(application);
        } catch (IllegalStateException | ServiceConfigurationError noImplementation) {
            return key -> null;
        }
        return key -> config.getOptionalValue(key, String.class).orElse(null);
    }
}
