package dev.parley.runtime.session;

import jakarta.enterprise.inject.Instance.Handle;
import jakarta.enterprise.inject.spi.CDI;

/** Agent instances from the CDI container; kept apart so the runtime loads without the CDI API. */
final class CdiAgents {
    private CdiAgents() {
    }

    static boolean available() {
        try {
            CDI.current();
            return true;
        } catch (NoClassDefFoundError | IllegalStateException noContainer) {
            return false;
        }
    }

    static <A> AgentInstances.Instance<A> create(Class<A> type) {
        Handle<A> handle = CDI.current().select(type).getHandle();
        A agent = handle.get();
        return new AgentInstances.Instance<>() {
            @Override
            public A agent() {
                return agent;
            }

            @Override
            public void destroy() {
                handle.destroy();
            }
        };
    }
}
