package dev.parley.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Settings in a server with MicroProfile Config (SmallRye here, as in WildFly): its values are read, system
 * properties still win. The values come from this module's test {@code META-INF/microprofile-config.properties}.
 */
class MicroProfileSettingsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty("parley.test.overridden");
    }

    @Test
    void aKeyOnlyMicroProfileConfigHasIsFound() {
        assertEquals("yes", Settings.fromSystem().get("parley.test.from-microprofile").orElseThrow());
    }

    @Test
    void aSystemPropertyWinsOverMicroProfileConfig() {
        assertEquals("from microprofile", Settings.fromSystem().get("parley.test.overridden").orElseThrow());
        System.setProperty("parley.test.overridden", "from the command line");
        assertEquals("from the command line", Settings.fromSystem().get("parley.test.overridden").orElseThrow());
    }

    @Test
    void aKeyNobodyHasIsEmpty() {
        assertTrue(Settings.fromSystem().get("parley.test.nowhere").isEmpty());
    }
}
