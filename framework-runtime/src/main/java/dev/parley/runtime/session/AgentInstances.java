package dev.parley.runtime.session;

import dev.parley.api.spi.AgentDescriptor;
import java.lang.System.Logger.Level;

/**
 * Creates one agent instance per session and destroys it at the end: through CDI when a container runs
 * (so injection and {@code @PreDestroy} work), otherwise through the generated no-argument constructor.
 */
public final class AgentInstances {
    private static final System.Logger LOG = System.getLogger(AgentInstances.class.getName());

    /** An agent instance and the way to release it. */
    public interface Instance<A> {
        A agent();

        void destroy();
    }

    /** Whether agents come from CDI: decided when the first agent is created, then fixed. */
    private volatile Boolean cdi;

    private AgentInstances() {
    }

    /**
     * Uses CDI if a container runs in this application when the first agent is created. Not earlier: a Jakarta EE
     * server may register the endpoints (and so start the runtime) before the application's CDI container is up,
     * as WildFly does, and agents made without it would miss their injected fields.
     */
    public static AgentInstances detect() {
        return new AgentInstances();
    }

    public <A> Instance<A> create(AgentDescriptor<A> descriptor) {
        if (usesCdi()) {
            return CdiAgents.create(descriptor.agentClass());
        }
        A agent = descriptor.newInstance();
        if (agent == null) {
            throw new IllegalStateException("Agent " + descriptor.agentClass().getName() + " has only an @Inject "
                    + "constructor, but no CDI container is running: start Parley with CDI (the standalone launcher "
                    + "does) or add a no-argument constructor.");
        }
        return new Instance<>() {
            @Override
            public A agent() {
                return agent;
            }

            @Override
            public void destroy() {
                // a plain object: nothing to release
            }
        };
    }

    private boolean usesCdi() {
        Boolean decided = cdi;
        if (decided == null) {
            decided = CdiAgents.available();
            cdi = decided;
            LOG.log(Level.DEBUG, "Agents are created {0}", decided ? "by CDI" : "with their no-argument constructors");
        }
        return decided;
    }
}
