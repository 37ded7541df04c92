package dev.parley.runtime.endpoint;

import dev.parley.api.spi.Dialect;
import dev.parley.runtime.ParleyRuntime;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Registers one endpoint per path of every dialect that at least one agent speaks. Jakarta EE servers find
 * this class in {@code WEB-INF/lib} by themselves; the standalone launcher hands it to Tyrus.
 */
public final class ParleyServerApplicationConfig implements ServerApplicationConfig {
    private static final System.Logger LOG = System.getLogger(ParleyServerApplicationConfig.class.getName());

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        ParleyRuntime runtime = ParleyRuntime.current();
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        for (Dialect dialect : runtime.dialects()) {
            boolean spoken = runtime.agents().values().stream().anyMatch(agent -> agent.speaks(dialect.id()));
            if (!spoken) {
                continue;
            }
            for (String path : dialect.paths()) {
                configs.add(ServerEndpointConfig.Builder.create(DialectEndpoint.class, path)
                        .subprotocols(dialect.subprotocols())
                        .configurator(new DialectConfigurator(runtime, dialect))
                        .build());
                LOG.log(Level.INFO, "Dialect {0} listens on {1} for agents {2}", dialect.id(), path,
                        runtime.agents().values().stream().filter(a -> a.speaks(dialect.id())).map(a -> a.id()).toList());
            }
        }
        return configs;
    }

    /**
     * Parley registers its endpoints programmatically; annotated endpoints of the application stay as they are.
     * (Tyrus' standalone server scans nothing and passes null.)
     */
    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned == null ? Set.of() : scanned;
    }
}
