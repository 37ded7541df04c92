package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.ParleyRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Key;
import java.util.List;
import java.util.Optional;

/**
 * An application's credential store as a CDI bean, which replaces the dialect's default: it answers from the
 * settings, except for one key, whose lookup fails as it would when the store is down.
 */
@ApplicationScoped
public class FailingCredentials implements NexteviCredentials {
    static final String UNAVAILABLE_KEY = "oak_store_is_down";

    private volatile NexteviCredentials settings;

    @Override
    public Optional<NexteviGrant> apiKey(String apiKey) {
        if (apiKey.equals(UNAVAILABLE_KEY)) {
            throw new IllegalStateException("The credential store is unavailable");
        }
        return settings().apiKey(apiKey);
    }

    @Override
    public List<Key> jwtKeys() {
        return settings().jwtKeys();
    }

    @Override
    public boolean required() {
        return settings().required();
    }

    private NexteviCredentials settings() {
        NexteviCredentials current = settings;
        if (current == null) {
            current = NexteviCredentials.fromSettings(ParleyRuntime.current().settings());
            settings = current;
        }
        return current;
    }
}
