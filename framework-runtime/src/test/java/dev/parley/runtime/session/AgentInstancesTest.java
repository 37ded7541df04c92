package dev.parley.runtime.session;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.ScriptedAgent;
import dev.parley.runtime.testing.ScriptedAgent_Descriptor;
import jakarta.enterprise.inject.spi.CDI;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** How agent instances are made: by CDI whenever a container runs by the time a conversation needs one. */
class AgentInstancesTest {

    @Test
    void aCdiContainerThatStartsAfterTheRuntimeStillInjectsTheAgents() throws Exception {
        assertThrows(IllegalStateException.class, CDI::current, "no container yet, as while a server deploys");
        AgentInstances instances = AgentInstances.detect();

        try (WeldContainer container = new Weld("agent-instances-test").disableDiscovery()
                .addBeanClasses(ScriptedAgent.class, Recorder.class).initialize()) {
            AgentInstances.Instance<ScriptedAgent> instance = instances.create(new ScriptedAgent_Descriptor());
            try {
                var injected = ScriptedAgent.class.getDeclaredField("recorder");
                injected.setAccessible(true);
                assertNotNull(injected.get(instance.agent()), "@Inject Recorder");
            } finally {
                instance.destroy();
            }
        }
    }
}
