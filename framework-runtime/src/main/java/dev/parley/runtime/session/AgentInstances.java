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

    private final boolean cdi;

    private AgentInstances(boolean cdi) {
        this.cdi = cdi;
    }

    /** Uses CDI if a container is running in this application, checked once. */
    public static AgentInstances detect() {
        boolean available = CdiAgents.available();
        LOG.log(Level.DEBUG, "Agents are created {0}", available ? "by CDI" : "with their no-argument constructors");
        return new AgentInstances(available);
    }

    public <A> Instance<A> create(AgentDescriptor<A> descriptor) {
        if (cdi) {
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
}
